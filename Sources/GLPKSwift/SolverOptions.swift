/// Where GLPK's terminal output goes. It is always captured into the solution's `log`; a sink also
/// receives each piece as GLPK prints it (the CLI's `--verbose`).
public typealias SolverOutputSink = @Sendable (String) -> Void

/// Options of an LP solve by the simplex method.
public struct LPOptions: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case primal
        case dual
        /// Dual simplex, falling back to primal if it fails (GLPK's `GLP_DUALP`).
        case dualThenPrimal
    }

    public var method: Method = .primal
    /// GLPK's LP presolver. When it finds the problem infeasible or unbounded without saying which, the
    /// solve is repeated without it, so the status is always definite.
    public var presolve: Bool = false
    /// Wall-clock limit; nil for none.
    public var timeLimit: Duration? = nil
    public var iterationLimit: Int? = nil
    public var output: SolverOutputSink? = nil

    public init(
        method: Method = .primal, presolve: Bool = false, timeLimit: Duration? = nil, iterationLimit: Int? = nil,
        output: SolverOutputSink? = nil
    ) {
        self.method = method
        self.presolve = presolve
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.output = output
    }
}

/// Families of cutting planes GLPK can add during branch-and-cut.
public struct CutFamilies: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let gomory = CutFamilies(rawValue: 1 << 0)
    public static let mixedIntegerRounding = CutFamilies(rawValue: 1 << 1)
    public static let cover = CutFamilies(rawValue: 1 << 2)
    public static let clique = CutFamilies(rawValue: 1 << 3)
    public static let all: CutFamilies = [.gomory, .mixedIntegerRounding, .cover, .clique]
}

/// Options of a MILP solve by branch-and-cut (`glp_intopt`).
public struct MILPOptions: Sendable {
    public enum Branching: String, Sendable, CaseIterable {
        case firstFractional = "first-fractional"
        case lastFractional = "last-fractional"
        case mostFractional = "most-fractional"
        /// Driebeck and Tomlin's heuristic, GLPK's default.
        case driebeckTomlin = "driebeck-tomlin"
        /// Hybrid pseudocost heuristic; measured best on allocation models (shared/GLPK-NOTES.md).
        case pseudocost
    }

    public enum Backtracking: String, Sendable, CaseIterable {
        case depthFirst = "depth-first"
        case breadthFirst = "breadth-first"
        /// Best local bound, GLPK's default.
        case bestLocalBound = "best-local-bound"
        case bestProjection = "best-projection"
    }

    /// Wall-clock limit for the whole solve, root LP included; nil for none. GLPK's own limit is not a
    /// wall-clock bound, so the search is stopped from the callback when the time is up.
    public var timeLimit: Duration? = nil
    /// Stop once the relative gap |incumbent − bound| / (|incumbent| + ε) is at most this; 0 proves
    /// optimality.
    public var relativeGap: Double = 0
    /// GLPK's MIP presolver. It must be off to offer a starting solution, because GLPK then works on a
    /// renumbered problem.
    public var presolve: Bool = true
    public var cuts: CutFamilies = []
    public var feasibilityPump: Bool = false
    public var proximitySearch: Bool = false
    public var branching: Branching = .driebeckTomlin
    public var backtracking: Backtracking = .bestLocalBound
    /// A known integer-feasible point (one value per column), offered to GLPK as its first incumbent.
    /// It is checked against every bound, row and integrality first: GLPK would accept an infeasible one.
    public var startingSolution: [Double]? = nil
    /// Stop once branch-and-cut has created this many nodes (`iterationLimit`); nil for no limit. Unlike
    /// the time limit, it stops the search at the same point on every run, whatever the machine's load.
    public var nodeLimit: Int? = nil
    /// Shortest time between two progress reports; a new incumbent is always reported at once.
    public var progressInterval: Duration = .milliseconds(500)
    public var output: SolverOutputSink? = nil
    /// Asked at every GLPK callback, with the deadline: when it answers true the search stops as it does
    /// at its time limit (termination `timeLimit`, with the incumbent found so far). A front end's
    /// "cancel" (the workbench's runs); called on the solving thread, so it must be cheap and thread-safe.
    public var isCancelled: (@Sendable () -> Bool)? = nil

    public init(
        timeLimit: Duration? = nil, relativeGap: Double = 0, presolve: Bool = true, cuts: CutFamilies = [],
        feasibilityPump: Bool = false, proximitySearch: Bool = false, branching: Branching = .driebeckTomlin,
        backtracking: Backtracking = .bestLocalBound, startingSolution: [Double]? = nil, nodeLimit: Int? = nil,
        progressInterval: Duration = .milliseconds(500), output: SolverOutputSink? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.cuts = cuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.branching = branching
        self.backtracking = backtracking
        self.startingSolution = startingSolution
        self.nodeLimit = nodeLimit
        self.progressInterval = progressInterval
        self.output = output
        self.isCancelled = isCancelled
    }
}

/// An option GLPK must not see.
public struct InvalidOption: Error, Sendable, CustomStringConvertible {
    public var option: String
    public var value: String
    public var reason: String

    public var description: String { "option \(option) = \(value): \(reason)" }
}

/// Largest time limit GLPK takes, in milliseconds (a C `int`).
let maximumTimeLimitMilliseconds = Int64(Int32.max)

func checkTimeLimit(_ limit: Duration?) throws(InvalidOption) {
    guard let limit else { return }
    guard limit > .zero else {
        throw InvalidOption(option: "timeLimit", value: "\(limit)", reason: "must be positive")
    }
    guard limit.milliseconds <= maximumTimeLimitMilliseconds else {
        throw InvalidOption(option: "timeLimit", value: "\(limit)", reason: "must be at most \(maximumTimeLimitMilliseconds) ms")
    }
}

extension LPOptions {
    func validate() throws(InvalidOption) {
        try checkTimeLimit(timeLimit)
        if let iterationLimit, !(1...Int(Int32.max)).contains(iterationLimit) {
            throw InvalidOption(option: "iterationLimit", value: "\(iterationLimit)", reason: "must be between 1 and \(Int32.max)")
        }
    }
}

extension MILPOptions {
    func validate(columnCount: Int) throws(InvalidOption) {
        try checkTimeLimit(timeLimit)
        guard relativeGap.isFinite, relativeGap >= 0 else {
            throw InvalidOption(option: "relativeGap", value: "\(relativeGap)", reason: "must be a finite number ≥ 0")
        }
        if let nodeLimit, !(1...Int(Int32.max)).contains(nodeLimit) {
            throw InvalidOption(option: "nodeLimit", value: "\(nodeLimit)", reason: "must be between 1 and \(Int32.max)")
        }
        guard progressInterval >= .zero else {
            throw InvalidOption(option: "progressInterval", value: "\(progressInterval)", reason: "must not be negative")
        }
        if let start = startingSolution {
            if presolve {
                throw InvalidOption(
                    option: "startingSolution", value: "\(start.count) values",
                    reason: "needs presolve off: GLPK's presolver renumbers the problem the solution is given for")
            }
            guard start.count == columnCount else {
                throw InvalidOption(
                    option: "startingSolution", value: "\(start.count) values",
                    reason: "needs one value per column (\(columnCount))")
            }
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a positive limit never becomes zero.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return seconds &* 1000 &+ fraction
    }

    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
