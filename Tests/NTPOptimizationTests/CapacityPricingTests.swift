import Foundation
import GLPKSwift
import NTPDomain
@testable import NTPOptimization
import NTPTestSupport
import PropertyBased
import Testing

/// Pricing a commune under a capacity limit without a solver: the assignment of criteria to years is
/// exact, checked against exhaustive enumeration and against GLPK's branch-and-cut on the same priced
/// model.
@Suite struct CapacityPricingTests {
    /// Criteria with a score per year (nil: that year is not allowed) and whether "not met" is allowed.
    static let optionsGen = zip(
        Gen.int(in: -5...9).array(of: 3).array(of: 1...6),
        Gen.bool().array(of: 6),
        Gen.int(in: 1...3)
    ).map { scores, skippable, capacity in
        (scores.enumerated().map { i, row in
            (skippable[i] ? [Decomposition.Option(score: 0, year: nil, pays: [])] : [])
                + row.enumerated().map { t, score in Decomposition.Option(score: Double(score), year: t, pays: []) }
        }, capacity)
    }

    /// Every choice of one option per criterion, kept when no year holds more than `capacity`.
    static func enumerate(_ options: [[Decomposition.Option]], years: Int, capacity: Int) -> Double? {
        var best: Double?
        func walk(_ i: Int, _ counts: [Int], _ score: Double) {
            if i == options.count {
                if best.map({ score > $0 }) ?? true { best = score }
                return
            }
            for option in options[i] {
                var next = counts
                if let t = option.year {
                    next[t] += 1
                    if next[t] > capacity { continue }
                }
                walk(i + 1, next, score + option.score)
            }
        }
        walk(0, [Int](repeating: 0, count: years), 0)
        return best
    }

    @Test func theAssignmentIsTheBestChoiceWithinCapacity() async {
        await propertyCheck(count: 300, input: Self.optionsGen) { input in
            let (options, capacity) = input
            let expected = Self.enumerate(options, years: 3, capacity: capacity)
            let picked = Decomposition.assign(options, years: 3, capacity: capacity, better: >)
            #expect((picked == nil) == (expected == nil))
            guard let picked, let expected else { return }
            var counts = [0, 0, 0]
            for (i, choice) in picked.enumerated() { if let t = options[i][choice].year { counts[t] += 1 } }
            #expect(counts.allSatisfy { $0 <= capacity })
            #expect(zip(options, picked).reduce(0.0) { $0 + $1.0[$1.1].score } == expected)
        }
    }

    /// On a synthetic province with a capacity of 2 a year, every commune priced at random prices gets
    /// the same value from the assignment as from GLPK on its priced model.
    @Test func pricingBySightEqualsTheSolverUnderCapacity() throws {
        var instance = try GeneratedProvince(communes: 8, years: 3, seed: 11).instance
        instance = instance.with(policy: AllocationInstance.Policy(capacityPerCommuneYear: 2, minimumProgress: nil, standardBonus: 0, priority: [:]))
        let decomposition = try Decomposition(AllocationModel(instance))
        var random = SplitMix64(seed: 5)
        for c in decomposition.split.communes.indices {
            #expect(decomposition.split.separable[c] && decomposition.split.capacity[c] == 2)
            for _ in 0..<5 {
                let duals = decomposition.split.couplingRows.map { _ in 1.5 * random.unit() }
                let sight = try #require(decomposition.pricedBySight(c, duals))
                let solver = try #require(try decomposition.pricedBySolver(c, duals, deadline: .now + .seconds(30)))
                #expect(abs(sight.objective - solver.objective) <= 1e-6 * max(1, abs(solver.objective)), "commune \(c): \(sight.objective) vs \(solver.objective)")
            }
        }
    }
}
