import ArgumentParser
import Foundation
import GLPKSwift
import NTPDomain
import NTPPlanning
import NTPText

@main
struct NTP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ntp",
        abstract: "NTP Planner: split capital across communes and New Rural Development criteria.",
        discussion: """
            Finance-planning departments use ntp to split central, local, integrated and credit capital \
            across the criteria communes still miss under the National Target Programs. It checks the data \
            and the plans it comes from, the money of a scenario against its rules and what each missing \
            criterion costs; reads a department's own workbook into a scenario; proposes the allocation that meets the most criteria soonest (GLPK), compares it \
            with simple baselines and other plans, and exports it to Excel, CSV, JSON and an HTML report.
            """,
        version: PlanDocument.generator,
        subcommands: [Validate.self, Show.self, Template.self, Import.self, Budget.self, Costs.self, Calibrate.self, Plan.self, BaselineCommand.self, Explain.self, Compare.self, Export.self, DiffScenarios.self, Sweep.self, Serve.self, StoreCommand.self, Generate.self, Solve.self]
    )

    /// Parses and runs the command; errors of the planning library are reported here, each with its
    /// exit status. Every other error (an option's value refused, a missing argument) ends with its
    /// message and where to find the command's help, in the language asked (ArgumentParser's own
    /// sentences as `ParserMessages` words them); in English ArgumentParser writes it, usage included. Help and the version are printed by ArgumentParser.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as PlanningError {
            Foundation.exit(Failure.report(error))
        } catch {
            let code = exitCode(for: error)
            let lang = Failure.language
            guard code != .success, lang == .vi else { exit(withError: error) }
            let arguments = CommandLine.arguments.dropFirst()
            let command = configuration.subcommands.first { $0._commandName == arguments.first }.map { "ntp \($0._commandName)" } ?? "ntp"
            StandardError.write(lang("Error: \(ParserMessages.message(message(for: error)))") + "\n" + lang("See '\(command) --help' for more information.") + "\n")
            Foundation.exit(code.rawValue)
        }
    }
}
