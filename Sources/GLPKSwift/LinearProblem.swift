/// A linear or mixed-integer problem, held as plain Swift values and handed to GLPK in bulk.
///
///     minimise or maximise   Σ_j c_j x_j + c_0
///     subject to             L_i ≤ Σ_j a_ij x_j ≤ U_i      for every row i
///                            l_j ≤ x_j ≤ u_j               for every column j
///                            x_j integer                   for integer and binary columns
///
/// Building one touches no C code; every value is checked by `validate()` (called by every solve and
/// write) before GLPK sees it, because GLPK aborts the process on a bad call.
public struct LinearProblem: Sendable, Equatable {
    public var name: String
    public var objectiveName: String
    public var sense: ObjectiveSense
    /// c_0, the constant term of the objective.
    public var objectiveConstant: Double
    public var columns: [Column]
    public var rows: [Row]
    /// The non-zero coefficients a_ij, each (row, column) pair at most once.
    public var entries: [MatrixEntry]

    public init(
        name: String = "problem",
        objectiveName: String = "obj",
        sense: ObjectiveSense,
        objectiveConstant: Double = 0,
        columns: [Column] = [],
        rows: [Row] = [],
        entries: [MatrixEntry] = []
    ) {
        self.name = name
        self.objectiveName = objectiveName
        self.sense = sense
        self.objectiveConstant = objectiveConstant
        self.columns = columns
        self.rows = rows
        self.entries = entries
    }

    /// Whether any column must take an integer value, so the problem needs a MILP solve.
    public var hasIntegerColumns: Bool {
        columns.contains { $0.kind != .continuous }
    }

    /// Adds a column and returns its index.
    @discardableResult
    public mutating func addColumn(_ column: Column) -> Int {
        columns.append(column)
        return columns.count - 1
    }

    /// Adds a row with its coefficients and returns its index.
    @discardableResult
    public mutating func addRow(_ row: Row, coefficients: [(column: Int, value: Double)] = []) -> Int {
        rows.append(row)
        let index = rows.count - 1
        entries.append(contentsOf: coefficients.map { MatrixEntry(row: index, column: $0.column, value: $0.value) })
        return index
    }

    /// The objective value of a point, Σ_j c_j x_j + c_0.
    public func objectiveValue(at values: [Double]) -> Double {
        zip(columns, values).reduce(objectiveConstant) { $0 + $1.0.objective * $1.1 }
    }

    /// The row activities Σ_j a_ij x_j of a point.
    public func rowActivities(at values: [Double]) -> [Double] {
        var activity = [Double](repeating: 0, count: rows.count)
        for entry in entries { activity[entry.row] += entry.value * values[entry.column] }
        return activity
    }
}

public enum ObjectiveSense: String, Sendable, Equatable, CaseIterable {
    case minimize
    case maximize
}

/// The domain of a column or the range of a row.
public enum Bounds: Sendable, Equatable {
    case free
    case atLeast(Double)
    case atMost(Double)
    case between(Double, Double)
    case fixed(Double)

    public var lower: Double? {
        switch self {
        case .free, .atMost: nil
        case .atLeast(let lower), .between(let lower, _), .fixed(let lower): lower
        }
    }

    public var upper: Double? {
        switch self {
        case .free, .atLeast: nil
        case .atMost(let upper), .between(_, let upper), .fixed(let upper): upper
        }
    }

    /// Whether `value` lies within the bounds, allowing `tolerance` (scaled by the bound's magnitude).
    public func contains(_ value: Double, tolerance: Double = 1e-9) -> Bool {
        if let lower, value < lower - tolerance * max(1, abs(lower)) { return false }
        if let upper, value > upper + tolerance * max(1, abs(upper)) { return false }
        return true
    }
}

public enum ColumnKind: String, Sendable, Equatable, CaseIterable {
    case continuous
    case integer
    /// An integer column within [0, 1].
    case binary
}

public struct Column: Sendable, Equatable {
    public var name: String
    public var kind: ColumnKind
    public var bounds: Bounds
    /// c_j, the column's objective coefficient.
    public var objective: Double

    public init(name: String, kind: ColumnKind = .continuous, bounds: Bounds = .atLeast(0), objective: Double = 0) {
        self.name = name
        self.kind = kind
        self.bounds = bounds
        self.objective = objective
    }

    /// A 0-1 column.
    public static func binary(_ name: String, objective: Double = 0) -> Column {
        Column(name: name, kind: .binary, bounds: .between(0, 1), objective: objective)
    }
}

public struct Row: Sendable, Equatable {
    public var name: String
    public var bounds: Bounds

    public init(name: String, bounds: Bounds) {
        self.name = name
        self.bounds = bounds
    }
}

/// One coefficient a_ij of the constraint matrix; row and column are 0-based indices.
public struct MatrixEntry: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var value: Double

    public init(row: Int, column: Int, value: Double) {
        self.row = row
        self.column = column
        self.value = value
    }
}
