import ArgumentParser
import Foundation
import NTPPlanning
import NTPReports
import NTPText
import NTPData

/// `ntp generate`: a deterministic synthetic province in the real data formats, for benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic province: a scenario, its status table and a data folder.",
        discussion: """
            OUT gets scenario.yaml, status.csv and data/ (the catalogs of --data copied unchanged, and \
            localities.csv, attributes.csv and merges.csv of the synthetic province). Plan it with \
            `ntp plan OUT/scenario.yaml --data OUT/data`; ntp baseline and ntp validate read it the same way. \
            Communes: a class mix (border, especially difficult, ethnic zones I-III, other; some safe-zone), \
            6-15 of 19 criteria met, a terrain and a population each; costs from the cost model of --data \
            with its multipliers; envelopes from seven sources and every year covering a third to a half of \
            the need; an official schedule of 1-3 criteria a commune a year. Years: 1-5 end in 2025 (phase \
            2021-2025, communes in districts), 6-10 start in 2026 (phase 2026-2035, no districts). The \
            same arguments give byte-identical files. docs/generate.md gives every distribution.
            """
    )

    @Option(help: "Number of communes (1-99999).")
    var communes: Int

    @Option(help: "Number of years (1-10).")
    var years: Int = 4

    @Option(help: "Seed of the random draws (a whole number ≥ 0).")
    var seed: UInt64 = 1

    @Option(help: "At most this many criteria per commune a year (policy.capacity).")
    var capacity: Int = 3

    @Flag(help: "No capacity limit in the scenario.")
    var noCapacity = false

    @Option(help: "The output folder; it must not exist, or be empty, unless --force.")
    var out: String

    @Flag(help: "Replace the output folder if it exists and is not empty.")
    var force = false

    @Option(help: "The data folder whose catalogs and cost model are used (default: as every command finds it).")
    var data: String?

    @Option(help: "Language of the messages: vi or en.")
    var lang: Language = .vi

    var parameters: SyntheticScenario.Parameters {
        SyntheticScenario.Parameters(communes: communes, years: years, seed: seed, capacity: noCapacity ? nil : capacity)
    }

    func validate() throws {
        if let problem = parameters.problem { throw ValidationError(lang(problem)) }
        if out.isEmpty { throw ValidationError(lang("--out must name a folder")) }
    }

    func run() throws {
        let source = try loadDataSet(data ?? DataLocation.defaultFolder() ?? "Data")
        let province: SyntheticScenario
        do {
            province = try SyntheticScenario(parameters, source: source)
            try province.write(to: URL(fileURLWithPath: out), replace: force)
        }
        let summary = province.summary
        let classes = summary.classCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(lang("Wrote \(out): \(summary.communes) communes, \(summary.years.lowerBound)-\(summary.years.upperBound), \(summary.missingCriteria) missing criteria"))
        print(lang("Need \(SyntheticScenario.trieu(summary.needDong)) triệu; envelopes \(SyntheticScenario.trieu(summary.envelopesDong)) triệu (\(SyntheticScenario.percent(summary.fundedShare)) of the need)"))
        print(lang("Classes: \(classes)"))
        print(lang("Plan it: ntp plan \(out)/\(SyntheticScenario.scenarioFile) --data \(out)/\(SyntheticScenario.dataFolder)"))
    }
}
