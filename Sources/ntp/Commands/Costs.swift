import ArgumentParser
import CSV
import Foundation
import NTPPlanning
import NTPReports
import NTPText
import NTPData
import NTPDomain

/// `ntp costs`: what each missing criterion costs in each commune of a scenario, and why.
struct Costs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The cost of each missing criterion in each commune of a scenario, with its basis.",
        discussion: """
            Costs come from the norms in Data/catalogs/cost-norms.yaml, applied in this order: the norm at \
            the chosen level, the scenario's calibration factor, each commune multiplier whose condition \
            holds, and last a department's override, which replaces the result. The steps column says \
            what was applied; --basis lists the sources of each norm.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "Cost level: low, base or high (default: the scenario's, else base).")
    var level: CostLevel?

    @Option(help: "Output format.")
    var format: Format = .table


    @Flag(help: "List the basis of every norm used.")
    var basis = false


    func run() throws {
        var diagnostics = Diagnostics()
        let dataSet = try options.load().including(scenarioAt: URL(fileURLWithPath: scenario), diagnostics: &diagnostics)
        let loaded = CostScenario.load(url: URL(fileURLWithPath: scenario), data: dataSet, level: level, diagnostics: &diagnostics)
        try requireNoErrors(diagnostics, lang: lang)
        guard let loaded else { throw ExitCode.failure }
        let costs = loaded.costs()
        let report = CostReport(scenario: loaded, costs: costs, lang: lang, basis: basis)
        switch format {
        case .table: print(report.table, terminator: "")
        case .csv: print(try report.csv(), terminator: "")
        }
    }
}

extension CostLevel: ExpressibleByArgument {}
