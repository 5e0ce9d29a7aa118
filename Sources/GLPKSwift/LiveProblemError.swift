/// A call a live problem refused, or cannot serve any more. Invalid values (names, bounds, objective
/// coefficients) are `ProblemError`s as for a `LinearProblem`, with the element's position in the live
/// problem's current order as index; a refused call changed nothing.
public enum LiveProblemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `close()` was called (or the problem was released); nothing of it is left in GLPK.
    case closed
    /// A GLPK internal error, caught by the guard, freed the GLPK environment of the problem's thread and
    /// the problem with it. `message` is what GLPK printed.
    case lost(message: String)
    /// This GLPK build keeps one environment for all threads, so a problem cannot stay loaded while other
    /// threads solve.
    case glpkNotReentrant
    /// The problem was called from its own thread: inside `perform` (use the `Access` it gives) or from a
    /// MILP progress handler.
    case calledFromItsOwnThread
    /// An `Access` was used after the `perform` that gave it had returned.
    case accessOutlivedPerform
    case unknownColumn(ColumnHandle, UnknownHandle)
    case unknownRow(RowHandle, UnknownHandle)
    case nonFiniteCoefficient(row: String, column: String, value: Double)
    /// A basis must have exactly one basic variable per row.
    case basisSize(basic: Int, rows: Int)
    /// A non-basic status the bounds do not allow (at lower needs a lower bound, free a free variable, …).
    case basisStatus(ProblemPart, name: String, status: BasisStatus, bounds: Bounds)

    /// Why a handle is not in the problem.
    public enum UnknownHandle: String, Sendable {
        case deleted
        case ofAnotherProblem
    }

    public var description: String {
        switch self {
        case .closed:
            "the live problem is closed; create a new one from the problem value"
        case .lost(let message):
            "the live problem was lost to a GLPK internal error (its GLPK environment was freed): "
                + "\(message.split(whereSeparator: \.isNewline).joined(separator: " | ")); create a new one from the problem value"
        case .glpkNotReentrant:
            "this GLPK build keeps one environment for all threads, so a problem cannot stay loaded; "
                + "solve with GLPK.solveLP or GLPK.solveMILP instead"
        case .calledFromItsOwnThread:
            "the live problem was called from its own thread (inside perform or a progress handler); "
                + "inside perform, use the Access it gives"
        case .accessOutlivedPerform:
            "an Access was used after its perform returned; make every call inside the perform"
        case .unknownColumn(let handle, let why):
            "\(handle) is not in this live problem: \(why == .deleted ? "it was deleted" : "it belongs to another one")"
        case .unknownRow(let handle, let why):
            "\(handle) is not in this live problem: \(why == .deleted ? "it was deleted" : "it belongs to another one")"
        case .nonFiniteCoefficient(let row, let column, let value):
            "the coefficient of column “\(column)” in row “\(row)” is \(value); coefficients must be finite"
        case .basisSize(let basic, let rows):
            "the basis has \(basic) basic variables for \(rows) rows; it needs exactly one per row"
        case .basisStatus(let part, let name, let status, let bounds):
            "\(part) “\(name)” with bounds \(bounds) cannot be \(status.rawValue); "
                + "give a status its bounds allow (at lower needs a lower bound, at upper an upper one, free a free variable, fixed a fixed one)"
        }
    }
}
