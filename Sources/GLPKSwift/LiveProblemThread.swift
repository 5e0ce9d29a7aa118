import CGLPKShim
import Foundation

/// The OS thread that owns one live problem. GLPK keeps its state per thread and aborts when a problem
/// is touched from another one (shared/GLPK-NOTES.md), so the problem is created, used and deleted here
/// only: other threads hand calls over as jobs and wait for their results. The whole life of the thread
/// is one GLPK session, so the thread's GLPK environment is freed when it ends.
final class LiveProblemThread: @unchecked Sendable {
    typealias Job = @Sendable (LiveState) -> Void

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var jobs: [Job] = []
    private var accepting = true
    private var ended = false
    private var leftEnvironment = false
    private var owner: pthread_t?

    /// Starts the thread and loads `problem` (validated) on it; throws what loading threw.
    init(problem: LinearProblem, model: UInt64) throws {
        let ready = Completion<Void>()
        let thread = Thread { [self] in main(problem: problem, model: model, ready: ready) }
        thread.name = "GLPK live problem \(problem.name)"
        thread.stackSize = 8 << 20
        thread.start()
        try ready.wait().get()
    }

    private func main(problem: LinearProblem, model: UInt64, ready: Completion<Void>) {
        condition.withLock { owner = pthread_self() }
        do {
            try Session.run(output: nil) { session in
                let state: LiveState
                do {
                    state = try LiveState(session: session, problem: problem, model: model)
                } catch {
                    ready.finish(.failure(error))
                    return
                }
                ready.finish(.success(()))
                while let job = nextJob() { job(state) }
                state.free()
            }
        } catch {
            ready.finish(.failure(error))
        }
        // The session has ended: the problem is deleted and the thread's GLPK environment freed. Any
        // environment still there (none should be) is freed now and noted.
        let leftover = ntp_free_leftover_environment() != 0
        condition.withLock {
            leftEnvironment = leftover
            accepting = false
            ended = true
            condition.broadcast()
        }
    }

    /// The next job, or nil once the thread is closing and every accepted job has run.
    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && accepting { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    private func submit(_ job: @escaping Job) throws(LiveProblemError) {
        condition.lock()
        defer { condition.unlock() }
        guard accepting else { throw .closed }
        jobs.append(job)
        condition.broadcast()
    }

    /// Whether the caller runs on this problem's thread (inside a job), where waiting for another job
    /// would wait forever.
    private var isOwnerThread: Bool {
        condition.withLock { !ended && owner.map { pthread_equal($0, pthread_self()) != 0 } == true }
    }

    /// Runs `body` on the thread and waits for it. The caller is blocked meanwhile, so whatever `body`
    /// touches is touched by one thread at a time, as with `DispatchQueue.sync`.
    func perform<T>(_ body: (LiveProblem.Access) throws -> T) throws -> T {
        if isOwnerThread { throw LiveProblemError.calledFromItsOwnThread }
        return try withoutActuallyEscaping(body) { body in
            let work = Work(body)
            let completion = Completion<T>()
            try submit { state in completion.finish(work.run(on: state)) }
            return try completion.wait().get()
        }
    }

    /// Runs `body` on the thread; the task is suspended, not blocked, until it has run.
    func perform<T: Sendable>(_ body: @escaping @Sendable (LiveProblem.Access) throws -> T) async throws -> T {
        if isOwnerThread { throw LiveProblemError.calledFromItsOwnThread }
        return try await withCheckedThrowingContinuation { continuation in
            do {
                try submit { state in continuation.resume(with: state.run(body)) }
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Stops accepting calls; the thread runs those already accepted, deletes the problem, frees its GLPK
    /// environment and ends. `waiting` waits for that, unless called from the thread itself.
    func close(waiting: Bool) {
        let onOwnThread = isOwnerThread
        condition.lock()
        defer { condition.unlock() }
        accepting = false
        condition.broadcast()
        guard waiting, !onOwnThread else { return }
        while !ended { condition.wait() }
    }

    var isClosed: Bool { condition.withLock { !accepting } }

    /// Whether the thread has deleted the problem and freed its GLPK environment.
    var hasEnded: Bool { condition.withLock { ended } }

    /// Whether the thread found a GLPK environment still active after its session ended (a leak the
    /// session should have prevented; the tests check there is none).
    var leftAnEnvironment: Bool { condition.withLock { leftEnvironment } }
}

/// A non-escaping body made escaping for the time of a synchronous `perform`. It is released on the
/// problem's thread before the caller is woken, as `withoutActuallyEscaping` requires.
private final class Work<T>: @unchecked Sendable {
    private var body: ((LiveProblem.Access) throws -> T)?

    init(_ body: @escaping (LiveProblem.Access) throws -> T) {
        self.body = body
    }

    func run(on state: LiveState) -> Result<T, any Error> {
        let result = state.run(body!)
        body = nil
        return result
    }
}

/// A result handed from the problem's thread to a waiting caller.
final class Completion<T>: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    /// Stores the first result given and wakes the waiter.
    func finish(_ result: Result<T, any Error>) {
        let first = lock.withLock {
            guard self.result == nil else { return false }
            self.result = result
            return true
        }
        if first { semaphore.signal() }
    }

    func wait() -> Result<T, any Error> {
        semaphore.wait()
        return lock.withLock { result! }
    }
}
