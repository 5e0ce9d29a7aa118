import Foundation
import NTPOptimization
import NTPText

/// One line of the search's progress for a person watching it: time against the limit, the phase, what
/// the phase has done in its own unit, the best plan, the bound and the proven gap, e.g.
///
///     12,3 / 60 s (còn 47,7 s) · tìm cận · vòng 37, 4.812 phương án xã · kế hoạch 12.245 · cận 12.418,6 · cách 1,42 %
public struct SearchProgressText {
    let progress: SearchProgress
    let lang: Language

    public init(_ progress: SearchProgress, lang: Language) {
        self.progress = progress
        self.lang = lang
    }

    public var text: String {
        var parts: [String] = []
        let elapsed = seconds(progress.elapsed)
        if let limit = progress.timeLimit.map(seconds) {
            let left = number(max(0, limit - elapsed), 1)
            parts.append("\(number(elapsed, 1)) / \(number(limit, 0)) s " + lang("(\(left) s left)"))
        } else {
            parts.append("\(number(elapsed, 1)) s")
        }
        parts.append(phase)
        parts.append(work)
        let plan = progress.incumbent.map { number($0, $0.rounded() == $0 ? 0 : 1) } ?? lang("none yet")
        parts.append(lang("plan ") + plan)
        if let bound = progress.bound, bound.isFinite { parts.append(lang("bound ") + number(bound, 1)) }
        if let gap = progress.relativeGap, gap.isFinite { parts.append(lang("gap ") + number(100 * gap, 2) + " %") }
        return parts.joined(separator: " · ")
    }

    var phase: String {
        switch progress.phase {
        case .bound: lang("bound")
        case .firstPlan: lang("first plan")
        case .repair: lang("repair")
        case .improve: lang("improve")
        case .branchAndCut: lang("branch-and-cut")
        }
    }

    var work: String {
        switch progress.work {
        case .columnGeneration(let rounds, let proposals):
            lang("round \(count(rounds)), \(count(proposals)) proposals")
        case .communes(let planned, let total):
            lang("\(count(planned)) of \(count(total)) communes")
        case .localSearch(let kicks):
            lang("\(count(kicks)) kicks")
        case .neighbourhoods(let solved, let improved):
            lang("\(count(solved)) neighbourhoods, \(count(improved)) improved")
        case .nodes(let total, let active):
            lang("\(count(total)) nodes, \(count(active)) open")
        }
    }

    private func number(_ value: Double, _ decimals: Int) -> String { lang.format(Decimal(value), decimals: decimals) }
    private func count(_ value: Int) -> String { lang.format(Decimal(value), decimals: 0) }
    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// One line of a baseline's progress: the year being scheduled and the criteria considered, the
/// communes shared, or the financing of the schedule.
public struct BaselineProgressText {
    let progress: BaselineProgress
    let lang: Language

    public init(_ progress: BaselineProgress, lang: Language) {
        self.progress = progress
        self.lang = lang
    }

    public var text: String {
        let count = { (value: Int) in lang.format(Decimal(value), decimals: 0) }
        switch progress {
        case .scheduling(let year, let considered, let total, let scheduled):
            return lang("scheduling \(year): \(count(considered)) of \(count(total)) criteria considered · \(count(scheduled)) scheduled")
        case .sharing(let communes, let total):
            return lang("sharing by coefficients: \(count(communes)) of \(count(total)) communes")
        case .financing(let criteria):
            return lang("financing the \(count(criteria)) criteria scheduled")
        }
    }
}
