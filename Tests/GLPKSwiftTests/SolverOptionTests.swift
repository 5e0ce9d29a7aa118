import GLPKSwift
import Testing

/// Every search option reaches GLPK and leaves the optimum where it is.
@Suite struct SolverOptionTests {
    static let knapsack = TestProblems.correlatedKnapsack(items: 16)
    let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)

    var optimum: Double {
        Double(TestProblems.knapsackByEnumeration(weights: Self.knapsack.weights, values: Self.knapsack.values, capacity: Self.knapsack.capacity))
    }

    @Test(arguments: [CutFamilies.gomory, .mixedIntegerRounding, .cover, .clique, .all])
    func cutFamilies(cuts: CutFamilies) throws {
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(cuts: cuts))
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == optimum)
    }

    @Test(arguments: [(true, false), (false, true), (true, true)])
    func heuristics(feasibilityPump: Bool, proximitySearch: Bool) throws {
        let options = MILPOptions(timeLimit: .seconds(60), feasibilityPump: feasibilityPump, proximitySearch: proximitySearch)
        let solution = try GLPK.solveMILP(problem, options: options)
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == optimum)
    }

    @Test(arguments: MILPOptions.Branching.allCases, MILPOptions.Backtracking.allCases)
    func branchingAndBacktracking(branching: MILPOptions.Branching, backtracking: MILPOptions.Backtracking) throws {
        let options = MILPOptions(presolve: false, branching: branching, backtracking: backtracking)
        let solution = try GLPK.solveMILP(problem, options: options)
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == optimum)
    }

    @Test func lpIterationLimit() throws {
        // Wyndor needs two simplex iterations from the slack basis.
        let solution = try GLPK.solveLP(TestProblems.wyndor(), options: LPOptions(iterationLimit: 1))
        #expect(solution.termination == .iterationLimit)
        #expect(solution.rowDuals == nil)
    }

    @Test func outputSinkReceivesWhatGLPKPrints() throws {
        final class Collected: @unchecked Sendable { var text = "" }
        let collected = Collected()
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(output: { collected.text += $0 }))
        #expect(collected.text == solution.log)
        #expect(solution.log.contains("INTEGER OPTIMAL SOLUTION FOUND"))
    }
}
