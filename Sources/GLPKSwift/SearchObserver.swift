import CGLPKShim

/// Follows a branch-and-cut search from GLPK's callback: keeps the tightest bound seen, stops the search
/// at the wall-clock deadline, the node limit or when the caller cancels it, and reports progress to the
/// caller's handler.
final class SearchObserver {
    let started: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant?
    let nodeLimit: Int?
    /// Whether the search was stopped because it reached the node limit.
    private(set) var reachedNodeLimit = false
    /// `MILPOptions.isCancelled`: asked at every callback, like the deadline.
    let isCancelled: (@Sendable () -> Bool)?
    private let interval: Duration
    private let handler: ((MILPProgress) -> Void)?
    private var lastReport: ContinuousClock.Instant?
    private var bound: Double?
    private var incumbent: Double?

    init(
        started: ContinuousClock.Instant, deadline: ContinuousClock.Instant?, nodeLimit: Int? = nil, interval: Duration,
        isCancelled: (@Sendable () -> Bool)? = nil, handler: ((MILPProgress) -> Void)?
    ) {
        self.started = started
        self.deadline = deadline
        self.nodeLimit = nodeLimit
        self.isCancelled = isCancelled
        self.interval = interval
        self.handler = handler
    }

    /// An observer with the same deadline and cancellation that reports nothing (for auxiliary solves).
    func silenced() -> SearchObserver {
        SearchObserver(started: started, deadline: deadline, nodeLimit: nodeLimit, interval: interval, isCancelled: isCancelled, handler: nil)
    }

    /// The tightest bound the search proved, never weaker than the incumbent it ended with.
    func tightestBound(with objective: Double, sense: ObjectiveSense) -> Double {
        guard let bound else { return objective }
        return sense == .maximize ? max(bound, objective) : min(bound, objective)
    }

    /// Handles one GLPK callback; returns true to stop the search.
    func observe(_ event: ntp_mip_event) -> Bool {
        let now = ContinuousClock.now
        // Compared by value: GLPK does not raise GLP_IBINGO for every improvement (heuristic solutions).
        let isNewIncumbent = event.has_incumbent != 0 && event.incumbent != incumbent
        if event.has_incumbent != 0 { incumbent = event.incumbent }
        // A node's bound is ±DBL_MAX until its LP is solved; a bound once proven stays proven.
        if event.has_bound != 0, abs(event.bound) < Double.greatestFiniteMagnitude / 2 {
            bound = bound.map { tighter($0, event.bound) } ?? event.bound
        }
        if let deadline, now >= deadline { return true }
        if let nodeLimit, Int(event.total_nodes) >= nodeLimit {
            reachedNodeLimit = true
            return true
        }
        if let isCancelled, isCancelled() { return true }
        guard let handler else { return false }
        if !isNewIncumbent, let lastReport, now - lastReport < interval { return false }
        lastReport = now
        handler(
            MILPProgress(
                elapsed: now - started, incumbent: incumbent, bestBound: bound,
                relativeGap: incumbent.flatMap { inc in bound.map { relativeGap(incumbent: inc, bound: $0) } },
                activeNodes: Int(event.active_nodes), totalNodes: Int(event.total_nodes)))
        return false
    }

    /// The tighter of two bounds: GLPK's best node bound is a lower bound when minimising and an upper
    /// bound when maximising; which one applies is told by the incumbent's side, so keep the one closer
    /// to it, or (before any incumbent) the one nearer the other side of the search.
    private func tighter(_ old: Double, _ new: Double) -> Double {
        guard let incumbent else { return new }
        return abs(new - incumbent) < abs(old - incumbent) ? new : old
    }
}

/// The C callback `ntp_intopt` calls on every GLPK event; `context` is the `SearchObserver`.
let searchObserverCallback: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<ntp_mip_event>?) -> Int32 = {
    context, event in
    guard let context, let event else { return 0 }
    return Unmanaged<SearchObserver>.fromOpaque(context).takeUnretainedValue().observe(event.pointee) ? 1 : 0
}
