import GLPKSwift

/// What the search is doing (docs/model.md, "Search").
public enum SearchPhase: String, Sendable, CaseIterable {
    /// Column generation: whole plans of communes proposed at the master's prices, which prove the bound.
    case bound
    /// A first plan of the whole province from the proposals so far.
    case firstPlan = "first-plan"
    /// The communes the master mixes, planned together as one MILP in the money the others leave.
    case repair
    /// Large-neighbourhood search: a few dozen communes at a time planned again together, or the whole
    /// province when it is small.
    case improve
    /// GLPK's branch-and-cut on the whole model (`--method direct`).
    case branchAndCut = "branch-and-cut"
}

/// What a phase has done so far, in its own unit.
public enum SearchWork: Sendable, Equatable {
    /// Rounds of column generation, and the proposals (whole plans of one commune) the master holds.
    case columnGeneration(rounds: Int, proposals: Int)
    /// Communes planned, of those to plan.
    case communes(planned: Int, of: Int)
    /// Kicks of the local search criterion by criterion (a few criteria dropped, others met in their money).
    case localSearch(kicks: Int)
    /// Neighbourhoods solved, and how many improved the plan.
    case neighbourhoods(solved: Int, improved: Int)
    /// Branch-and-cut nodes created, and those still open.
    case nodes(total: Int, active: Int)
}

/// One report of the search's progress: the phase, what it has done, the best plan and bound so far,
/// and the time against the limit.
public struct SearchProgress: Sendable, Equatable {
    public var phase: SearchPhase
    public var work: SearchWork
    public var elapsed: Duration
    /// The search's time limit; nil for none.
    public var timeLimit: Duration?
    /// The objective of the best plan so far; nil before the first.
    public var incumbent: Double?
    /// The best bound proven so far; nil before the first.
    public var bound: Double?

    public init(phase: SearchPhase, work: SearchWork, elapsed: Duration, timeLimit: Duration?, incumbent: Double?, bound: Double?) {
        self.phase = phase
        self.work = work
        self.elapsed = elapsed
        self.timeLimit = timeLimit
        self.incumbent = incumbent
        self.bound = bound
    }

    /// The proven relative gap, |incumbent − bound| / (|incumbent| + ε), when both exist.
    public var relativeGap: Double? {
        guard let incumbent, let bound else { return nil }
        return abs(incumbent - bound) / (abs(incumbent) + .ulpOfOne)
    }
}

/// Sends a search's progress to a handler: at once when the plan or the phase changes, otherwise at most
/// every `interval`.
final class ProgressReporter {
    private let handler: ((SearchProgress) -> Void)?
    private let started: ContinuousClock.Instant
    private let timeLimit: Duration?
    private let interval: Duration
    private var last: ContinuousClock.Instant?
    private var lastPhase: SearchPhase?
    private var lastWork: SearchWork?
    private(set) var incumbent: Double?
    private(set) var bound: Double?

    init(_ handler: ((SearchProgress) -> Void)?, started: ContinuousClock.Instant, timeLimit: Duration?, interval: Duration) {
        self.handler = handler
        self.started = started
        self.timeLimit = timeLimit
        self.interval = interval
    }

    /// Records a better plan or bound (the caller keeps them monotone) and reports.
    func report(_ phase: SearchPhase, _ work: SearchWork, incumbent: Double? = nil, bound: Double? = nil) {
        let changed = (incumbent != nil && incumbent != self.incumbent) || phase != lastPhase
        if let incumbent { self.incumbent = incumbent }
        if let bound { self.bound = bound }
        guard let handler else { return }
        let now = ContinuousClock.now
        if !changed, let last, now - last < interval { return }
        last = now
        lastPhase = phase
        lastWork = work
        handler(SearchProgress(phase: phase, work: work, elapsed: now - started, timeLimit: timeLimit, incumbent: self.incumbent, bound: self.bound))
    }

    /// The last report again, with the plan and bound the search ends with.
    func finish(incumbent: Double, bound: Double) {
        self.incumbent = incumbent
        self.bound = bound
        guard let handler, let lastPhase, let lastWork else { return }
        handler(SearchProgress(
            phase: lastPhase, work: lastWork, elapsed: .now - started, timeLimit: timeLimit, incumbent: incumbent, bound: bound))
    }
}
