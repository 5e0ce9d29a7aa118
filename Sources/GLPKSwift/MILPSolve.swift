import CGLPK
import CGLPKShim

extension GLPK {
    /// Solves `problem` with its integrality by branch-and-cut (`glp_intopt`).
    ///
    /// `progress` is called on the calling thread during the search: at every new incumbent and at most
    /// every `options.progressInterval` otherwise. It must not call GLPK (that throws
    /// `GLPKError.reentrantCall`). The time limit is enforced on the wall clock from the callback.
    public static func solveMILP(
        _ problem: LinearProblem, options: MILPOptions = MILPOptions(), progress: ((MILPProgress) -> Void)? = nil
    ) throws -> MILPSolution {
        try problem.validate()
        try options.validate(columnCount: problem.columns.count)
        let start = try options.startingSolution.map { try integralStart($0, for: problem) }
        let clock = ContinuousClock()
        let started = clock.now
        let search = SearchObserver(
            started: started, deadline: options.timeLimit.map { started + $0 }, nodeLimit: options.nodeLimit, interval: options.progressInterval,
            isCancelled: options.isCancelled, handler: progress)
        return try Session.run(output: options.output) { session in
            let glpkProblem = try session.load(problem)
            var solution = try session.branchAndCut(
                glpkProblem, shape: ProblemShape(problem), options: options, start: start, search: search)
            if solution.termination == .infeasibleOrUnbounded {
                solution.termination = try session.decideUnbounded(problem, options: options, search: search)
            }
            solution.solveTime = clock.now - started
            solution.log = session.log
            return solution
        }
    }

    /// The starting solution with integer columns made exactly integral (GLPK compares with floor), after
    /// checking it is feasible: GLPK would take an infeasible point as its incumbent without a check.
    static func integralStart(_ values: [Double], for problem: LinearProblem) throws(InvalidOption) -> [Double] {
        if let violation = problem.firstViolation(of: values) {
            throw InvalidOption(option: "startingSolution", value: "\(values.count) values", reason: "is not feasible: \(violation)")
        }
        return zip(problem.columns, values).map { $0.kind == .continuous ? $1 : $1.rounded() }
    }
}

/// What branch-and-cut needs to know of a loaded problem to read its solution back.
struct ProblemShape {
    var columns: Int
    var rows: Int
    var sense: ObjectiveSense

    init(columns: Int, rows: Int, sense: ObjectiveSense) {
        self.columns = columns
        self.rows = rows
        self.sense = sense
    }

    init(_ problem: LinearProblem) {
        self.init(columns: problem.columns.count, rows: problem.rows.count, sense: problem.sense)
    }
}

extension Session {
    /// Solves the root LP of a loaded problem (when GLPK's presolver does not) and runs branch-and-cut.
    /// A relaxation that is unbounded comes back as `.infeasibleOrUnbounded` for the caller to decide.
    func branchAndCut(
        _ glpkProblem: OpaquePointer, shape: ProblemShape, options: MILPOptions, start: [Double]?,
        search: SearchObserver
    ) throws -> MILPSolution {
        var solution = MILPSolution(
            termination: .timeLimit, primalStatus: .noSolution, objectiveValue: nil, bestBound: nil, relativeGap: nil,
            columnValues: [], rowActivities: [], startingSolutionAccepted: nil, solveTime: .zero, log: "")

        if !options.presolve {
            // glp_intopt needs an optimal basis of the root LP when its presolver is off.
            let root = try definiteSimplex(glpkProblem, options: LPOptions(), deadline: search.deadline)
            switch root.0 {
            case .optimal: break
            case .infeasible: solution.termination = .infeasible; return solution
            case .unbounded: solution.termination = .infeasibleOrUnbounded; return solution
            default: return solution  // the time ran out in the root LP
            }
        }

        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_ALL
        parameters.br_tech = options.branching.glpkCode
        parameters.bt_tech = options.backtracking.glpkCode
        parameters.mip_gap = options.relativeGap
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        parameters.gmi_cuts = options.cuts.contains(.gomory) ? GLP_ON : GLP_OFF
        parameters.mir_cuts = options.cuts.contains(.mixedIntegerRounding) ? GLP_ON : GLP_OFF
        parameters.cov_cuts = options.cuts.contains(.cover) ? GLP_ON : GLP_OFF
        parameters.clq_cuts = options.cuts.contains(.clique) ? GLP_ON : GLP_OFF
        parameters.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parameters.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
        if let deadline = search.deadline {
            // GLPK's own limit is a backstop (it is not wall-clock); the observer stops the search on time.
            guard let milliseconds = remainingMilliseconds(until: deadline) else { return solution }
            parameters.tm_lim = milliseconds
            // Proximity search has its own limit (60 s by default), which must not outlast ours.
            parameters.ps_tm_lim = min(parameters.ps_tm_lim, milliseconds)
        }

        var startBuffer = start.map { [0] + $0 }
        var code: Int32 = 0
        let context = Unmanaged.passUnretained(search).toOpaque()
        let status = startBuffer.withOptionalUnsafeBufferPointer { startPointer in
            var hooks = ntp_mip_hooks(
                observer: searchObserverCallback, observer_context: context, start: startPointer,
                start_offered: 0, start_accepted: 0)
            let status = withExtendedLifetime(search) { ntp_intopt(glpkProblem, &parameters, &hooks, &code) }
            if hooks.start_offered != 0 { solution.startingSolutionAccepted = hooks.start_accepted != 0 }
            return status
        }
        startBuffer = nil
        try check(status)

        switch code {
        case 0:
            switch glp_mip_status(glpkProblem) {
            case GLP_OPT: solution.termination = .optimal
            case GLP_NOFEAS: solution.termination = .infeasible
            default:
                throw GLPKError.solverFailed(routine: "glp_intopt", code: code, meaning: "it ended without a definite status")
            }
        case GLP_ENOPFS:
            solution.termination = .infeasible
        case GLP_ENODFS:
            solution.termination = .infeasibleOrUnbounded
        case GLP_EMIPGAP:
            solution.termination = .gapLimit
        case GLP_ETMLIM, GLP_ESTOP:
            solution.termination = search.reachedNodeLimit ? .iterationLimit : .timeLimit
        default:
            throw GLPKError.solverFailed(routine: "glp_intopt", code: code, meaning: returnCodeMeaning(code))
        }

        let mipStatus = glp_mip_status(glpkProblem)
        guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS else { return solution }
        let objective = glp_mip_obj_val(glpkProblem)
        solution.primalStatus = .feasiblePoint
        solution.objectiveValue = objective
        solution.columnValues = (0..<shape.columns).map { glp_mip_col_val(glpkProblem, Int32($0 + 1)) }
        solution.rowActivities = (0..<shape.rows).map { glp_mip_row_val(glpkProblem, Int32($0 + 1)) }
        let bound = solution.termination == .optimal ? objective : search.tightestBound(with: objective, sense: shape.sense)
        solution.bestBound = bound
        solution.relativeGap = relativeGap(incumbent: objective, bound: bound)
        return solution
    }

    /// The relaxation is unbounded, so the problem is unbounded if it has any integer-feasible point
    /// (Meyer, 1974: rational data) and infeasible otherwise. Looks for one with a zero objective.
    func decideUnbounded(_ problem: LinearProblem, options: MILPOptions, search: SearchObserver) throws -> TerminationReason {
        var feasibility = problem
        feasibility.objectiveConstant = 0
        for index in feasibility.columns.indices { feasibility.columns[index].objective = 0 }
        var feasibilityOptions = options
        feasibilityOptions.startingSolution = nil
        // A problem of its own, deleted afterwards: a live problem's session outlives this solve.
        let glpkProblem = try load(feasibility)
        defer { delete(glpkProblem) }
        let check = try branchAndCut(
            glpkProblem, shape: ProblemShape(feasibility), options: feasibilityOptions, start: nil, search: search.silenced())
        switch check.termination {
        case .optimal, .gapLimit: return .unbounded
        case .infeasible: return .infeasible
        default: return check.primalStatus == .feasiblePoint ? .unbounded : .infeasibleOrUnbounded
        }
    }
}

extension MILPOptions.Branching {
    var glpkCode: Int32 {
        switch self {
        case .firstFractional: GLP_BR_FFV
        case .lastFractional: GLP_BR_LFV
        case .mostFractional: GLP_BR_MFV
        case .driebeckTomlin: GLP_BR_DTH
        case .pseudocost: GLP_BR_PCH
        }
    }
}

extension MILPOptions.Backtracking {
    var glpkCode: Int32 {
        switch self {
        case .depthFirst: GLP_BT_DFS
        case .breadthFirst: GLP_BT_BFS
        case .bestLocalBound: GLP_BT_BLB
        case .bestProjection: GLP_BT_BPH
        }
    }
}

extension Optional where Wrapped == [Double] {
    fileprivate func withOptionalUnsafeBufferPointer<R>(_ body: (UnsafePointer<Double>?) -> R) -> R {
        guard let array = self else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
