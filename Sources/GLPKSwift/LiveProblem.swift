import CGLPKShim
import Foundation

/// A problem that stays loaded in GLPK between solves, for re-solving from the last basis after edits:
/// column generation adds columns to a master LP and re-solves it by the primal simplex; a sweep changes
/// right-hand sides and re-solves by the dual simplex.
///
/// The GLPK problem lives on a thread of its own, which runs every call handed to it, one at a time, in
/// the order called (GLPK aborts when a problem is touched from another thread). Calls are synchronous
/// for the caller; each has an `async` twin that suspends the task instead of blocking its thread.
/// `perform` runs several calls as one, with no other caller's call in between.
///
/// Rows and columns are named by handles that stay valid until deleted (GLPK renumbers on deletion;
/// handles hide it). Every edit is checked in Swift first, as `LinearProblem.validate()` checks a problem,
/// and refused whole with a typed error (`ProblemError` for values, `LiveProblemError` for handles and
/// bases); a refused edit changes nothing. A GLPK internal error that still happens is thrown as
/// `GLPKError.internalError`, after which the problem is gone and every call throws `LiveProblemError.lost`.
///
/// `close()` deletes the problem and ends the thread (which frees its GLPK environment); releasing the
/// last reference does the same on the problem's thread, without waiting.
public final class LiveProblem: Sendable {
    /// Tells this problem's handles from another's.
    let model: UInt64
    let thread: LiveProblemThread

    /// Loads `problem` (validated first, like every solve) into GLPK on a new thread.
    public init(_ problem: LinearProblem) throws {
        guard Runtime.isReentrant else { throw LiveProblemError.glpkNotReentrant }
        try problem.validate()
        model = Self.serials.next()
        thread = try LiveProblemThread(problem: problem, model: model)
    }

    deinit {
        thread.close(waiting: false)
    }

    /// Deletes the problem and frees its thread's GLPK environment, after the calls already made have run.
    /// Later calls throw `LiveProblemError.closed`. Calling it again does nothing.
    public func close() {
        thread.close(waiting: true)
    }

    public var isClosed: Bool { thread.isClosed }

    /// Runs `body` on the problem's thread with exclusive use of the problem, and returns what it returns.
    /// The calling thread waits meanwhile. Inside `body`, call the problem through the `Access` only:
    /// calling the `LiveProblem` itself throws `LiveProblemError.calledFromItsOwnThread`, and calling
    /// `GLPK.solveLP` and the like throws `GLPKError.reentrantCall`.
    public func perform<T>(_ body: (Access) throws -> T) throws -> T {
        try thread.perform(body)
    }

    /// Runs `body` on the problem's thread with exclusive use of the problem; the task is suspended
    /// meanwhile. Cancelling the task does not stop a call already made.
    public func perform<T: Sendable>(_ body: @escaping @Sendable (Access) throws -> T) async throws -> T {
        try await thread.perform(body)
    }

    private static let serials = SerialNumbers()

    /// Makes a deliberately bad GLPK call on the problem's thread, inside the guard (for the tests).
    func provokeInternalError() throws {
        try perform { access in
            _ = try access.usableState()
            try access.state.session.check(ntp_provoke_error())
        }
    }

    /// GLPK's memory in use on the problem's thread, and its peak, in bytes (for the leak tests).
    func glpkMemoryUsage() throws -> (inUse: Int, peak: Int) {
        try perform { try $0.usableState().memoryUsage() }
    }
}

extension LiveProblem {
    /// A column to add, with its coefficients in rows already in the problem.
    public struct NewColumn: Sendable {
        public var column: Column
        public var coefficients: [RowHandle: Double]

        public init(_ column: Column, coefficients: [RowHandle: Double] = [:]) {
            self.column = column
            self.coefficients = coefficients
        }
    }

    /// A row to add, with its coefficients in columns already in the problem.
    public struct NewRow: Sendable {
        public var row: Row
        public var coefficients: [ColumnHandle: Double]

        public init(_ row: Row, coefficients: [ColumnHandle: Double] = [:]) {
            self.row = row
            self.coefficients = coefficients
        }
    }

    /// The problem, on its thread, inside one `perform`. It cannot be sent to another thread, and it is
    /// refused once its `perform` has returned.
    public struct Access {
        let state: LiveState
        let generation: Int

        func usableState() throws(LiveProblemError) -> LiveState {
            try state.checkUsable(by: generation)
            return state
        }

        /// The columns, in the problem's current order (that of `problem()` and of solutions' arrays).
        public func columns() throws -> [ColumnHandle] { try usableState().columnHandles }
        /// The rows, in the problem's current order.
        public func rows() throws -> [RowHandle] { try usableState().rowHandles }
        public func column(_ handle: ColumnHandle) throws -> Column { try usableState().column(handle) }
        public func row(_ handle: RowHandle) throws -> Row { try usableState().row(handle) }
        /// The problem as it stands now, as a value: for a cold solve, a model file or a check in Swift.
        public func problem() throws -> LinearProblem { try usableState().snapshot() }

        /// Adds columns at the end, non-basic at a bound: the basis stays a basis, primal feasible when
        /// they rest at zero, so the next solve continues by the primal simplex. Returns their handles.
        @discardableResult
        public func addColumns(_ columns: [NewColumn]) throws -> [ColumnHandle] { try usableState().addColumns(columns) }
        /// Adds rows at the end with their activities basic: the basis stays dual feasible, so the next
        /// solve continues by the dual simplex. Returns their handles.
        @discardableResult
        public func addRows(_ rows: [NewRow]) throws -> [RowHandle] { try usableState().addRows(rows) }
        /// Deletes columns. Deleting non-basic columns keeps the basis; deleting a basic one leaves it
        /// short, and the next solve starts from GLPK's advanced initial basis.
        public func deleteColumns(_ columns: Set<ColumnHandle>) throws { try usableState().deleteColumns(columns) }
        /// Deletes rows. Deleting rows whose activity is basic keeps the basis; deleting a binding row
        /// leaves it one too many, and the next solve starts from GLPK's advanced initial basis.
        public func deleteRows(_ rows: Set<RowHandle>) throws { try usableState().deleteRows(rows) }
        public func setColumnBounds(_ bounds: [ColumnHandle: Bounds]) throws { try usableState().setColumnBounds(bounds) }
        /// New row bounds (right-hand sides).
        public func setRowBounds(_ bounds: [RowHandle: Bounds]) throws { try usableState().setRowBounds(bounds) }
        public func setObjectiveCoefficients(_ coefficients: [ColumnHandle: Double]) throws {
            try usableState().setObjectiveCoefficients(coefficients)
        }
        public func setObjectiveConstant(_ constant: Double) throws { try usableState().setObjectiveConstant(constant) }
        /// New column kinds; a binary column's bounds must already lie within [0, 1] with 0/1 ends.
        public func setColumnKinds(_ kinds: [ColumnHandle: ColumnKind]) throws { try usableState().setColumnKinds(kinds) }

        /// The statuses of the current basis.
        public func basis() throws -> Basis { try usableState().basis() }
        /// Sets the statuses of some rows and columns (the others keep theirs). Each status must suit the
        /// bounds, and the result must have one basic variable per row; a basis GLPK cannot factorize is
        /// replaced at the next solve by GLPK's advanced initial basis (`basisRebuilt`).
        public func setBasis(_ basis: Basis) throws { try usableState().setBasis(basis) }

        /// Re-solves the LP relaxation from the current basis (see `LiveLPOptions.Method`).
        public func solveLP(options: LiveLPOptions = LiveLPOptions()) throws -> LiveLPSolution {
            try solveLP(options: options, calledAt: .now)
        }

        func solveLP(options: LiveLPOptions, calledAt: ContinuousClock.Instant) throws -> LiveLPSolution {
            try usableState().solveLP(options: options, calledAt: calledAt)
        }

        /// Solves the problem with its integrality by branch-and-cut, as `GLPK.solveMILP` does; without
        /// presolve, the root LP is re-solved from the current basis. `progress` runs on the problem's
        /// thread. Afterwards the next LP solve starts by the primal simplex.
        public func solveMILP(options: MILPOptions = MILPOptions(), progress: ((MILPProgress) -> Void)? = nil) throws -> LiveMILPSolution {
            try solveMILP(options: options, progress: progress, calledAt: .now)
        }

        func solveMILP(options: MILPOptions, progress: ((MILPProgress) -> Void)?, calledAt: ContinuousClock.Instant) throws -> LiveMILPSolution {
            try usableState().solveMILP(options: options, progress: progress, calledAt: calledAt)
        }
    }
}

@available(*, unavailable)
extension LiveProblem.Access: Sendable {}

// One call each, synchronous and async; see `Access` for what each does.
extension LiveProblem {
    public func columns() throws -> [ColumnHandle] { try perform { try $0.columns() } }
    public func columns() async throws -> [ColumnHandle] { try await perform { try $0.columns() } }
    public func rows() throws -> [RowHandle] { try perform { try $0.rows() } }
    public func rows() async throws -> [RowHandle] { try await perform { try $0.rows() } }
    public func column(_ handle: ColumnHandle) throws -> Column { try perform { try $0.column(handle) } }
    public func column(_ handle: ColumnHandle) async throws -> Column { try await perform { try $0.column(handle) } }
    public func row(_ handle: RowHandle) throws -> Row { try perform { try $0.row(handle) } }
    public func row(_ handle: RowHandle) async throws -> Row { try await perform { try $0.row(handle) } }
    public func problem() throws -> LinearProblem { try perform { try $0.problem() } }
    public func problem() async throws -> LinearProblem { try await perform { try $0.problem() } }

    @discardableResult
    public func addColumns(_ columns: [NewColumn]) throws -> [ColumnHandle] { try perform { try $0.addColumns(columns) } }
    @discardableResult
    public func addColumns(_ columns: [NewColumn]) async throws -> [ColumnHandle] { try await perform { try $0.addColumns(columns) } }
    @discardableResult
    public func addRows(_ rows: [NewRow]) throws -> [RowHandle] { try perform { try $0.addRows(rows) } }
    @discardableResult
    public func addRows(_ rows: [NewRow]) async throws -> [RowHandle] { try await perform { try $0.addRows(rows) } }
    public func deleteColumns(_ columns: Set<ColumnHandle>) throws { try perform { try $0.deleteColumns(columns) } }
    public func deleteColumns(_ columns: Set<ColumnHandle>) async throws { try await perform { try $0.deleteColumns(columns) } }
    public func deleteRows(_ rows: Set<RowHandle>) throws { try perform { try $0.deleteRows(rows) } }
    public func deleteRows(_ rows: Set<RowHandle>) async throws { try await perform { try $0.deleteRows(rows) } }
    public func setColumnBounds(_ bounds: [ColumnHandle: Bounds]) throws { try perform { try $0.setColumnBounds(bounds) } }
    public func setColumnBounds(_ bounds: [ColumnHandle: Bounds]) async throws { try await perform { try $0.setColumnBounds(bounds) } }
    public func setRowBounds(_ bounds: [RowHandle: Bounds]) throws { try perform { try $0.setRowBounds(bounds) } }
    public func setRowBounds(_ bounds: [RowHandle: Bounds]) async throws { try await perform { try $0.setRowBounds(bounds) } }
    public func setObjectiveCoefficients(_ coefficients: [ColumnHandle: Double]) throws {
        try perform { try $0.setObjectiveCoefficients(coefficients) }
    }
    public func setObjectiveCoefficients(_ coefficients: [ColumnHandle: Double]) async throws {
        try await perform { try $0.setObjectiveCoefficients(coefficients) }
    }
    public func setObjectiveConstant(_ constant: Double) throws { try perform { try $0.setObjectiveConstant(constant) } }
    public func setObjectiveConstant(_ constant: Double) async throws { try await perform { try $0.setObjectiveConstant(constant) } }
    public func setColumnKinds(_ kinds: [ColumnHandle: ColumnKind]) throws { try perform { try $0.setColumnKinds(kinds) } }
    public func setColumnKinds(_ kinds: [ColumnHandle: ColumnKind]) async throws { try await perform { try $0.setColumnKinds(kinds) } }
    public func basis() throws -> Basis { try perform { try $0.basis() } }
    public func basis() async throws -> Basis { try await perform { try $0.basis() } }
    public func setBasis(_ basis: Basis) throws { try perform { try $0.setBasis(basis) } }
    public func setBasis(_ basis: Basis) async throws { try await perform { try $0.setBasis(basis) } }

    /// The time limit counts from this call, including any wait behind other callers' calls.
    public func solveLP(options: LiveLPOptions = LiveLPOptions()) throws -> LiveLPSolution {
        let calledAt = ContinuousClock.now
        return try perform { try $0.solveLP(options: options, calledAt: calledAt) }
    }

    public func solveLP(options: LiveLPOptions = LiveLPOptions()) async throws -> LiveLPSolution {
        let calledAt = ContinuousClock.now
        return try await perform { try $0.solveLP(options: options, calledAt: calledAt) }
    }

    /// The time limit counts from this call. `progress` runs on the problem's thread while this call waits.
    public func solveMILP(options: MILPOptions = MILPOptions(), progress: ((MILPProgress) -> Void)? = nil) throws -> LiveMILPSolution {
        let calledAt = ContinuousClock.now
        return try perform { try $0.solveMILP(options: options, progress: progress, calledAt: calledAt) }
    }

    public func solveMILP(
        options: MILPOptions = MILPOptions(), progress: (@Sendable (MILPProgress) -> Void)? = nil
    ) async throws -> LiveMILPSolution {
        let calledAt = ContinuousClock.now
        return try await perform { try $0.solveMILP(options: options, progress: progress, calledAt: calledAt) }
    }
}

/// Numbers live problems, so that a handle of one is told from a handle of another.
private final class SerialNumbers: @unchecked Sendable {
    private let lock = NSLock()
    private var last: UInt64 = 0

    func next() -> UInt64 {
        lock.withLock {
            last += 1
            return last
        }
    }
}
