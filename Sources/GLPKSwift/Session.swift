import CGLPK
import CGLPKShim
import Foundation

/// One scoped use of GLPK on the current thread: problems are created, solved, read and freed inside a
/// single synchronous call, because GLPK keeps its state per OS thread and aborts if a problem is touched
/// from another one (shared/GLPK-NOTES.md). Ending the session frees the thread's GLPK environment,
/// problems included. Never hold a session across an `await`.
final class Session {
    let capture: TerminalCapture

    private init(output: SolverOutputSink?) {
        capture = TerminalCapture(sink: output)
    }

    /// Everything GLPK printed during the session (in a live problem's session: since the capture was
    /// last restarted).
    var log: String { capture.text }

    /// Runs `body` in a new session on the current thread.
    static func run<T>(output: SolverOutputSink?, _ body: (Session) throws -> T) throws -> T {
        try Runtime.serializedIfNeeded {
            guard ntp_session_begin() == 0 else { throw GLPKError.reentrantCall }
            defer { ntp_session_end() }
            let session = Session(output: output)
            let context = Unmanaged.passUnretained(session.capture).toOpaque()
            ntp_set_terminal_hook(terminalHook, context)
            return try withExtendedLifetime(session) { try body(session) }
        }
    }

    /// Turns the outcome of a guarded call into an error when GLPK failed inside it.
    func check(_ status: ntp_guard_status) throws(GLPKError) {
        if status == NTP_GUARD_GLPK_ERROR { throw .internalError(message: capture.text) }
    }

    /// Deletes a problem created in this session before the session ends (a live problem's session lasts
    /// as long as its thread). After a GLPK error the environment, and the problem with it, is already gone.
    func delete(_ glpkProblem: OpaquePointer) {
        guard ntp_session_poisoned() == 0 else { return }
        _ = ntp_delete(glpkProblem)
    }

    /// Creates a GLPK problem holding `problem`, which must have passed `validate()`.
    func load(_ problem: LinearProblem) throws(GLPKError) -> OpaquePointer {
        let rows = problem.rows
        let columns = problem.columns
        let entries = problem.entries.filter { $0.value != 0 }
        let rowNames = PackedNames(rows.map(\.name))
        let columnNames = PackedNames(columns.map(\.name))
        let rowBounds = [GLPKBounds(.free)] + rows.map { GLPKBounds($0.bounds) }
        let columnBounds = [GLPKBounds(.free)] + columns.map { GLPKBounds($0.bounds) }

        let memory = CMemory()
        var data = ntp_problem_data()
        data.problem_name = memory.copy(Array(problem.name.utf8CString))
        data.objective_name = memory.copy(Array(problem.objectiveName.utf8CString))
        data.direction = problem.sense == .minimize ? GLP_MIN : GLP_MAX
        data.objective_constant = problem.objectiveConstant
        data.row_count = Int32(rows.count)
        data.row_names = memory.copy(rowNames.bytes)
        data.row_name_offset = memory.copy(rowNames.offsets)
        data.row_type = memory.copy(rowBounds.map(\.type))
        data.row_lower = memory.copy(rowBounds.map(\.lower))
        data.row_upper = memory.copy(rowBounds.map(\.upper))
        data.column_count = Int32(columns.count)
        data.column_names = memory.copy(columnNames.bytes)
        data.column_name_offset = memory.copy(columnNames.offsets)
        data.column_kind = memory.copy([0] + columns.map { $0.kind.glpkKind })
        data.column_type = memory.copy(columnBounds.map(\.type))
        data.column_lower = memory.copy(columnBounds.map(\.lower))
        data.column_upper = memory.copy(columnBounds.map(\.upper))
        data.objective = memory.copy([0] + columns.map(\.objective))
        data.entry_count = Int32(entries.count)
        data.entry_row = memory.copy([0] + entries.map { Int32($0.row + 1) })
        data.entry_column = memory.copy([0] + entries.map { Int32($0.column + 1) })
        data.entry_value = memory.copy([0] + entries.map(\.value))

        var created: OpaquePointer?
        let status = withExtendedLifetime(memory) { ntp_build(&data, &created) }
        try check(status)
        guard let created else { throw .internalError(message: "glp_create_prob returned no problem") }
        return created
    }
}

/// Serializes GLPK sessions across threads only when this GLPK build is not reentrant.
enum Runtime {
    /// Whether GLPK keeps its environment in thread-local storage, so that threads with separate
    /// problems do not share state. Debian's build does; a build without it is used one thread at a time.
    static let isReentrant: Bool = glp_config("TLS") != nil

    private static let lock = NSLock()

    static func serializedIfNeeded<T>(_ body: () throws -> T) throws -> T {
        guard !isReentrant else { return try body() }
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// Collects GLPK's terminal output of one session.
final class TerminalCapture {
    private(set) var text = ""
    private var sink: SolverOutputSink?

    init(sink: SolverOutputSink?) {
        self.sink = sink
    }

    /// Forgets what was captured and sends what follows to `sink`: a live problem's session restarts its
    /// capture for each call, so that its log holds that call's output only.
    func restart(sink: SolverOutputSink?) {
        text = ""
        self.sink = sink
    }

    /// Stops sending output to the sink, keeping what was captured.
    func detachSink() {
        sink = nil
    }

    func append(_ piece: String) {
        text += piece
        sink?(piece)
    }
}

/// GLPK's terminal hook: capture everything, and return 1 so that GLPK prints nothing itself.
private let terminalHook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = {
    context, text in
    guard let context, let text else { return 1 }
    Unmanaged<TerminalCapture>.fromOpaque(context).takeUnretainedValue().append(String(cString: text))
    return 1
}

/// Copies of Swift arrays in C memory, for the pointers of `ntp_problem_data`; freed with the object.
final class CMemory {
    private var blocks: [UnsafeMutableRawPointer] = []

    /// Copies `values` (plain C values: numbers and characters) and returns where the copy starts.
    func copy<Element: BitwiseCopyable>(_ values: [Element]) -> UnsafePointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(values.count, 1))
        _ = buffer.initialize(from: values)
        blocks.append(UnsafeMutableRawPointer(buffer.baseAddress!))
        return UnsafePointer(buffer.baseAddress!)
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}

/// Names as one buffer of NUL-terminated strings with 1-based offsets, the shape `ntp_build` reads.
struct PackedNames {
    var bytes: [CChar] = []
    var offsets: [Int32] = [0]

    init(_ names: [String]) {
        for name in names {
            offsets.append(Int32(bytes.count))
            bytes.append(contentsOf: name.utf8.map { CChar(bitPattern: $0) })
            bytes.append(0)
        }
        if bytes.isEmpty { bytes = [0] }
    }
}

/// A `Bounds` value in GLPK's terms.
struct GLPKBounds {
    var type: Int32
    var lower: Double
    var upper: Double

    init(_ bounds: Bounds) {
        switch bounds {
        case .free: (type, lower, upper) = (GLP_FR, 0, 0)
        case .atLeast(let l): (type, lower, upper) = (GLP_LO, l, 0)
        case .atMost(let u): (type, lower, upper) = (GLP_UP, 0, u)
        // GLPK wants a double-bounded range strictly open; equal ends are a fixed value.
        case .between(let l, let u) where l == u: (type, lower, upper) = (GLP_FX, l, l)
        case .between(let l, let u): (type, lower, upper) = (GLP_DB, l, u)
        case .fixed(let v): (type, lower, upper) = (GLP_FX, v, v)
        }
    }

    /// Reads bounds back from GLPK's type code.
    static func bounds(type: Int32, lower: Double, upper: Double) -> Bounds {
        switch type {
        case GLP_LO: .atLeast(lower)
        case GLP_UP: .atMost(upper)
        case GLP_DB: .between(lower, upper)
        case GLP_FX: .fixed(lower)
        default: .free
        }
    }
}

extension ColumnKind {
    var glpkKind: Int32 {
        switch self {
        case .continuous: GLP_CV
        case .integer: GLP_IV
        case .binary: GLP_BV
        }
    }
}
