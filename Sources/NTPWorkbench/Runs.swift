import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPFiles
import NTPOptimization
import NTPPlanning
import NTPStore
import NTPText
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a run was asked to do, as stored with it (JSON). Solver settings only: everything else a plan
/// depends on is the scenario version's content.
struct RunRequest: Codable, Sendable, Equatable {
    /// The baseline's method (`official`, `formula`, `greedy`); nil for the optimizer and the sweep.
    var method: PlanMethod?
    var timeLimit: Double?
    var gap: Double?
    var search: SearchMethod?
    /// Sweep: the sources scaled and `FROM:TO:STEP`.
    var sources: [String]?
    var scale: String?

    enum CodingKeys: String, CodingKey {
        case method, timeLimit = "time_limit", gap, search, sources, scale
    }

    var overrides: PlanSettings.Overrides {
        var overrides = PlanSettings.Overrides()
        overrides.timeLimit = timeLimit
        overrides.gap = gap
        overrides.method = search
        return overrides
    }
}

/// A run's latest progress, as the run page and `/api/runs/{id}` show it.
struct RunProgress: Codable, Sendable, Equatable {
    /// Seconds since the search started.
    var elapsed: Double
    var incumbent: Double?
    var bound: Double?
    var gap: Double?
    /// Sweep: points solved so far, and how many there are.
    var point: Int?
    var points: Int?

    enum CodingKeys: String, CodingKey {
        case elapsed = "elapsed_seconds", incumbent, bound = "best_bound", gap = "relative_gap", point, points
    }

    var json: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self) }
}

/// A run being worked on: whether it was cancelled or is keeping what it made, and its progress.
///
/// Cancelling and keeping exclude each other in one step, so that a cancel the server accepts is never
/// followed by a stored plan: a cancel that arrives once the run keeps its result is refused instead.
final class ActiveRun: Sendable {
    let id: Int64
    private let state = Mutex<(cancelled: Bool, keeping: Bool, progress: RunProgress?, saved: ContinuousClock.Instant?)>((false, false, nil, nil))

    init(id: Int64) { self.id = id }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Cancels the run unless it already keeps its result; true when cancelled.
    func cancel() -> Bool {
        state.withLock { state in
            guard !state.keeping else { return false }
            state.cancelled = true
            return true
        }
    }

    /// From now on the run keeps what it made and refuses a cancel; false when it was cancelled first.
    func keep() -> Bool {
        state.withLock { state in
            guard !state.cancelled else { return false }
            state.keeping = true
            return true
        }
    }
    var progress: RunProgress? { state.withLock { $0.progress } }

    /// Keeps `progress`; true when it is time to store it too (every two seconds).
    func report(_ progress: RunProgress) -> Bool {
        state.withLock { state in
            state.progress = progress
            let now = ContinuousClock.now
            guard state.saved.map({ now - $0 >= .seconds(2) }) ?? true else { return false }
            state.saved = now
            return true
        }
    }
}

/// The run queue: queued runs start as slots free up, at most `limit` at once, each on a thread of its
/// own (GLPK keeps a problem on the thread that made it; docs/glpk-binding.md), at a lower priority than
/// the pages so that they stay quick while plans are made.
final class RunQueue: Sendable {
    let store: PlanStore
    let inputs: StoredInputs
    let limit: Int
    private let active = Mutex<[Int64: ActiveRun]>([:])

    init(store: PlanStore, inputs: StoredInputs, limit: Int) {
        self.store = store
        self.inputs = inputs
        self.limit = max(1, limit)
    }

    /// Starts queued runs while slots are free.
    func pump() {
        let started: [(RunRecord, ActiveRun)] = active.withLock { active in
            var started: [(RunRecord, ActiveRun)] = []
            while active.count < limit {
                guard let run = try? store.startNextRun(), let id = run.id else { break }
                let live = ActiveRun(id: id)
                active[id] = live
                started.append((run, live))
            }
            return started
        }
        for (run, live) in started {
            let thread = Thread { [self] in
                RunExecution(store: store, inputs: inputs, run: run, live: live).perform()
                active.withLock { $0[live.id] = nil }
                pump()
            }
            thread.stackSize = 16 << 20
            thread.name = "ntp run \(live.id)"
            thread.start()
        }
    }

    func live(_ id: Int64) -> ActiveRun? { active.withLock { $0[id] } }

    var runningCount: Int { active.withLock { $0.count } }

    /// Cancels a run: a queued one at once, a running one by stopping its solver (its worker then
    /// records it as cancelled); cancelling a cancelled run again changes nothing. Refused for a run
    /// already storing its result (`.finishing`) or already ended otherwise (`.ended`).
    func cancel(_ id: Int64, actor: String) throws(RunCancelError) -> RunRecord {
        enum Found { case running(ActiveRun), queuedOrCancelled, ended }
        // Under the queue's lock, which `pump` holds while it starts runs: a queued run cannot start
        // between the look at the running ones and the cancel of the queued one.
        let found: Result<Found, StoreError> = active.withLock { active in
            if let live = active[id] { return .success(.running(live)) }
            do throws(StoreError) {
                return .success(try store.cancelQueuedRun(id, actor: actor).state == .cancelled ? .queuedOrCancelled : .ended)
            } catch { return .failure(error) }
        }
        switch found {
        case .failure(let error): throw .store(error)
        case .success(.running(let live)):
            guard live.cancel() else { throw .finishing(id) }
            do throws(StoreError) { try store.record(actor: actor, action: "run.cancel", subject: "run \(id)") } catch { throw .store(error) }
        case .success(.queuedOrCancelled): break
        case .success(.ended): throw .ended(id)
        }
        do throws(StoreError) {
            guard let run = try store.run(id) else { throw StoreError.noSuchRun(id) }
            return run
        } catch { throw .store(error) }
    }

    /// Waits until no run is queued or running (tests, shutdown).
    func idle() async {
        while runningCount > 0 || !((try? store.runs(in: [.queued]))?.isEmpty ?? true) {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Why a run could not be cancelled.
enum RunCancelError: Error, Sendable {
    case store(StoreError)
    /// The run had already made its result and was storing it when the cancel arrived: it is kept.
    case finishing(Int64)
    /// The run had already ended (done, failed or interrupted).
    case ended(Int64)

    var failure: Failure {
        switch self {
        case .store(let error): .store(error)
        case .finishing: .conflict("the run had already made its result, which is kept; it can no longer be cancelled")
        case .ended: .conflict("the run has already ended; it can no longer be cancelled")
        }
    }
}

/// One run, worked on synchronously on its own thread.
struct RunExecution {
    let store: PlanStore
    let inputs: StoredInputs
    let run: RunRecord
    let live: ActiveRun

    func perform() {
        #if canImport(Glibc)
        // Below the server's threads, so that pages answer while plans are made. Linux sets a thread's
        // priority by its thread id, which /proc/thread-self names.
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"), let thread = id_t(link.split(separator: "/").last ?? "") {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), thread, 10)
        }
        #endif
        let id = run.id!
        do {
            let request = try JSONDecoder().decode(RunRequest.self, from: Data(run.request.utf8))
            guard let version = try store.version(run.versionID) else { throw StoreError.noSuchVersion(run.versionID) }
            let loaded = try inputs.loaded(version: run.versionID)
            switch run.kind {
            case .plan: try optimize(loaded, request: request, version: version)
            case .baseline: try baseline(loaded, request: request, version: version)
            case .sweep: try sweep(loaded, request: request)
            }
        } catch {
            _ = try? store.finishRun(id, state: live.isCancelled ? .cancelled : .failed, message: RunOutcome.failed(Self.message(error)).stored)
        }
    }

    /// Why a run failed, in every language where the layer that failed words it.
    static func message(_ error: any Error) -> Message {
        switch error {
        case let error as PlanningError: error.message
        case let error as StoredInputsError: error.message
        case let error as StoreError: error.message
        default: Message(.reason(of: error))
        }
    }

    private func report(_ progress: RunProgress) {
        if live.report(progress) { try? store.setProgress(run: run.id!, progress: progress.json) }
    }

    private func optimize(_ loaded: LoadedScenario, request: RunRequest, version: VersionRecord) throws {
        let settings = try PlanSettings(loaded, overrides: request.overrides)
        let setup = try PlanSetup(settings, loaded: loaded)
        let model = AllocationModel(setup.instance)
        var options = settings.solverOptions(progressInterval: .milliseconds(500))
        let live = self.live
        let started = ContinuousClock.now
        options.isCancelled = { live.isCancelled }
        let result = try model.solve(options: options, method: settings.method) { progress in
            report(RunProgress(
                elapsed: progress.elapsed.seconds,
                incumbent: progress.incumbent, bound: progress.bound, gap: progress.relativeGap))
        }
        // The search's last word, kept with the run: its incumbent, bound and gap as it ended.
        let elapsed = ContinuousClock.now - started
        let final = RunProgress(
            elapsed: elapsed.seconds, incumbent: result.objectiveValue,
            bound: result.bestBound, gap: result.relativeGap)
        _ = live.report(final)
        try store.setProgress(run: run.id!, progress: final.json)
        guard result.objectiveValue != nil else {
            if live.isCancelled {
                try store.finishRun(run.id!, state: .cancelled, message: RunOutcome.cancelled.stored)
            } else {
                try store.finishRun(run.id!, state: .failed, message: RunOutcome.noPlan(termination: result.termination.rawValue).stored)
            }
            return
        }
        let document = PlanDocument(setup: setup, settings: settings, result: result)
        let plan = try PlanStore.NewPlan(document, version: version, actor: run.madeBy, run: run.id)
        guard live.keep() else {
            try store.finishRun(run.id!, state: .cancelled, message: RunOutcome.cancelled.stored)
            return
        }
        try store.finishRun(run.id!, state: .done, message: RunOutcome.planned(termination: result.termination.rawValue, gap: result.relativeGap).stored, plan: plan)
    }

    private func baseline(_ loaded: LoadedScenario, request: RunRequest, version: VersionRecord) throws {
        let method = request.method ?? .greedy
        let baseline = try BaselineRun(method, loaded: loaded, overrides: request.overrides)
        let plan = try PlanStore.NewPlan(baseline.document, version: version, actor: run.madeBy, run: run.id)
        guard live.keep() else {
            try store.finishRun(run.id!, state: .cancelled, message: RunOutcome.cancelled.stored)
            return
        }
        try store.finishRun(run.id!, state: .done, message: RunOutcome.baseline(method).stored, plan: plan)
    }

    private func sweep(_ loaded: LoadedScenario, request: RunRequest) throws {
        let scales = try SweepRun.scales(request.scale ?? "")
        let started = ContinuousClock.now
        let live = self.live
        let sweep = try SweepRun(
            loaded: loaded, sources: request.sources ?? [], scales: scales, overrides: request.overrides,
            progress: { progress in
                let elapsed = ContinuousClock.now - started
                report(RunProgress(
                    elapsed: elapsed.seconds, incumbent: progress.search?.incumbent, bound: progress.search?.bound,
                    gap: progress.search?.relativeGap, point: progress.point - 1, points: progress.points))
            }, isCancelled: { live.isCancelled })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let rows = String(decoding: try encoder.encode(sweep.rows), as: UTF8.self)
        guard live.keep() else {
            try store.finishRun(run.id!, state: .cancelled, message: RunOutcome.cancelled.stored)
            return
        }
        try store.finishRun(run.id!, state: .done, message: RunOutcome.sweep(points: sweep.rows.count).stored, result: rows)
    }
}

private extension Duration {
    /// The duration in seconds, as the run's progress shows it.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
