import Foundation
import GLPKSwift
import Testing

@Suite struct ProgressTests {
    @Test func progressIsReportedAndTheGapNeverIncreases() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 34)
        let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)
        var reports: [MILPProgress] = []
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, progressInterval: .zero)) {
            reports.append($0)
        }
        #expect(solution.termination == .optimal)
        #expect(reports.count > 1)
        #expect(reports.contains { $0.incumbent != nil })
        #expect(reports.last?.incumbent == solution.objectiveValue)

        let gaps = reports.compactMap(\.relativeGap)
        #expect(gaps.count > 1)
        #expect(zip(gaps, gaps.dropFirst()).allSatisfy { $1 <= $0 }, "gaps: \(gaps)")
        // Maximising: incumbents only rise, bounds only fall, and the bound stays above the incumbent.
        let incumbents = reports.compactMap(\.incumbent)
        #expect(zip(incumbents, incumbents.dropFirst()).allSatisfy { $1 >= $0 })
        let bounds = reports.compactMap(\.bestBound)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $1 <= $0 })
        for report in reports { if let incumbent = report.incumbent, let bound = report.bestBound { #expect(bound >= incumbent) } }
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $1.elapsed >= $0.elapsed })
    }

    @Test func reportsAreThrottledButNewIncumbentsAlwaysShown() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 34)
        let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)
        var every: [MILPProgress] = []
        _ = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, progressInterval: .zero)) { every.append($0) }
        var throttled: [MILPProgress] = []
        _ = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, progressInterval: .seconds(3600))) {
            throttled.append($0)
        }
        #expect(Set(every.compactMap(\.incumbent)).count > 1, "the search should improve its incumbent")
        #expect(throttled.count < every.count)
        #expect(Set(throttled.compactMap(\.incumbent)) == Set(every.compactMap(\.incumbent)))
    }

    /// The same search that ends optimal ends at the first callback when cancelled from the start, as at
    /// a time limit, and the hook is asked on every callback until it says stop.
    @Test func aCancelledSearchStopsAsAtItsDeadline() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 34)
        let problem = TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity)
        let whole = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, progressInterval: .zero))
        #expect(whole.termination == .optimal)

        let asked = Counter()
        let cancelled = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, isCancelled: { asked.increment(); return true }))
        #expect(cancelled.termination == .timeLimit)
        #expect(asked.value == 1)

        // Cancelled after the third question: the search has run a little and stops then.
        let later = Counter()
        var reports: [MILPProgress] = []
        let stopped = try GLPK.solveMILP(problem, options: MILPOptions(presolve: false, progressInterval: .zero, isCancelled: { later.increment() > 3 })) {
            reports.append($0)
        }
        #expect(stopped.termination == .timeLimit)
        #expect(later.value == 4)
        #expect(reports.count <= 3)
    }
}

/// A counter the cancellation hook may touch from the solving thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one and returns the new count.
    @discardableResult func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
