import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPPlanning
import NTPReports
import NTPText

/// `ntp sweep`: the budget-outcome curve of a scenario.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The budget-outcome curve: criteria-years and communes at standard as some sources' money is scaled.",
        discussion: """
            The model is built once, with the scenario's options (as ntp plan reads them); each point scales \
            the envelopes of the given sources (and the sources below them) and solves again, changing only \
            the right-hand sides of their rows and the caps on what they carry over; the search by commune \
            keeps its master LP and its communes' proposals from one point to the next. Live progress on \
            standard error names the point. With the optimum at every point the curve never falls as money grows; with a gap it can, by up to the gap.
            """
    )

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "A capital source to scale, repeatable (e.g. central_investment); its sub-sources scale with it.")
    var source: [String]

    @Option(help: "Scales as FROM:TO:STEP within 0-10, at most 1000 points, e.g. 0.5:1.5:0.1 (1 is the scenario's money).")
    var scale: String

    @Option(help: "table, csv or json.")
    var format: SweepReport.Format = .table

    @Option(help: "Time limit per point in seconds, at most 86400 (default: the scenario's solver.time_limit, else 60).")
    var timeLimit: Double?

    @Option(help: "Relative gap per point, 0-1 (default: the scenario's solver.gap, else 0).")
    var gap: Double?

    func validate() throws {
        try check(timeLimit, "--time-limit", Limits.timeLimitSeconds)
        try check(gap, "--gap", Limits.gap)
    }

    func run() throws {
        let scales = try SweepRun.scales(scale)
        let loaded = try LoadedScenario(scenario, data: options.data)
        printWarnings(loaded.warnings, lang: lang)
        var overrides = PlanSettings.Overrides()
        overrides.timeLimit = timeLimit
        overrides.gap = gap
        let progress = ProgressLine()
        let sweep = try SweepRun(
            loaded: loaded, sources: source, scales: scales, overrides: overrides, interval: ProgressLine.interval
        ) { progress.show($0, lang: lang) }
        progress.finish()
        print(SweepReport(rows: sweep.rows, lang: lang).render(format), terminator: "")
    }
}

extension SweepReport.Format: ExpressibleByArgument {}
