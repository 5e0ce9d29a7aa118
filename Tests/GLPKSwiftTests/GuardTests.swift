@testable import GLPKSwift
import Testing

/// The last line of defence: a GLPK internal error becomes a Swift error, not an abort.
@Suite struct GuardTests {
    @Test func glpkInternalErrorIsThrownNotFatal() throws {
        do {
            try GLPK.provokeInternalError()
            Issue.record("the provoked GLPK error was not reported")
        } catch GLPKError.internalError(let message) {
            // GLPK's own message names the routine and the bad index.
            #expect(message.description.contains("glp_set_col_bnds"))
            #expect(message.description.contains("out of range"))
        }
        // GLPK works again on the same thread afterwards.
        let solution = try GLPK.solveLP(TestProblems.wyndor()).requireOptimal()
        #expect(solution.objectiveValue == 36)
    }

    @Test func progressHandlerCannotReenterGLPK() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 30)
        let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)
        var reentryErrors: [String] = []
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, progressInterval: .zero)) { _ in
            do {
                _ = try GLPK.solveLP(TestProblems.wyndor())
                reentryErrors.append("none")
            } catch {
                reentryErrors.append("\(error)")
            }
        }
        #expect(solution.termination == .optimal)
        #expect(!reentryErrors.isEmpty)
        #expect(reentryErrors.allSatisfy { $0.contains("progress handler") })
    }
}

/// Reaches the binding's internal error provocation from tests that do not import it `@testable`.
enum GLPKTestHooks {
    static func provokeInternalError() throws { try GLPK.provokeInternalError() }
}
