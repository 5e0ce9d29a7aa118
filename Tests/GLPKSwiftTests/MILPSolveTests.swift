import GLPKSwift
import PropertyBased
import Testing

@Suite struct MILPSolveTests {
    // The knapsack pictured in Wikipedia's "Knapsack problem" article: capacity 15 kg, items of
    // (12 kg, $4), (2 kg, $2), (1 kg, $2), (1 kg, $1), (4 kg, $10); the best takes all but the first.
    let weights = [12, 2, 1, 1, 4]
    let values = [4, 2, 2, 1, 10]

    @Test(arguments: [true, false])
    func knapsackOptimum(presolve: Bool) throws {
        let problem = TestProblems.knapsack(weights: weights, values: values, capacity: 15)
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(presolve: presolve))
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == 15)
        #expect(solution.columnValues == [0, 1, 1, 1, 1])
        #expect(solution.bestBound == 15)
        #expect(solution.relativeGap == 0)
        #expect(TestProblems.knapsackByEnumeration(weights: weights, values: values, capacity: 15) == 15)
    }

    @Test func generalIntegerOptimum() throws {
        let problem = TestProblems.wikipediaInteger()
        let solution = try GLPK.solveMILP(problem).requireFeasible()
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == 2)
        #expect(problem.firstViolation(of: solution.columnValues) == nil)
        // Every integer point of the box [0, 4]² confirms 2 is the best.
        let best = (0...4).flatMap { x in (0...4).map { y in [Double(x), Double(y)] } }
            .filter { problem.firstViolation(of: $0) == nil }
            .map { problem.objectiveValue(at: $0) }.max()
        #expect(best == 2)
    }

    @Test func randomKnapsacksMatchExhaustiveEnumeration() async {
        let item = zip(Gen.int(in: 1...30), Gen.int(in: 0...40))
        await propertyCheck(count: 150, input: item.array(of: 1...10), Gen.int(in: 0...120)) { items, capacity in
            let weights = items.map(\.0), values = items.map(\.1)
            let problem = TestProblems.knapsack(weights: weights, values: values, capacity: capacity)
            let solution = try GLPK.solveMILP(problem).requireFeasible()
            #expect(solution.termination == .optimal)
            #expect(solution.objectiveValue == Double(TestProblems.knapsackByEnumeration(weights: weights, values: values, capacity: capacity)))
            #expect(problem.firstViolation(of: solution.columnValues) == nil)
        }
    }

    @Test func acceptedStartingSolutionKeepsTheOptimum() throws {
        let problem = TestProblems.knapsack(weights: weights, values: values, capacity: 15)
        let start: [Double] = [0, 1, 1, 1, 0]  // value 5, feasible
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, startingSolution: start))
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == 15)
        #expect(solution.startingSolutionAccepted == true)
    }

    /// A node limit stops the search at the same point on every run: the same incumbent and bound, with
    /// `iterationLimit`; the incumbent is a feasible point no better than the optimum.
    @Test func aNodeLimitStopsAtTheSamePointEveryRun() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 40)
        let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)
        let optimum = try #require(try GLPK.solveMILP(problem).objectiveValue)
        let runs = try (0..<3).map { _ in try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, nodeLimit: 5)) }
        for run in runs {
            #expect(run.termination == .iterationLimit)
            #expect(run.objectiveValue == runs[0].objectiveValue && run.bestBound == runs[0].bestBound && run.columnValues == runs[0].columnValues)
            if let objective = run.objectiveValue {
                #expect(objective <= optimum && problem.firstViolation(of: run.columnValues) == nil)
            }
        }
        #expect(throws: InvalidOption.self) { try GLPK.solveMILP(problem, options: MILPOptions(nodeLimit: 0)) }
    }

    @Test func stopsAtTheRequestedGapWithAnHonestBound() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 40)
        let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(relativeGap: 0.05, presolve: false))
        #expect([.gapLimit, .optimal].contains(solution.termination))
        let objective = try #require(solution.objectiveValue)
        let bound = try #require(solution.bestBound)
        #expect(bound >= objective)
        #expect(try #require(solution.relativeGap) <= 0.05 + 1e-9)
        // The bound can be no better than the LP relaxation's optimum.
        let relaxation = try #require(try GLPK.solveLP(problem).requireOptimal().objectiveValue)
        #expect(bound <= relaxation + 1e-6)
    }
}
