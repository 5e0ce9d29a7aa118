import GLPKSwift
import Testing

/// Outcomes other than an optimum are reported as what they are, without a point or an objective.
@Suite struct StatusTests {
    /// x ≥ 2 as a bound and x ≤ 1 as a row.
    func infeasibleLP() -> LinearProblem {
        var problem = LinearProblem(name: "infeasible", sense: .minimize)
        let x = problem.addColumn(Column(name: "x", bounds: .atLeast(2), objective: 1))
        problem.addRow(Row(name: "cap", bounds: .atMost(1)), coefficients: [(x, 1)])
        return problem
    }

    /// Maximise x + y with x − y ≤ 1: both may grow together without limit.
    func unboundedProblem(kind: ColumnKind) -> LinearProblem {
        var problem = LinearProblem(name: "unbounded", sense: .maximize)
        let x = problem.addColumn(Column(name: "x", kind: kind, objective: 1))
        let y = problem.addColumn(Column(name: "y", kind: kind, objective: 1))
        problem.addRow(Row(name: "spread", bounds: .atMost(1)), coefficients: [(x, 1), (y, -1)])
        return problem
    }

    @Test(arguments: [false, true])
    func infeasibleLPIsReported(presolve: Bool) throws {
        let solution = try GLPK.solveLP(infeasibleLP(), options: LPOptions(presolve: presolve))
        #expect(solution.termination == .infeasible)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.objectiveValue == nil && solution.columnValues.isEmpty && solution.rowDuals == nil)
        #expect(throws: UnexpectedSolveOutcome.self) { try solution.requireOptimal() }
    }

    @Test(arguments: [false, true])
    func unboundedLPIsReported(presolve: Bool) throws {
        let solution = try GLPK.solveLP(unboundedProblem(kind: .continuous), options: LPOptions(presolve: presolve))
        #expect(solution.termination == .unbounded)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.objectiveValue == nil)
    }

    @Test(arguments: [false, true])
    func infeasibleRelaxationMakesAnInfeasibleMILP(presolve: Bool) throws {
        var problem = infeasibleLP()
        problem.columns[0].kind = .integer
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(presolve: presolve))
        #expect(solution.termination == .infeasible)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.objectiveValue == nil && solution.bestBound == nil && solution.relativeGap == nil)
    }

    @Test(arguments: [false, true])
    func integerInfeasibleMILPIsReported(presolve: Bool) throws {
        // 2x = 1 has the relaxed solution x = 0.5 and no integer one.
        var problem = LinearProblem(name: "half", sense: .minimize)
        let x = problem.addColumn(Column(name: "x", kind: .integer, objective: 1))
        problem.addRow(Row(name: "twice", bounds: .fixed(1)), coefficients: [(x, 2)])
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(presolve: presolve))
        #expect(solution.termination == .infeasible)
        #expect(solution.primalStatus == .noSolution)
    }

    @Test(arguments: [false, true])
    func unboundedMILPIsReported(presolve: Bool) throws {
        let solution = try GLPK.solveMILP(unboundedProblem(kind: .integer), options: MILPOptions(presolve: presolve))
        #expect(solution.termination == .unbounded)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.objectiveValue == nil)
    }

    @Test(arguments: [false, true])
    func unboundedRelaxationWithoutIntegerPointIsInfeasible(presolve: Bool) throws {
        // The relaxation is unbounded (x, y grow), but 2z = 1 has no integer solution.
        var problem = unboundedProblem(kind: .continuous)
        let z = problem.addColumn(Column(name: "z", kind: .integer))
        problem.addRow(Row(name: "twice", bounds: .fixed(1)), coefficients: [(z, 2)])
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(presolve: presolve))
        #expect(solution.termination == .infeasible)
    }

    @Test func noIntegerSolutionWithinTheTimeLimit() throws {
        let problem = TestProblems.parity(variables: 60)
        let clock = ContinuousClock()
        let started = clock.now
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(timeLimit: .milliseconds(300), presolve: false))
        #expect(solution.termination == .timeLimit)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.objectiveValue == nil && solution.columnValues.isEmpty)
        #expect(throws: UnexpectedSolveOutcome.self) { try solution.requireFeasible() }
        // Stopped by the wall clock, not after the whole (astronomical) search.
        #expect(clock.now - started < .seconds(30))
    }

    @Test func timeLimitWithAnIncumbentKeepsItAndItsGap() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 200)
        let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(timeLimit: .milliseconds(200), presolve: false))
        if solution.termination == .timeLimit, solution.primalStatus == .feasiblePoint {
            #expect(problem.firstViolation(of: solution.columnValues) == nil)
            #expect(try #require(solution.bestBound) >= (try #require(solution.objectiveValue)))
        } else {
            // A fast machine may prove the optimum first: then it must say so.
            #expect(solution.termination == .optimal)
        }
    }
}
