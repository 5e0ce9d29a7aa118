import GLPKSwift
import Testing

/// Problems with known answers, shared by the tests.
enum TestProblems {
    /// Wyndor Glass Co.: maximise 3 x1 + 5 x2 subject to x1 ≤ 4, 2 x2 ≤ 12, 3 x1 + 2 x2 ≤ 18, x ≥ 0.
    /// Hillier & Lieberman, Introduction to Operations Research, §3.1 (optimum x = (2, 6), Z = 36) and
    /// §4.7 (shadow prices y = (0, 3/2, 1)).
    static func wyndor() -> LinearProblem {
        var problem = LinearProblem(name: "wyndor", sense: .maximize)
        let x1 = problem.addColumn(Column(name: "x1", objective: 3))
        let x2 = problem.addColumn(Column(name: "x2", objective: 5))
        problem.addRow(Row(name: "plant1", bounds: .atMost(4)), coefficients: [(x1, 1)])
        problem.addRow(Row(name: "plant2", bounds: .atMost(12)), coefficients: [(x2, 2)])
        problem.addRow(Row(name: "plant3", bounds: .atMost(18)), coefficients: [(x1, 3), (x2, 2)])
        return problem
    }

    /// The dual of Wyndor: minimise 4 y1 + 12 y2 + 18 y3 subject to y1 + 3 y3 ≥ 3, 2 y2 + 2 y3 ≥ 5, y ≥ 0.
    /// By strong duality its optimum is Wyndor's 36, at Wyndor's shadow prices (0, 3/2, 1).
    static func wyndorDual() -> LinearProblem {
        var problem = LinearProblem(name: "wyndor_dual", sense: .minimize)
        let y1 = problem.addColumn(Column(name: "y1", objective: 4))
        let y2 = problem.addColumn(Column(name: "y2", objective: 12))
        let y3 = problem.addColumn(Column(name: "y3", objective: 18))
        problem.addRow(Row(name: "x1", bounds: .atLeast(3)), coefficients: [(y1, 1), (y3, 3)])
        problem.addRow(Row(name: "x2", bounds: .atLeast(5)), coefficients: [(y2, 2), (y3, 2)])
        return problem
    }

    /// A 0-1 knapsack: maximise Σ value x subject to Σ weight x ≤ capacity.
    static func knapsack(weights: [Int], values: [Int], capacity: Int) -> LinearProblem {
        var problem = LinearProblem(name: "knapsack", sense: .maximize)
        for (index, value) in values.enumerated() {
            problem.addColumn(.binary("item\(index)", objective: Double(value)))
        }
        problem.addRow(
            Row(name: "capacity", bounds: .atMost(Double(capacity))),
            coefficients: weights.enumerated().map { ($0.offset, Double($0.element)) })
        return problem
    }

    /// The best knapsack value by trying all 2^n subsets.
    static func knapsackByEnumeration(weights: [Int], values: [Int], capacity: Int) -> Int {
        var best = 0
        for subset in 0..<(1 << weights.count) {
            var weight = 0, value = 0
            for item in weights.indices where subset & (1 << item) != 0 {
                weight += weights[item]
                value += values[item]
            }
            if weight <= capacity { best = max(best, value) }
        }
        return best
    }

    /// The example of Wikipedia's "Integer programming" article: maximise y subject to −x + y ≤ 1,
    /// 3x + 2y ≤ 12, 2x + 3y ≤ 12, x, y ≥ 0 integer. The LP relaxation peaks at (1.8, 2.8); the integer
    /// optimum is y = 2, at (1, 2) or (2, 2).
    static func wikipediaInteger() -> LinearProblem {
        var problem = LinearProblem(name: "wikipedia_ip", sense: .maximize)
        let x = problem.addColumn(Column(name: "x", kind: .integer))
        let y = problem.addColumn(Column(name: "y", kind: .integer, objective: 1))
        problem.addRow(Row(name: "r1", bounds: .atMost(1)), coefficients: [(x, -1), (y, 1)])
        problem.addRow(Row(name: "r2", bounds: .atMost(12)), coefficients: [(x, 3), (y, 2)])
        problem.addRow(Row(name: "r3", bounds: .atMost(12)), coefficients: [(x, 2), (y, 3)])
        return problem
    }

    /// Σ 2 x_i = 2k + 1 over binaries: the LP relaxation is feasible, no integer point exists, and
    /// branch-and-bound without cuts needs about 2^(n/2) nodes to prove it.
    static func parity(variables: Int) -> LinearProblem {
        var problem = LinearProblem(name: "parity", sense: .maximize)
        for index in 0..<variables { problem.addColumn(.binary("x\(index)", objective: 1)) }
        problem.addRow(
            Row(name: "odd", bounds: .fixed(Double(variables | 1))),
            coefficients: (0..<variables).map { ($0, 2) })
        return problem
    }

    /// A knapsack hard enough for branch-and-bound to report several incumbents: weights and values
    /// strongly correlated (value = weight + 10), from a fixed linear congruential sequence.
    static func correlatedKnapsack(items: Int) -> (weights: [Int], values: [Int], capacity: Int) {
        var state: UInt64 = 12345
        var weights: [Int] = []
        for _ in 0..<items {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            weights.append(Int((state >> 33) % 100) + 1)
        }
        return (weights, weights.map { $0 + 10 }, weights.reduce(0, +) / 2)
    }
}

/// Checks that `body` throws a `ProblemError` that `matches` accepts.
func expectProblemError(
    _ matches: (ProblemError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected a ProblemError, got success", sourceLocation: sourceLocation)
    } catch let error as ProblemError {
        #expect(matches(error), "unexpected \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a ProblemError, got \(error)", sourceLocation: sourceLocation)
    }
}

/// Checks that `body` throws an `InvalidOption` about `option`.
func expectInvalidOption(
    _ option: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected InvalidOption(\(option)), got success", sourceLocation: sourceLocation)
    } catch let error as InvalidOption {
        #expect(error.option == option, "unexpected \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected InvalidOption(\(option)), got \(error)", sourceLocation: sourceLocation)
    }
}
