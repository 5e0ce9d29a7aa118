import CGLPK

/// A column of a `LiveProblem`, stable for the column's whole life: GLPK renumbers columns when others
/// are deleted, a handle never changes. Handles of deleted columns and of other live problems are refused.
public struct ColumnHandle: Hashable, Sendable, CustomStringConvertible {
    let model: UInt64
    let serial: UInt64

    public var description: String { "column #\(serial) of live problem #\(model)" }
}

/// A row of a `LiveProblem`, stable like `ColumnHandle`.
public struct RowHandle: Hashable, Sendable, CustomStringConvertible {
    let model: UInt64
    let serial: UInt64

    public var description: String { "row #\(serial) of live problem #\(model)" }
}

/// Where a variable stands in a simplex basis. A row's variable is its activity Σ_j a_ij x_j.
public enum BasisStatus: String, Sendable, Equatable, CaseIterable {
    case basic
    /// Non-basic at its lower bound.
    case atLower
    /// Non-basic at its upper bound.
    case atUpper
    /// Non-basic free variable (at zero).
    case free
    /// Non-basic fixed variable.
    case fixed

    init(glpk status: Int32) {
        switch status {
        case GLP_BS: self = .basic
        case GLP_NL: self = .atLower
        case GLP_NU: self = .atUpper
        case GLP_NF: self = .free
        default: self = .fixed
        }
    }

    var glpkStatus: Int32 {
        switch self {
        case .basic: GLP_BS
        case .atLower: GLP_NL
        case .atUpper: GLP_NU
        case .free: GLP_NF
        case .fixed: GLP_NS
        }
    }

    /// Whether a variable with `bounds` can have this status (GLPK would silently replace one that cannot).
    func fits(_ bounds: Bounds) -> Bool {
        let type = GLPKBounds(bounds).type
        return switch self {
        case .basic: true
        case .atLower: type == GLP_LO || type == GLP_DB
        case .atUpper: type == GLP_UP || type == GLP_DB
        case .free: type == GLP_FR
        case .fixed: type == GLP_FX
        }
    }
}

/// The statuses of a basis, by handle. Reading gives every row and column; setting may give some, the
/// others keeping theirs.
public struct Basis: Sendable, Equatable {
    public var rows: [RowHandle: BasisStatus]
    public var columns: [ColumnHandle: BasisStatus]

    public init(rows: [RowHandle: BasisStatus] = [:], columns: [ColumnHandle: BasisStatus] = [:]) {
        self.rows = rows
        self.columns = columns
    }
}

/// Options of an LP re-solve of a live problem. GLPK's presolver is never used: it would discard the
/// basis that makes the re-solve warm.
public struct LiveLPOptions: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        /// Dual simplex when every edit since the last optimum kept the basis dual feasible (bounds,
        /// right-hand sides, rows added) and one may have broken primal feasibility; primal otherwise.
        case automatic
        case primal
        /// Dual simplex, falling back to primal if it fails (GLPK's `GLP_DUALP`).
        case dual
    }

    public var method: Method = .automatic
    /// Wall-clock limit counted from the call; nil for none.
    public var timeLimit: Duration? = nil
    public var iterationLimit: Int? = nil
    public var output: SolverOutputSink? = nil

    public init(method: Method = .automatic, timeLimit: Duration? = nil, iterationLimit: Int? = nil, output: SolverOutputSink? = nil) {
        self.method = method
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.output = output
    }

    func validate() throws(InvalidOption) {
        try LPOptions(timeLimit: timeLimit, iterationLimit: iterationLimit).validate()
    }
}

/// The simplex method a re-solve started with.
public enum SimplexMethod: String, Sendable {
    case primal
    case dual
}

/// An LP solve of a live problem: the solution as `GLPK.solveLP` gives it, with its arrays in the order
/// of `columns` and `rows` (the order of `LiveProblem.problem()`), plus the basis and how the solve went.
public struct LiveLPSolution: Sendable {
    public var solution: LPSolution
    public var columns: [ColumnHandle]
    public var rows: [RowHandle]
    /// The basis the solve ended with.
    public var basis: Basis
    /// The simplex method the solve started with.
    public var method: SimplexMethod
    /// Simplex iterations of this solve: few after small edits, when the start was warm.
    public var iterations: Int
    /// Whether GLPK could not factorize the basis left by the edits (basic columns or binding rows deleted,
    /// or a singular basis set) and the solve started from GLPK's advanced initial basis instead.
    public var basisRebuilt: Bool
    private let columnIndex: [ColumnHandle: Int]
    private let rowIndex: [RowHandle: Int]

    init(
        solution: LPSolution, columns: [ColumnHandle], rows: [RowHandle], basis: Basis, method: SimplexMethod,
        iterations: Int, basisRebuilt: Bool
    ) {
        self.solution = solution
        self.columns = columns
        self.rows = rows
        self.basis = basis
        self.method = method
        self.iterations = iterations
        self.basisRebuilt = basisRebuilt
        columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
    }

    public var termination: TerminationReason { solution.termination }
    public var primalStatus: PrimalStatus { solution.primalStatus }
    public var objectiveValue: Double? { solution.objectiveValue }

    /// x_j of a column, when there is a point and the column was in the problem at the solve.
    public func value(of column: ColumnHandle) -> Double? {
        columnIndex[column].flatMap { solution.columnValues.isEmpty ? nil : solution.columnValues[$0] }
    }

    /// The reduced cost of a column, when the solve was optimal.
    public func reducedCost(of column: ColumnHandle) -> Double? {
        columnIndex[column].flatMap { index in solution.reducedCosts.map { $0[index] } }
    }

    /// Σ_j a_ij x_j of a row, when there is a point.
    public func activity(of row: RowHandle) -> Double? {
        rowIndex[row].flatMap { solution.rowActivities.isEmpty ? nil : solution.rowActivities[$0] }
    }

    /// The shadow price of a row (d objective / d right-hand side), when the solve was optimal.
    public func dual(of row: RowHandle) -> Double? {
        rowIndex[row].flatMap { index in solution.rowDuals.map { $0[index] } }
    }

    /// Returns the solution if it is optimal; otherwise throws with a summary.
    @discardableResult
    public func requireOptimal() throws(UnexpectedSolveOutcome) -> LiveLPSolution {
        try solution.requireOptimal()
        return self
    }
}

/// A MILP solve of a live problem: the solution as `GLPK.solveMILP` gives it, with its arrays in the
/// order of `columns` and `rows`.
public struct LiveMILPSolution: Sendable {
    public var solution: MILPSolution
    public var columns: [ColumnHandle]
    public var rows: [RowHandle]
    private let columnIndex: [ColumnHandle: Int]

    init(solution: MILPSolution, columns: [ColumnHandle], rows: [RowHandle]) {
        self.solution = solution
        self.columns = columns
        self.rows = rows
        columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    }

    public var termination: TerminationReason { solution.termination }
    public var primalStatus: PrimalStatus { solution.primalStatus }
    public var objectiveValue: Double? { solution.objectiveValue }

    /// x_j of a column in the incumbent, when there is one.
    public func value(of column: ColumnHandle) -> Double? {
        columnIndex[column].flatMap { solution.columnValues.isEmpty ? nil : solution.columnValues[$0] }
    }

    /// Returns the solution if it has a feasible point; otherwise throws with a summary.
    @discardableResult
    public func requireFeasible() throws(UnexpectedSolveOutcome) -> LiveMILPSolution {
        try solution.requireFeasible()
        return self
    }
}
