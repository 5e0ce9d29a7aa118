import Foundation
import GLPKSwift
import NTPOptimization
import NTPText

enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static let isTerminal = isatty(STDERR_FILENO) != 0
}

/// A report of labelled fields, aligned for reading in a terminal.
final class Report {
    private(set) var text = ""

    func field(_ label: String, _ value: String) {
        text += label.padding(toLength: 12, withPad: " ", startingAt: 0) + value + "\n"
    }

    func columnValues(_ problem: LinearProblem, _ values: [Double]) {
        text += "\nColumn values (non-zero):\n"
        for (column, value) in zip(problem.columns, values) where value != 0 {
            text += "  \(column.name) = \(formatNumber(value))\n"
        }
    }

    func rowDuals(_ problem: LinearProblem, _ duals: [Double]) {
        text += "\nRow duals (non-zero):\n"
        for (row, dual) in zip(problem.rows, duals) where dual != 0 {
            text += "  \(row.name) = \(formatNumber(dual))\n"
        }
    }
}

/// "12 rows, 20 columns (10 binary, 0 integer, 10 continuous), 48 non-zeros"
func modelSummary(_ problem: LinearProblem) -> String {
    let count = { (kind: ColumnKind) in problem.columns.filter { $0.kind == kind }.count }
    return "\(problem.rows.count) rows, \(problem.columns.count) columns (\(count(.binary)) binary, "
        + "\(count(.integer)) integer, \(count(.continuous)) continuous), \(problem.entries.count) non-zeros, "
        + "\(problem.sense.rawValue)"
}

func formatNumber(_ value: Double) -> String { String(format: "%.10g", value) }
func formatPercent(_ value: Double) -> String { String(format: "%.4g %%", value * 100) }
func formatSeconds(_ duration: Duration) -> String { String(format: "%.2f s", duration.seconds) }

/// Live progress on standard error: one line rewritten in place on a terminal, a line per report
/// otherwise.
final class ProgressLine {
    static var interval: Duration { StandardError.isTerminal ? .milliseconds(250) : .seconds(1) }
    private var shown = false

    /// A branch-and-cut report of `ntp solve`.
    func show(_ progress: MILPProgress) {
        write(String(
            format: "%7.1f s  incumbent %@  bound %@  gap %@  nodes %d active / %d",
            progress.elapsed.seconds, progress.incumbent.map(formatNumber) ?? "-", progress.bestBound.map(formatNumber) ?? "-",
            progress.relativeGap.map(formatPercent) ?? "-", progress.activeNodes, progress.totalNodes))
    }

    /// A report of the allocation search: time against the limit, phase, what the phase counts, best
    /// plan, bound and gap, e.g. `12,3 / 60 s (còn 47,7 s) · tìm cận · vòng 37, 4.812 phương án · kế
    /// hoạch 12.245 · cận 12.418,6 · cách 1,42 %`.
    func show(_ progress: SearchProgress, lang: Language) {
        let number = { (value: Double, decimals: Int) in lang.format(Decimal(value), decimals: decimals) }
        var parts: [String] = []
        let elapsed = progress.elapsed.seconds
        if let limit = progress.timeLimit?.seconds {
            parts.append("\(number(elapsed, 1)) / \(number(limit, 0)) s " + lang.pick("(còn \(number(max(0, limit - elapsed), 1)) s)", "(\(number(max(0, limit - elapsed), 1)) s left)"))
        } else {
            parts.append("\(number(elapsed, 1)) s")
        }
        parts.append(Self.phase(progress.phase, lang))
        parts.append(Self.work(progress.work, lang))
        let plan = progress.incumbent.map { number($0, $0.rounded() == $0 ? 0 : 1) } ?? lang.pick("chưa có", "none yet")
        parts.append(lang.pick("kế hoạch ", "plan ") + plan)
        if let bound = progress.bound { parts.append(lang.pick("cận ", "bound ") + number(bound, 1)) }
        if let gap = progress.relativeGap { parts.append(lang.pick("cách ", "gap ") + number(100 * gap, 2) + " %") }
        write(parts.joined(separator: " · "))
    }

    static func phase(_ phase: SearchPhase, _ lang: Language) -> String {
        switch phase {
        case .bound: lang.pick("tìm cận", "bound")
        case .firstPlan: lang.pick("kế hoạch đầu", "first plan")
        case .repair: lang.pick("lập chung xã trộn", "repair")
        case .improve: lang.pick("cải thiện", "improve")
        case .branchAndCut: lang.pick("nhánh và cận", "branch-and-cut")
        }
    }

    static func work(_ work: SearchWork, _ lang: Language) -> String {
        let count = { (value: Int) in lang.format(Decimal(value), decimals: 0) }
        switch work {
        case .columnGeneration(let rounds, let proposals):
            return lang.pick("vòng \(count(rounds)), \(count(proposals)) phương án xã", "round \(count(rounds)), \(count(proposals)) proposals")
        case .communes(let planned, let total):
            return lang.pick("\(count(planned))/\(count(total)) xã", "\(count(planned)) of \(count(total)) communes")
        case .neighbourhoods(let solved, let improved):
            return lang.pick("\(count(solved)) nhóm xã, \(count(improved)) tốt hơn", "\(count(solved)) neighbourhoods, \(count(improved)) improved")
        case .nodes(let total, let active):
            return lang.pick("\(count(total)) nút, \(count(active)) đang mở", "\(count(total)) nodes, \(count(active)) open")
        }
    }

    private func write(_ line: String) {
        StandardError.write(StandardError.isTerminal ? "\r\u{1B}[K" + line : line + "\n")
        shown = true
    }

    func finish() {
        if shown && StandardError.isTerminal { StandardError.write("\n") }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
