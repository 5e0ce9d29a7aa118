import CGLPK

/// A GLPK call that failed, as opposed to a model outcome such as "infeasible" (a `TerminationReason`).
public enum GLPKError: Error, Sendable, CustomStringConvertible {
    /// GLPK raised an internal error and would have aborted the process; the guard caught it and freed
    /// the thread's GLPK environment. `message` is what GLPK printed.
    case internalError(message: String)
    /// A solver routine returned an error code that is not a model outcome (singular basis, numerical
    /// failure, ...).
    case solverFailed(routine: String, code: Int32, meaning: String)
    /// GLPK could not read or write a model file; `log` is what it printed (line numbers included).
    case modelFile(path: String, operation: String, log: String)
    /// A GLPK call was made from inside a MILP progress handler on the same thread.
    case reentrantCall

    public var description: String {
        switch self {
        case .internalError(let message):
            "GLPK internal error (caught; GLPK state of this thread was reset): \(message.trimmed)"
        case .solverFailed(let routine, let code, let meaning):
            "\(routine) failed with code \(code): \(meaning)"
        case .modelFile(let path, let operation, let log):
            "cannot \(operation) \(path): \(log.trimmed)"
        case .reentrantCall:
            "GLPK was called from inside a progress handler; solve other problems after this one returns"
        }
    }
}

extension String {
    fileprivate var trimmed: String {
        split(whereSeparator: \.isNewline).joined(separator: " | ")
    }
}

/// What a return code of `glp_simplex` or `glp_intopt` means, in words (GLPK reference manual, ch. 2).
func returnCodeMeaning(_ code: Int32) -> String {
    switch code {
    case GLP_EBADB: "the initial basis is invalid"
    case GLP_ESING: "the basis matrix is singular"
    case GLP_ECOND: "the basis matrix is ill-conditioned"
    case GLP_EBOUND: "some double-bounded variable has incorrect bounds"
    case GLP_EFAIL: "the solver failed"
    case GLP_EOBJLL: "the objective reached its lower limit"
    case GLP_EOBJUL: "the objective reached its upper limit"
    case GLP_EITLIM: "the iteration limit was exceeded"
    case GLP_ETMLIM: "the time limit was exceeded"
    case GLP_ENOPFS: "the problem has no primal feasible solution"
    case GLP_ENODFS: "the problem has no dual feasible solution"
    case GLP_EROOT: "the optimal basis of the root LP is missing"
    case GLP_ESTOP: "the search was stopped by the application"
    case GLP_EMIPGAP: "the relative MIP gap tolerance was reached"
    case GLP_ENOFEAS: "no primal or dual feasible solution"
    case GLP_ENOCVG: "no convergence"
    case GLP_EINSTAB: "numerical instability"
    case GLP_EDATA: "invalid data"
    case GLP_ERANGE: "a result is out of range"
    default: "unknown return code"
    }
}
