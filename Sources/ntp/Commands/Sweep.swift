import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// `ntp sweep`: the budget-outcome curve of a scenario.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The budget-outcome curve: criteria-years and communes at standard as some sources' money is scaled.",
        discussion: """
            The model is built once, with the scenario's options (as ntp plan reads them); each point scales \
            the envelopes of the given sources (and the sources below them) and solves again, changing only \
            the right-hand sides of their rows and the caps on what they carry over. With the optimum at \
            every point the curve never falls as money grows; with a gap it can, by up to the gap.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "A capital source to scale, repeatable (e.g. central_investment); its sub-sources scale with it.")
    var source: [String]

    @Option(help: "Scales as FROM:TO:STEP, e.g. 0.5:1.5:0.1 (1 is the scenario's money).")
    var scale: String

    @Option(help: "table, csv or json.")
    var format: Format = .table

    @Option(help: "Time limit per point in seconds (default: the scenario's solver.time_limit, else 60).")
    var timeLimit: Double?

    @Option(help: "Relative gap per point (default: the scenario's solver.gap, else 0).")
    var gap: Double?

    /// FROM:TO:STEP as exact decimals, TO included.
    static func scales(_ text: String) throws -> [Decimal] {
        let parts = text.split(separator: ":").map { Decimal(string: String($0), locale: Locale(identifier: "en_US_POSIX")) }
        guard parts.count == 3, let from = parts[0], let to = parts[1], let step = parts[2], from >= 0, step > 0, from <= to else {
            throw ValidationError("--scale \(text): write FROM:TO:STEP with 0 ≤ FROM ≤ TO and STEP > 0, e.g. 0.5:1.5:0.1")
        }
        let count = NSDecimalNumber(decimal: (to - from) / step).intValue
        guard count < 1000 else { throw ValidationError("--scale \(text): more than 1000 points") }
        return (0...count).map { from + Decimal($0) * step }
    }

    func run() throws {
        let scales = try Self.scales(scale)
        let loaded = try LoadedScenario(scenario, data: options.data)
        for code in source where loaded.dataSet.catalogs.source(code) == nil {
            throw ValidationError("--source \(code): unknown capital source (see Data/catalogs/capital-sources.yaml)")
        }
        let settings = PlanSettings.effective(scenario: scenario, data: options.data, options: loaded.options, timeLimit: timeLimit, gap: gap)
        let setup = try PlanSetup(settings, loaded: loaded)
        let sweep = BudgetSweep(AllocationModel(setup.instance), sources: Set(source))
        guard !sweep.envelopes.isEmpty else { throw ValidationError("no envelope of the scenario has the source \(source.joined(separator: ", ")) or one below it") }
        let points = try sweep.run(scales: scales, options: settings.solverOptions, method: settings.searchMethod) { scale in
            StandardError.write("scale \(scale)…\n")
        }
        let standard = setup.costs.communes.filter { $0.missing.isEmpty }.count
        let rows = points.map { point -> SweepRow in
            let last = setup.instance.years.last!
            return SweepRow(
                scale: point.scale, money: point.money, objective: point.result.objectiveValue, gap: point.result.relativeGap,
                criteriaYears: point.result.criteriaYears(over: setup.instance.years),
                criteriaMet: point.result.objectiveValue == nil ? nil : point.result.completion.count,
                communesAtStandard: point.result.objectiveValue == nil ? nil : standard + point.result.communesCompleting(by: last, items: setup.instance.items).count)
        }
        print(render(rows), terminator: "")
    }

    struct SweepRow: Encodable {
        let scale: Decimal
        let money: Money
        let objective: Double?
        let gap: Double?
        let criteriaYears: Int?
        let criteriaMet: Int?
        let communesAtStandard: Int?

        enum CodingKeys: String, CodingKey { case scale, money_dong, objective, relative_gap, criteria_years, criteria_met, communes_at_standard }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(scale, forKey: .scale)
            try container.encode(money.dong, forKey: .money_dong)
            try container.encode(objective, forKey: .objective)
            try container.encode(gap, forKey: .relative_gap)
            try container.encode(criteriaYears, forKey: .criteria_years)
            try container.encode(criteriaMet, forKey: .criteria_met)
            try container.encode(communesAtStandard, forKey: .communes_at_standard)
        }
    }

    private func render(_ rows: [SweepRow]) -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(rows)) ?? Data(), as: UTF8.self) + "\n"
        case .csv:
            let header = "scale,money_dong,criteria_years,criteria_met,communes_at_standard,objective,relative_gap"
            let lines = rows.map { row -> String in
                let counts: [String] = [row.criteriaYears, row.criteriaMet, row.communesAtStandard].map { $0.map(String.init) ?? "" }
                let solver: [String] = [row.objective, row.gap].map { $0.map { "\($0)" } ?? "" }
                return (["\(row.scale)", "\(row.money.dong)"] + counts + solver).joined(separator: ",")
            }
            return ([header] + lines).joined(separator: "\n") + "\n"
        case .table:
            var table = TextTable([
                (lang.pick("Hệ số", "Scale"), .right), (lang.pick("Vốn các nguồn (triệu đồng)", "Money of the sources (million VND)"), .right),
                (lang.pick("Tiêu chí-năm", "Criteria-years"), .right), (lang.pick("Tiêu chí đạt", "Criteria met"), .right),
                (lang.pick("Xã đạt chuẩn", "Communes at standard"), .right), (lang.pick("Khoảng cách", "Gap"), .right),
            ])
            for row in rows {
                table.add([
                    lang.format(row.scale, decimals: 2), lang.format(row.money.amount(in: .trieu), decimals: 0),
                    row.criteriaYears.map(String.init) ?? "–", row.criteriaMet.map(String.init) ?? "–", row.communesAtStandard.map(String.init) ?? "–",
                    row.gap.map { lang.format(Decimal($0 * 100), decimals: 2) + "%" } ?? "–",
                ])
            }
            return table.text
        }
    }
}
