import GLPKSwift
import Testing

@Suite struct LPSolveTests {
    @Test(arguments: LPOptions.Method.allCases, [false, true])
    func wyndorOptimumAndShadowPrices(method: LPOptions.Method, presolve: Bool) throws {
        let solution = try GLPK.solveLP(TestProblems.wyndor(), options: LPOptions(method: method, presolve: presolve))
        #expect(solution.termination == .optimal)
        #expect(solution.primalStatus == .feasiblePoint)
        #expect(try #require(solution.objectiveValue).isApproximately(36))
        #expect(solution.columnValues.isApproximately([2, 6]))
        #expect(solution.rowActivities.isApproximately([2, 12, 18]))
        #expect(try #require(solution.rowDuals).isApproximately([0, 1.5, 1]))
        // Both products are produced, so neither has a reduced cost.
        #expect(try #require(solution.reducedCosts).isApproximately([0, 0]))
    }

    @Test func dualOfWyndorHasTheSameOptimumAtTheShadowPrices() throws {
        let primal = try GLPK.solveLP(TestProblems.wyndor()).requireOptimal()
        let dual = try GLPK.solveLP(TestProblems.wyndorDual()).requireOptimal()
        #expect(try #require(dual.objectiveValue).isApproximately(try #require(primal.objectiveValue)))
        #expect(dual.columnValues.isApproximately(try #require(primal.rowDuals)))
        // And the dual's shadow prices are Wyndor's production plan.
        #expect(try #require(dual.rowDuals).isApproximately(primal.columnValues))
    }

    @Test func objectiveConstantIsIncluded() throws {
        var problem = TestProblems.wyndor()
        problem.objectiveConstant = -10
        let solution = try GLPK.solveLP(problem).requireOptimal()
        #expect(try #require(solution.objectiveValue).isApproximately(26))
        #expect(problem.objectiveValue(at: solution.columnValues).isApproximately(26))
    }

    @Test func integralityIsIgnored() throws {
        let solution = try GLPK.solveLP(TestProblems.wikipediaInteger()).requireOptimal()
        #expect(solution.columnValues.isApproximately([1.8, 2.8]))
    }

    @Test func problemWithoutRows() throws {
        var problem = LinearProblem(name: "bounds_only", sense: .minimize)
        problem.addColumn(Column(name: "x", bounds: .between(2, 5), objective: 1))
        problem.addColumn(Column(name: "y", bounds: .between(-1, 3), objective: -2))
        let solution = try GLPK.solveLP(problem).requireOptimal()
        #expect(solution.columnValues.isApproximately([2, 3]))
        #expect(try #require(solution.objectiveValue).isApproximately(-4))
    }
}

extension Double {
    func isApproximately(_ other: Double, tolerance: Double = 1e-7) -> Bool {
        abs(self - other) <= tolerance * max(1, abs(other))
    }
}

extension Array where Element == Double {
    func isApproximately(_ other: [Double], tolerance: Double = 1e-7) -> Bool {
        count == other.count && zip(self, other).allSatisfy { $0.isApproximately($1, tolerance: tolerance) }
    }
}
