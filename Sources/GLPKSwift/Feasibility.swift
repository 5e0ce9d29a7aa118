/// Why a point is not feasible for a problem.
public enum Violation: Sendable, Equatable, CustomStringConvertible {
    case wrongLength(values: Int, columns: Int)
    case nonFinite(column: String, value: Double)
    case columnBound(column: String, value: Double, bounds: Bounds)
    case notIntegral(column: String, value: Double)
    case rowBound(row: String, activity: Double, bounds: Bounds)

    public var description: String {
        switch self {
        case .wrongLength(let values, let columns): "\(values) values for \(columns) columns"
        case .nonFinite(let column, let value): "column \(column) is \(value)"
        case .columnBound(let column, let value, let bounds): "column \(column) = \(value) is outside \(bounds)"
        case .notIntegral(let column, let value): "integer column \(column) = \(value) is not an integer"
        case .rowBound(let row, let activity, let bounds): "row \(row) has activity \(activity), outside \(bounds)"
        }
    }
}

extension LinearProblem {
    /// The first way in which `values` break a bound, a row or integrality, or nil for a feasible point.
    /// Computed in Swift from the problem data alone, so it can check what a solver returns.
    public func firstViolation(of values: [Double], tolerance: Double = 1e-6) -> Violation? {
        guard values.count == columns.count else { return .wrongLength(values: values.count, columns: columns.count) }
        for (column, value) in zip(columns, values) {
            guard value.isFinite else { return .nonFinite(column: column.name, value: value) }
            if !column.bounds.contains(value, tolerance: tolerance) {
                return .columnBound(column: column.name, value: value, bounds: column.bounds)
            }
            if column.kind != .continuous, abs(value - value.rounded()) > tolerance {
                return .notIntegral(column: column.name, value: value)
            }
        }
        for (row, activity) in zip(rows, rowActivities(at: values)) where !row.bounds.contains(activity, tolerance: tolerance) {
            return .rowBound(row: row.name, activity: activity, bounds: row.bounds)
        }
        return nil
    }
}
