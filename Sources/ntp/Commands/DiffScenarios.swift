import ArgumentParser
import Foundation
import NTPPlanning
import NTPReports
import NTPText
import NTPData

/// `ntp diff-scenarios`: what differs between two scenarios' effective inputs, value by value.
struct DiffScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-scenarios",
        abstract: "Show what differs between two scenarios' effective inputs (after extends and envelope_changes), value by value.",
        discussion: """
            Each scenario is resolved as ntp plan reads it. Values are compared by key path; envelopes and \
            rules are matched by program, source, level and years, not by their place in the list. Exit \
            status: 0 when the inputs are the same, 3 when they differ, 1 on an error.
            """
    )


    @Argument(help: "The first scenario file.")
    var first: String

    @Argument(help: "The second scenario file.")
    var second: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "table, md or json.")
    var format: ScenarioDiffReport.Format = .table

    func run() throws {
        let dataSet = try options.load()
        var diagnostics = Diagnostics()
        let a = ResolvedScenario.load(url: URL(fileURLWithPath: first), catalogs: dataSet.catalogs, diagnostics: &diagnostics)
        let b = ResolvedScenario.load(url: URL(fileURLWithPath: second), catalogs: dataSet.catalogs, diagnostics: &diagnostics)
        try requireNoErrors(diagnostics, lang: lang)
        guard let a, let b else { throw ExitCode.failure }
        let differences = a.differences(from: b)
        print(ScenarioDiffReport(differences: differences, first: a, second: b, lang: lang).render(format), terminator: "")
        if !differences.isEmpty { throw ExitCode(3) }
    }
}

extension ScenarioDiffReport.Format: ExpressibleByArgument {}
