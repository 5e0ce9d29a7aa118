import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// `ntp calibrate`: the cost factor that makes a scenario's official plan exactly affordable.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the cost scale factor(s) that make the official plan exactly affordable within the scenario's budget.",
        discussion: """
            The official plan is the criteria the scenario's status document plans by year; the budget is \
            the scenario's envelopes under its rules. A linear program (docs/calibration.md) finds the \
            largest factor on the cost norms at which the plan can still be paid for: overall, or per \
            criterion group (a common factor, then each group as far as the money it may use allows). The \
            factors are written to a file the scenario names under costs.calibration. Exit status: 0 when \
            calibrated, 2 when no factor makes the plan affordable (nothing is written), 1 on an error.
            """
    )

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "One factor (overall) or one per criterion group (by-group).")
    var mode: Calibration.Mode = .overall

    @Option(help: "Kinds of money to calibrate, comma-separated (default: all): construction, recurrent, credit, community_enterprise. The others are taken to be financed outside the scenario's envelopes.")
    var kinds: KindSelection = KindSelection(kinds: Set(MoneyKind.allCases))

    @Option(help: "Where to write the factors (default: the scenario's name with .calibration.yaml).")
    var out: String?



    func run() throws {
        let dataSet = try options.load()
        let url = URL(fileURLWithPath: scenario)
        var diagnostics = Diagnostics()
        let budget = BudgetScenario.load(url: url, data: dataSet, diagnostics: &diagnostics)
        // Calibrate the norms themselves: the scenario's own calibration is not applied again.
        let costs = CostScenario.load(url: url, data: dataSet, diagnostics: &diagnostics, calibrated: false)
        try requireNoErrors(diagnostics)
        guard let budget, let costs else { throw ExitCode.failure }
        let planned = costs.plannedCosts()
        let items = planned.map {
            Calibration.Item(
                locality: $0.cost.locality, criterion: $0.cost.criterion, group: $0.group, year: $0.year, buildYears: $0.cost.buildYears,
                cost: $0.cost.byKind.filter { kinds.kinds.contains($0.key) })
        }
        let calibration = Calibration(
            items: items, envelopes: budget.envelopes, eligibility: Eligibility(sources: dataSet.catalogs.sources, rules: budget.rules),
            localities: dataSet.catalogs.localities, mode: mode)
        let planCost = Money(dong: items.reduce(0) { $0 + $1.cost.values.reduce(0) { $0 + $1.dong } })
        let budgetTotal = Money(dong: budget.envelopes.reduce(0) { $0 + $1.amount.dong })
        let cost = lang.format(planCost.amount(in: .trieu), decimals: 0), money = lang.format(budgetTotal.amount(in: .trieu), decimals: 0)
        print(lang.pick("Kế hoạch chính thức: \(items.count) tiêu chí, chi phí theo định mức \(cost) triệu đồng; tổng vốn \(money) triệu đồng",
                        "Official plan: \(items.count) criteria costing \(cost) million VND at the norms; budget \(money) million VND"))
        switch try calibration.solve() {
        case .calibrated(let factors, let binding):
            for group in factors.keys.sorted() {
                let label = group == "*" ? lang.pick("chung", "overall") : lang.pick("nhóm \(group)", "group \(group)")
                print(lang.pick("Hệ số \(label): ", "Factor \(label): ") + lang.format(factors[group]!, decimals: 4))
            }
            for index in binding {
                let envelope = budget.envelopes[index]
                print(lang.pick("  hết vốn: ", "  used up: ") + "\(envelope.program), \(envelope.source), \(envelope.years.lowerBound)-\(envelope.years.upperBound)")
            }
            let destination = out.map { URL(fileURLWithPath: $0) } ?? url.deletingPathExtension().appendingPathExtension("calibration.yaml")
            try write(factors: factors, binding: binding.map { budget.envelopes[$0] }, to: destination)
            print(lang.pick("Đã ghi \(destination.path)", "Wrote \(destination.path)"))
        case .unaffordable(let unfunded):
            print(lang.pick("Không hệ số nào làm kế hoạch đủ vốn: ", "No factor makes the plan affordable: ")
                + (unfunded.isEmpty ? lang.pick("không nguồn vốn nào được dùng cho kế hoạch.", "no envelope may pay for the plan.")
                    : lang.pick("không nguồn vốn nào của kịch bản được chi cho các phần sau.", "no envelope of the scenario may pay for these parts.")))
            for kind in MoneyKind.allCases {
                let parts = unfunded.filter { $0.kind == kind }
                guard !parts.isEmpty else { continue }
                let criteria = Set(parts.map(\.item.criterion)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }.joined(separator: ", ")
                let years = "\(parts.map { $0.item.year - $0.item.buildYears + 1 }.min()!)-\(parts.map(\.item.year).max()!)"
                print(lang.pick("  \(kind.rawValue): \(parts.count) tiêu chí (tiêu chí \(criteria); \(years))", "  \(kind.rawValue): \(parts.count) items (criteria \(criteria); \(years))"))
            }
            print(lang.pick(
                "Thêm nguồn vốn cho các phần đó vào kịch bản, hoặc chỉ hiệu chỉnh phần vốn ngân sách: --kinds construction,recurrent",
                "Add envelopes for those parts to the scenario, or calibrate the budget part only: --kinds construction,recurrent"))
            throw ExitCode(2)
        case .unbounded:
            print(lang.pick("Không có gì để hiệu chỉnh: kế hoạch không tốn tiền.", "Nothing to calibrate: the plan costs nothing."))
            throw ExitCode(2)
        }
    }

    private func write(factors: [String: Decimal], binding: [BudgetEnvelope], to destination: URL) throws {
        var text = "# Written by `ntp calibrate \(scenario) --mode \(mode.rawValue) --kinds \(kinds)`: cost scale factors at which the\n"
        text += "# official plan is exactly affordable. Name this file under costs.calibration in the scenario.\n"
        text += "scale:\n"
        for group in factors.keys.sorted() { text += "  \"\(group)\": \(factors[group]!)\n" }
        let envelopes = binding.map { "\($0.program) \($0.source) \($0.years.lowerBound)-\($0.years.upperBound)" }.joined(separator: "; ")
        text += "provenance: \"ntp calibrate of \(URL(fileURLWithPath: scenario).lastPathComponent); budgets used up: \(envelopes)\"\n"
        try Data(text.utf8).write(to: destination, options: .atomic)
    }
}

extension Calibration.Mode: ExpressibleByArgument {}

/// `--kinds`.
struct KindSelection: ExpressibleByArgument, CustomStringConvertible {
    let kinds: Set<MoneyKind>

    init(kinds: Set<MoneyKind>) { self.kinds = kinds }

    init?(argument: String) {
        let parsed = argument.split(separator: ",").map { MoneyKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else { return nil }
        kinds = Set(parsed.compactMap { $0 })
    }

    var description: String { MoneyKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ",") }
}
