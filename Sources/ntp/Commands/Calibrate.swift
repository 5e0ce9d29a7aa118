import ArgumentParser
import Foundation
import NTPFiles
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPReports
import NTPText

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
    var kinds: KindSelection = .all

    @Option(help: "Where to write the factors (default: the scenario's name with .calibration.yaml).")
    var out: String?

    var destination: URL {
        out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: scenario).deletingPathExtension().appendingPathExtension("calibration.yaml")
    }



    func run() throws {
        try checkOutput(destination.path)
        let run = try CalibrationRun(scenario: scenario, dataSet: options.load(), mode: mode, kinds: kinds)
        printWarnings(run.warnings, lang: lang)
        let budget = run.budget
        let cost = lang.format(run.planCost.amount(in: .trieu), decimals: 0), money = lang.format(run.budgetTotal.amount(in: .trieu), decimals: 0)
        let count = run.calibration.items.count
        print(lang("Official plan: \(count) criteria costing \(cost) million VND at the norms; budget \(money) million VND"))
        switch run.outcome {
        case .calibrated(let factors, let binding):
            for group in factors.keys.sorted() {
                let label = group == "*" ? lang("overall") : lang("group \(group)")
                print(lang("Factor \(label): ") + lang.format(factors[group]!, decimals: 4))
            }
            for index in binding {
                let envelope = budget.envelopes[index]
                print(lang("  used up: ") + "\(envelope.program), \(envelope.source), \(envelope.years.lowerBound)-\(envelope.years.upperBound)")
            }
            let text = CalibrationRun.file(
                factors: factors, binding: binding.map { budget.envelopes[$0] }, scenario: scenario,
                command: "ntp calibrate \(scenario) --mode \(mode.rawValue) --kinds \(kinds)")
            do { try OutputFile.write(Data(text.utf8), to: destination.path) } catch { throw PlanningError.file(error) }
            print(lang("Wrote \(destination.path)"))
        case .unaffordable(let unfunded):
            print(lang("No factor makes the plan affordable: ")
                + (unfunded.isEmpty ? lang("no envelope may pay for the plan.")
                    : lang("no envelope of the scenario may pay for these parts.")))
            for kind in MoneyKind.allCases {
                let parts = unfunded.filter { $0.kind == kind }
                guard !parts.isEmpty else { continue }
                let criteria = Set(parts.map(\.item.criterion)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }.joined(separator: ", ")
                let years = "\(parts.map { $0.item.year - $0.item.buildYears + 1 }.min()!)-\(parts.map(\.item.year).max()!)"
                print(lang("  \(kind.rawValue): \(parts.count) items (criteria \(criteria); \(years))"))
            }
            print(lang("Add envelopes for those parts to the scenario, or calibrate the budget part only: --kinds construction,recurrent"))
            throw ExitCode(2)
        case .unbounded:
            print(lang("Nothing to calibrate: the plan costs nothing."))
            throw ExitCode(2)
        }
    }
}

extension Calibration.Mode: ExpressibleByArgument {}
