import CGLPK
import CGLPKShim

extension GLPK {
    /// Solves the LP relaxation of `problem` (integrality is ignored) by the simplex method.
    ///
    /// Model outcomes (optimal, infeasible, unbounded, a limit) come back as the solution's status; a
    /// problem or option GLPK must not see throws `ProblemError` or `InvalidOption` before GLPK runs, and
    /// a failed GLPK call throws `GLPKError`.
    public static func solveLP(_ problem: LinearProblem, options: LPOptions = LPOptions()) throws -> LPSolution {
        try problem.validate()
        try options.validate()
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = options.timeLimit.map { started + $0 }
        return try Session.run(output: options.output) { session in
            let glpkProblem = try session.load(problem)
            let (termination, primalStatus) = try session.definiteSimplex(glpkProblem, options: options, deadline: deadline)
            var solution = LPSolution(
                termination: termination, primalStatus: primalStatus, objectiveValue: nil, columnValues: [],
                rowActivities: [], rowDuals: nil, reducedCosts: nil, solveTime: clock.now - started, log: "")
            if primalStatus == .feasiblePoint {
                solution.objectiveValue = glp_get_obj_val(glpkProblem)
                solution.columnValues = (0..<problem.columns.count).map { glp_get_col_prim(glpkProblem, Int32($0 + 1)) }
                solution.rowActivities = (0..<problem.rows.count).map { glp_get_row_prim(glpkProblem, Int32($0 + 1)) }
            }
            if termination == .optimal {
                solution.rowDuals = (0..<problem.rows.count).map { glp_get_row_dual(glpkProblem, Int32($0 + 1)) }
                solution.reducedCosts = (0..<problem.columns.count).map { glp_get_col_dual(glpkProblem, Int32($0 + 1)) }
            }
            solution.log = session.log
            return solution
        }
    }
}

extension Session {
    /// Runs the simplex method as `options` ask; when that cannot tell an infeasible problem from an
    /// unbounded one (the presolver, or the dual simplex without a dual feasible basis, stops at "no
    /// feasible point" of one side), runs the primal simplex without presolve, which can.
    func definiteSimplex(
        _ glpkProblem: OpaquePointer, options: LPOptions, deadline: ContinuousClock.Instant?
    ) throws -> (TerminationReason, PrimalStatus) {
        if let outcome = try simplex(glpkProblem, options: options, deadline: deadline) { return outcome }
        var primal = options
        primal.method = .primal
        primal.presolve = false
        if let outcome = try simplex(glpkProblem, options: primal, deadline: deadline) { return outcome }
        throw GLPKError.solverFailed(routine: "glp_simplex", code: 0, meaning: "it ended without a definite status")
    }

    /// Runs `glp_simplex` once; returns nil when it ended without telling infeasible from unbounded.
    private func simplex(
        _ glpkProblem: OpaquePointer, options: LPOptions, deadline: ContinuousClock.Instant?
    ) throws -> (TerminationReason, PrimalStatus)? {
        let presolve = options.presolve
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_ALL
        parameters.meth = switch options.method {
        case .primal: GLP_PRIMAL
        case .dual: GLP_DUAL
        case .dualThenPrimal: GLP_DUALP
        }
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        if let iterationLimit = options.iterationLimit { parameters.it_lim = Int32(iterationLimit) }
        if let deadline {
            guard let milliseconds = remainingMilliseconds(until: deadline) else { return (.timeLimit, .noSolution) }
            parameters.tm_lim = milliseconds
        }
        var code: Int32 = 0
        try check(ntp_simplex(glpkProblem, &parameters, &code))

        let hasPoint = glp_get_prim_stat(glpkProblem) == GLP_FEAS
        switch code {
        case 0:
            switch glp_get_status(glpkProblem) {
            case GLP_OPT: return (.optimal, .feasiblePoint)
            case GLP_NOFEAS: return (.infeasible, .noSolution)
            case GLP_UNBND: return (.unbounded, .noSolution)
            default: return nil
            }
        case GLP_ENOPFS where presolve, GLP_ENODFS where presolve:
            return nil
        case GLP_ETMLIM:
            return (.timeLimit, hasPoint ? .feasiblePoint : .noSolution)
        case GLP_EITLIM:
            return (.iterationLimit, hasPoint ? .feasiblePoint : .noSolution)
        default:
            throw GLPKError.solverFailed(routine: "glp_simplex", code: code, meaning: returnCodeMeaning(code))
        }
    }
}

/// Milliseconds left until `deadline` as GLPK takes them, or nil when the time is already up.
func remainingMilliseconds(until deadline: ContinuousClock.Instant) -> Int32? {
    let left = deadline - ContinuousClock.now
    guard left > .zero else { return nil }
    return Int32(clamping: left.milliseconds)
}
