/// Why a solve stopped. Kept apart from whether a point is available (`PrimalStatus`): a time limit may
/// come with or without a feasible point, and neither is an optimum.
public enum TerminationReason: String, Sendable, Equatable, CaseIterable {
    /// Proven optimal (for a MILP: within GLPK's integrality tolerance, at relative gap 0).
    case optimal
    /// Proven to have no feasible point.
    case infeasible
    /// Feasible with an objective that improves without limit.
    case unbounded
    /// The relaxation is unbounded, and the time ran out before a feasible integer point decided between
    /// unbounded and infeasible.
    case infeasibleOrUnbounded
    /// A MILP search stopped at the requested relative gap.
    case gapLimit
    case timeLimit
    /// An LP stopped at its iteration limit, or a MILP search at its node limit.
    case iterationLimit

    /// A plain-words label for reports.
    public var label: String {
        switch self {
        case .optimal: "optimal"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .infeasibleOrUnbounded: "infeasible or unbounded"
        case .gapLimit: "stopped with the gap below proven (the requested gap, or the decomposition's end)"
        case .timeLimit: "time limit reached"
        case .iterationLimit: "iteration or node limit reached"
        }
    }
}

public enum PrimalStatus: String, Sendable, Equatable {
    /// `columnValues` hold a point that satisfies every row, bound and integrality.
    case feasiblePoint
    /// No point is available; `columnValues` is empty.
    case noSolution
}

/// The result of an LP solve.
public struct LPSolution: Sendable {
    public var termination: TerminationReason
    public var primalStatus: PrimalStatus
    /// The objective value at `columnValues`, when there is a point.
    public var objectiveValue: Double?
    /// x_j, one per column; empty without a point.
    public var columnValues: [Double]
    /// Σ_j a_ij x_j, one per row; empty without a point.
    public var rowActivities: [Double]
    /// Shadow prices: d objective / d (right-hand side) of each row; present when optimal.
    public var rowDuals: [Double]?
    /// Reduced costs of the columns; present when optimal.
    public var reducedCosts: [Double]?
    public var solveTime: Duration
    /// Everything GLPK printed.
    public var log: String
}

/// The result of a MILP solve.
public struct MILPSolution: Sendable {
    public var termination: TerminationReason
    public var primalStatus: PrimalStatus
    /// The incumbent's objective value, when there is one.
    public var objectiveValue: Double?
    /// The best bound proven on the optimum (an upper bound when maximising).
    public var bestBound: Double?
    /// |objective − bound| / (|objective| + ε), GLPK's definition; nil without an incumbent.
    public var relativeGap: Double?
    public var columnValues: [Double]
    public var rowActivities: [Double]
    /// Whether GLPK took the offered starting solution as an incumbent (nil when none was offered or
    /// GLPK never asked for one).
    public var startingSolutionAccepted: Bool?
    public var solveTime: Duration
    public var log: String
}

/// The state of a MILP search, reported to the progress handler as it goes.
public struct MILPProgress: Sendable, Equatable {
    public var elapsed: Duration
    public var incumbent: Double?
    /// The tightest bound proven so far (kept monotone: a bound once proven stays proven).
    public var bestBound: Double?
    public var relativeGap: Double?
    public var activeNodes: Int
    public var totalNodes: Int

    public init(elapsed: Duration, incumbent: Double?, bestBound: Double?, relativeGap: Double?, activeNodes: Int, totalNodes: Int) {
        self.elapsed = elapsed
        self.incumbent = incumbent
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.activeNodes = activeNodes
        self.totalNodes = totalNodes
    }
}

/// GLPK's relative gap: |incumbent − bound| / (|incumbent| + DBL_EPSILON).
func relativeGap(incumbent: Double, bound: Double) -> Double {
    abs(incumbent - bound) / (abs(incumbent) + Double.ulpOfOne)
}

/// A solution that does not meet what its caller requires, with a summary of what it is instead.
public struct UnexpectedSolveOutcome: Error, Sendable, CustomStringConvertible {
    public var summary: String
    public init(summary: String) { self.summary = summary }
    public var description: String { "the solve did not end as required: \(summary)" }
}

extension LPSolution {
    /// Returns the solution if it is optimal; otherwise throws with a summary.
    @discardableResult
    public func requireOptimal() throws(UnexpectedSolveOutcome) -> LPSolution {
        guard termination == .optimal, primalStatus == .feasiblePoint else {
            throw UnexpectedSolveOutcome(summary: "\(termination.label), \(primalStatus.rawValue)")
        }
        return self
    }
}

extension MILPSolution {
    /// Returns the solution if it has a feasible point; otherwise throws with a summary.
    @discardableResult
    public func requireFeasible() throws(UnexpectedSolveOutcome) -> MILPSolution {
        guard primalStatus == .feasiblePoint else {
            throw UnexpectedSolveOutcome(summary: "\(termination.label), no integer-feasible point")
        }
        return self
    }
}
