import GLPKSwift
import NTPDomain

/// A bound or row of the model that a point breaks, said in the planner's terms: which rule, for which
/// commune and criterion (or envelope, program), in which year.
public struct ModelBreach: Sendable, CustomStringConvertible {
    /// What the solver module found.
    public let violation: Violation
    /// The broken row by family and key; nil when a column's bound or integrality is broken.
    public let row: ModelRow?
    public let description: String
}

extension AllocationModel {
    /// The first way in which `values` break the model (a column's bound or integrality, then a row, in
    /// the problem's order), or nil for a feasible point.
    public func firstBreach(of values: [Double], tolerance: Double = 1e-6) -> ModelBreach? {
        guard let violation = problem.firstViolation(of: values, tolerance: tolerance) else { return nil }
        guard case .rowBound(_, let activity, let bounds) = violation else {
            return ModelBreach(violation: violation, row: nil, description: "\(violation)")
        }
        let activities = problem.rowActivities(at: values)
        guard let position = problem.rows.indices.first(where: { !problem.rows[$0].bounds.contains(activities[$0], tolerance: tolerance) }),
            let row = families.row(at: position)
        else { return ModelBreach(violation: violation, row: nil, description: "\(violation)") }
        return ModelBreach(
            violation: violation, row: row,
            description: "\(row.family.meaning) (\(subject(of: row))): activity \(activity), must be \(Self.text(bounds)) [row \(problem.rows[position].name)]")
    }

    static func text(_ bounds: Bounds) -> String {
        switch bounds {
        case .free: "free"
        case .atLeast(let lower): "≥ \(lower)"
        case .atMost(let upper): "≤ \(upper)"
        case .between(let lower, let upper): "in [\(lower), \(upper)]"
        case .fixed(let value): "= \(value)"
        }
    }

    /// What a row is about: commune and criterion, kind of money, envelope, program, year.
    func subject(of row: ModelRow) -> String {
        let items = instance.items, years = instance.years
        let item = { (i: Int) in "commune \(items[i].commune), criterion \(items[i].criterion)" }
        switch row {
        case .staysDone(let key), .maintained(let key), .atStandard(let key), .criterionMet(let key): return "\(item(key.item)), \(years[key.year])"
        case .criterionMetAll(let key): return "commune \(key.unit.commune), criterion \(key.unit.criterion), \(years[key.year])"
        case .funded(let key), .spendWindow(let key): return "\(item(key.item)), \(key.kind.rawValue) money, \(years[key.year])"
        case .noOverpay(let key): return "\(item(key.item)), \(key.kind.rawValue) money"
        case .envelope(let e):
            let envelope = instance.envelopes[e]
            return "envelope \(envelope.program), \(envelope.source), \(envelope.years.lowerBound)-\(envelope.years.upperBound)"
                + (envelope.locality.map { ", of \($0)" } ?? "")
        case .shareCap(let key): return "\(item(key.item)), source \(instance.rules.sourceEligibility[key.rule].source)"
        case .counterpart(let key): return "program \(instance.rules.counterparts[key.rule].program), \(years[key.year])"
        case .capacity(let key), .minProgress(let key): return "commune \(key.commune), \(years[key.year])"
        }
    }
}
