import Foundation
import GLPKSwift
import NTPOptimization
import NTPReports
import NTPText

enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static let isTerminal = isatty(STDERR_FILENO) != 0
}

/// A report of labelled fields, aligned for reading in a terminal (the labels of either language),
/// then the values listed.
final class Report {
    private var fields: [(label: String, value: String)] = []
    private var lists = ""

    var text: String {
        let width = max(12, (fields.map(\.label.count).max() ?? 0) + 2)
        return fields.map { $0.label.padding(toLength: width, withPad: " ", startingAt: 0) + $0.value + "\n" }.joined() + lists
    }

    func field(_ label: String, _ value: String) { fields.append((label, value)) }

    func columnValues(_ problem: LinearProblem, _ values: [Double], lang: Language) {
        lists += "\n" + lang("Column values (non-zero):") + "\n"
        for (column, value) in zip(problem.columns, values) where value != 0 {
            lists += "  \(column.name) = \(formatNumber(value))\n"
        }
    }

    func rowDuals(_ problem: LinearProblem, _ duals: [Double], lang: Language) {
        lists += "\n" + lang("Row duals (non-zero):") + "\n"
        for (row, dual) in zip(problem.rows, duals) where dual != 0 {
            lists += "  \(row.name) = \(formatNumber(dual))\n"
        }
    }
}

/// "12 rows, 20 columns (10 binary, 0 integer, 10 continuous), 48 non-zeros, minimize"
func modelSummary(_ problem: LinearProblem) -> Message {
    let count = { (kind: ColumnKind) in problem.columns.filter { $0.kind == kind }.count }
    let sense: Message = problem.sense == .minimize ? "minimize" : "maximize"
    return "\(problem.rows.count) rows, \(problem.columns.count) columns (\(count(.binary)) binary, "
        + "\(count(.integer)) integer, \(count(.continuous)) continuous), \(problem.entries.count) non-zeros, \(sense)"
}

func formatNumber(_ value: Double) -> String { String(format: "%.10g", value) }
func formatPercent(_ value: Double) -> String { String(format: "%.4g %%", value * 100) }
func formatSeconds(_ duration: Duration) -> String { String(format: "%.2f s", duration.seconds) }

/// Live progress on standard error: one line rewritten in place on a terminal, a line per report
/// otherwise.
final class ProgressLine {
    static var interval: Duration { StandardError.isTerminal ? .milliseconds(250) : .seconds(1) }
    private var shown = false

    /// A branch-and-cut report of `ntp solve`, in its language.
    func show(_ progress: MILPProgress, lang: Language) {
        let elapsed = String(format: "%7.1f", progress.elapsed.seconds)
        let incumbent = progress.incumbent.map(formatNumber) ?? "-", bound = progress.bestBound.map(formatNumber) ?? "-"
        let gap = progress.relativeGap.map(formatPercent) ?? "-"
        write(lang("\(elapsed) s  incumbent \(incumbent)  bound \(bound)  gap \(gap)  nodes \(progress.activeNodes) active / \(progress.totalNodes)"))
    }

    /// A report of the allocation search, in the report's language.
    func show(_ progress: SearchProgress, lang: Language) { write(SearchProgressText(progress, lang: lang).text) }

    /// A report of a budget sweep: the point and its scale, then the search's progress there.
    func show(_ progress: BudgetSweep.Progress, lang: Language) {
        let point = lang("point \(progress.point) of \(progress.points), scale \(lang.format(progress.scale, decimals: 2))")
        write(progress.search.map { point + " · " + SearchProgressText($0, lang: lang).text } ?? point + "…")
    }

    /// A step before the search (reading, building), so that the line is never empty for long.
    func note(_ text: String) { write(text) }

    /// A report of a baseline, in the report's language, at most every `interval`.
    func show(_ progress: BaselineProgress, lang: Language) {
        let now = ContinuousClock.now
        if case .scheduling = progress, let last = lastBaseline, now - last < Self.interval { return }
        lastBaseline = now
        write(BaselineProgressText(progress, lang: lang).text)
    }

    private var lastBaseline: ContinuousClock.Instant?

    private func write(_ line: String) {
        StandardError.write(StandardError.isTerminal ? "\r\u{1B}[K" + line : line + "\n")
        shown = true
    }

    func finish() {
        if shown && StandardError.isTerminal { StandardError.write("\n") }
        shown = false
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
