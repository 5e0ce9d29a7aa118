import ArgumentParser
import Foundation
import GLPKSwift
import NTPDomain
import NTPPlanning

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
    /// exit status, and every other error as ArgumentParser reports it.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as PlanningError {
            Foundation.exit(Failure.report(error))
        } catch {
            exit(withError: error)
        }
    }
}
