import Foundation
import GLPKSwift
import Testing

/// GLPK keeps its state per thread in Debian's build (`glp_config("TLS")`). Two threads solving separate
/// problems at once must get exactly the answers each gets alone; with shared state they would corrupt
/// each other's environment (wrong answers, or an abort).
@Suite struct ThreadTests {
    /// Collects what worker threads report.
    final class Findings: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) { lock.withLock { items.append(item) } }
        var all: [String] { lock.withLock { items } }
    }

    /// Runs each body on its own OS thread, all at once, and waits for them.
    func onThreads(_ bodies: [@Sendable () -> Void]) {
        let group = DispatchGroup()
        for body in bodies {
            group.enter()
            let thread = Thread {
                body()
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    static let workloads: [(weights: [Int], values: [Int], capacity: Int)] = (0..<2).map { worker in
        let knapsack = TestProblems.correlatedKnapsack(items: 22 + worker * 3)
        return (knapsack.weights, knapsack.values.map { $0 + worker }, knapsack.capacity)
    }

    @Test func glpkIsReentrantInThisBuild() {
        #expect(GLPK.isReentrant)
    }

    @Test func twoThreadsSolvingSeparateProblemsGetTheirOwnAnswers() throws {
        // Each thread's expected answers, computed alone first.
        let expected = try Self.workloads.map { workload in
            try GLPK.solveMILP(TestProblems.knapsack(weights: workload.weights, values: workload.values, capacity: workload.capacity))
                .requireFeasible().objectiveValue
        }
        #expect(expected[0] != expected[1])
        let wyndor = try GLPK.solveLP(TestProblems.wyndor()).requireOptimal()

        let findings = Findings()
        let rounds = 40
        onThreads(
            Self.workloads.indices.map { worker in
                {
                    let workload = Self.workloads[worker]
                    let knapsack = TestProblems.knapsack(weights: workload.weights, values: workload.values, capacity: workload.capacity)
                    for round in 0..<rounds {
                        do {
                            let solution = try GLPK.solveMILP(knapsack, options: MILPOptions(presolve: round.isMultiple(of: 2)))
                            if solution.objectiveValue != expected[worker] || knapsack.firstViolation(of: solution.columnValues) != nil {
                                findings.add("worker \(worker) round \(round): got \(String(describing: solution.objectiveValue))")
                            }
                            let lp = try GLPK.solveLP(TestProblems.wyndor())
                            if lp.columnValues != wyndor.columnValues || lp.rowDuals != wyndor.rowDuals {
                                findings.add("worker \(worker) round \(round): Wyndor gave \(lp.columnValues)")
                            }
                        } catch {
                            findings.add("worker \(worker) round \(round): \(error)")
                        }
                    }
                }
            })
        #expect(findings.all.isEmpty, "\(findings.all)")
    }

    @Test func anErrorCaughtOnOneThreadLeavesTheOtherThreadsProblemsAlone() throws {
        let workload = Self.workloads[0]
        let knapsack = TestProblems.knapsack(weights: workload.weights, values: workload.values, capacity: workload.capacity)
        let expected = try GLPK.solveMILP(knapsack).requireFeasible().objectiveValue
        let findings = Findings()
        onThreads([
            {
                for round in 0..<20 {
                    do {
                        let solution = try GLPK.solveMILP(knapsack, options: MILPOptions(presolve: false))
                        if solution.objectiveValue != expected { findings.add("round \(round): \(String(describing: solution.objectiveValue))") }
                    } catch {
                        findings.add("round \(round): \(error)")
                    }
                }
            },
            {
                // Each provoked error frees this thread's GLPK environment, and only this thread's.
                for _ in 0..<200 {
                    do {
                        try GLPKTestHooks.provokeInternalError()
                        findings.add("a provoked error went unreported")
                    } catch {}
                }
            },
        ])
        #expect(findings.all.isEmpty, "\(findings.all)")
    }
}
