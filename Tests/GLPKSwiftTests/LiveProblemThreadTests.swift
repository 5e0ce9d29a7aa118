import Foundation
@testable import GLPKSwift
import Testing

/// Each live problem owns an OS thread; callers on any thread or task hand calls to it. These tests use
/// live problems from several threads and tasks at once and check every answer against a cold solve, and
/// check that closing or releasing a problem ends its thread and that edits do not grow GLPK's memory.
@Suite struct LiveProblemThreadTests {
    /// A knapsack LP relaxation (a single capacity row) and its capacity row, for sweeps.
    static func knapsack(items: Int, shift: Int) throws -> (problem: LinearProblem, live: LiveProblem, capacity: RowHandle) {
        let data = TestProblems.correlatedKnapsack(items: items)
        let problem = TestProblems.knapsack(weights: data.weights, values: data.values.map { $0 + shift }, capacity: data.capacity)
        let live = try LiveProblem(problem)
        return (problem, live, try live.rows()[0])
    }

    @Test func twoLiveProblemsUsedOnTwoThreadsAtOnce() throws {
        let workers = try (0..<2).map { worker in try Self.knapsack(items: 20 + 5 * worker, shift: worker) }
        // Each worker's answers, cold and alone: the LP and the MILP at each capacity of its sweep.
        let capacities = Array(stride(from: 10, through: 400, by: 30))
        let expected = try workers.map { worker in
            try capacities.map { capacity in
                var problem = worker.problem
                problem.rows[0].bounds = .atMost(Double(capacity))
                return (lp: try GLPK.solveLP(problem).objectiveValue, milp: try GLPK.solveMILP(problem).objectiveValue)
            }
        }
        let findings = ThreadTests.Findings()
        ThreadTests().onThreads(
            workers.indices.map { index in
                {
                    let worker = workers[index]
                    for round in 0..<4 {
                        for (step, capacity) in capacities.enumerated() {
                            do {
                                try worker.live.setRowBounds([worker.capacity: .atMost(Double(capacity))])
                                let lp = try worker.live.solveLP()
                                let milp = try worker.live.solveMILP(options: MILPOptions(presolve: round.isMultiple(of: 2)))
                                let want = expected[index][step]
                                if !(lp.objectiveValue.map { $0.isApproximately(want.lp!) } ?? false) || milp.objectiveValue != want.milp {
                                    findings.add("worker \(index) capacity \(capacity): \(String(describing: lp.objectiveValue)), \(String(describing: milp.objectiveValue))")
                                }
                            } catch {
                                findings.add("worker \(index) capacity \(capacity): \(error)")
                            }
                        }
                    }
                    worker.live.close()
                }
            })
        #expect(findings.all.isEmpty, "\(findings.all)")
    }

    @Test func oneLiveProblemDrivenFromManyTasks() async throws {
        let wyndor = try LiveProblem(TestProblems.wyndor())
        let plant3 = try await wyndor.rows()[2]
        // Each task sets its own right-hand side and solves, as one call: the answer must be the cold one
        // of the problem as it was inside that call, whatever the other tasks did in between.
        let results = try await withThrowingTaskGroup(of: [(LinearProblem, LPSolution)].self) { group in
            for task in 0..<16 {
                group.addTask {
                    var seen: [(LinearProblem, LPSolution)] = []
                    for round in 0..<20 {
                        let hours = Double(6 + (task * 7 + round * 3) % 30)
                        seen.append(try await wyndor.perform { access in
                            try access.setRowBounds([plant3: .atMost(hours)])
                            return (try access.problem(), try access.solveLP().solution)
                        })
                    }
                    return seen
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 16 * 20)
        for (problem, warm) in results {
            let cold = try GLPK.solveLP(problem)
            #expect(warm.termination == cold.termination)
            #expect(try #require(warm.objectiveValue).isApproximately(try #require(cold.objectiveValue)))
        }

        // Columns added from many tasks at once all arrive, each with its own handle.
        let added = try await withThrowingTaskGroup(of: [ColumnHandle].self) { group in
            for task in 0..<16 {
                group.addTask {
                    try await wyndor.addColumns((0..<5).map { .init(Column(name: "t\(task)_\($0)", objective: 0.1), coefficients: [plant3: 1]) })
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(added).count == 80)
        #expect(try await wyndor.columns().count == 82)
        let final = try await wyndor.solveLP()
        #expect(try LiveChecks.differences(warm: final, problem: try await wyndor.problem()).isEmpty)
        wyndor.close()
    }

    @Test func oneLiveProblemCalledSynchronouslyFromManyThreads() throws {
        let wyndor = try LiveProblem(TestProblems.wyndor())
        let plant3 = try wyndor.rows()[2]
        let findings = ThreadTests.Findings()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<25 {
                do {
                    let hours = Double(6 + (thread * 5 + round) % 30)
                    let (problem, warm) = try wyndor.perform { access in
                        try access.setRowBounds([plant3: .atMost(hours)])
                        return (try access.problem(), try access.solveLP())
                    }
                    let differences = try LiveChecks.differences(warm: warm, problem: problem)
                    if !differences.isEmpty { findings.add("thread \(thread) round \(round): \(differences)") }
                } catch {
                    findings.add("thread \(thread) round \(round): \(error)")
                }
            }
        }
        #expect(findings.all.isEmpty, "\(findings.all)")
    }

    // MARK: Leaks

    @Test func closingEndsTheThreadAndFreesItsGLPKEnvironment() throws {
        for _ in 0..<50 {
            let live = try LiveProblem(TestProblems.wyndor())
            _ = try live.solveLP()
            #expect(!live.thread.hasEnded)
            live.close()
            #expect(live.thread.hasEnded)
            #expect(!live.thread.leftAnEnvironment)
        }
        // Also after a GLPK error freed the environment in the middle of the problem's life.
        let lost = try LiveProblem(TestProblems.wyndor())
        #expect(throws: GLPKError.self) { try lost.provokeInternalError() }
        lost.close()
        #expect(lost.thread.hasEnded && !lost.thread.leftAnEnvironment)
    }

    @Test func releasingEndsTheThread() async throws {
        weak var released: LiveProblemThread?
        for _ in 0..<50 {
            try {
                let live = try LiveProblem(TestProblems.wyndor())
                _ = try live.solveLP()
                released = live.thread
            }()
            // The thread ends on its own after the last reference is gone; when it has, nothing holds it.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(20)
            while released != nil, clock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
            #expect(released == nil)
        }
    }

    /// Column generation's pattern: add a batch of columns, re-solve, delete them again. GLPK's memory on
    /// the problem's thread must come back to where it was, round after round.
    @Test func editRoundsKeepGLPKMemoryFlat() throws {
        let data = TestProblems.correlatedKnapsack(items: 30)
        let live = try LiveProblem(TestProblems.knapsack(weights: data.weights, values: data.values, capacity: data.capacity))
        let capacity = try live.rows()[0]
        func round(_ k: Int) throws {
            let added = try live.addColumns((0..<20).map { j in
                .init(Column(name: "extra\(k)_\(j)", bounds: .between(0, 1), objective: Double(j % 7)), coefficients: [capacity: Double(1 + j % 5)])
            })
            _ = try live.solveLP().requireOptimal()
            try live.deleteColumns(Set(added))
            _ = try live.solveLP().requireOptimal()
        }
        for k in 0..<20 { try round(k) }
        let settled = try live.glpkMemoryUsage().inUse
        for k in 20..<300 { try round(k) }
        let after = try live.glpkMemoryUsage().inUse
        #expect(after <= settled, "GLPK memory went from \(settled) to \(after) bytes")
        live.close()
    }

    /// The unbounded check of a MILP builds a problem of its own on the thread; it must be deleted.
    @Test func milpChecksDeleteTheirProblems() throws {
        var problem = LinearProblem(name: "unbounded", sense: .maximize)
        let x = problem.addColumn(Column(name: "x", kind: .integer, objective: 1))
        let y = problem.addColumn(Column(name: "y", kind: .integer, objective: 1))
        problem.addRow(Row(name: "spread", bounds: .atMost(1)), coefficients: [(x, 1), (y, -1)])
        let live = try LiveProblem(problem)
        for _ in 0..<5 { #expect(try live.solveMILP().termination == .unbounded) }
        let settled = try live.glpkMemoryUsage().inUse
        for _ in 0..<100 { _ = try live.solveMILP() }
        let after = try live.glpkMemoryUsage().inUse
        #expect(after <= settled, "GLPK memory went from \(settled) to \(after) bytes")
        live.close()
    }
}
