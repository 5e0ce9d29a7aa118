import NTPDomain
@testable import NTPOptimization
import PropertyBased
import Testing

/// The order in which a kick of the local search refills the money a few dropped criteria left.
@Suite struct SchedulePolishTests {
    /// Without noise, best value per đồng first, equal ones in the order given.
    @Test func withoutNoiseTheRefillIsByValuePerDong() {
        let worth: [Double] = [4, 3, 6, 2, 3]
        let cost: [Int64] = [4, 1, 2, 2, 1]
        var random = SplitMix64(seed: 1)
        let order = SchedulePolish.refillOrder([0, 1, 2, 3, 4], worth: { worth[$0] }, cost: { cost[$0] }, noise: 0, &random)
        // Per đồng: 1, 3, 3, 1, 3.
        #expect(order == [1, 2, 4, 0, 3])
    }

    /// With noise, on many random cases: every criterion once, the same kick's draws give the same order,
    /// and a criterion comes before another only when its value per đồng times 1 + noise reaches the
    /// other's (the noise reorders near neighbours, never a criterion far worse per đồng first).
    @Test func theNoiseReordersOnlyNearNeighbours() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 1...40).array(of: 1...12), Gen.int(in: 1...40).array(of: 12), Gen.int(in: 0...3),
            Gen.int(in: 0...1_000_000)
        ) { worth, cost, level, seed in
            let candidates = Array(worth.indices)
            let noise = SchedulePolish.refillNoise[level]
            let perDong = { (i: Int) in Double(worth[i]) / Double(cost[i]) }
            var first = SplitMix64(seed: UInt64(seed)), again = SplitMix64(seed: UInt64(seed))
            let order = SchedulePolish.refillOrder(candidates, worth: { Double(worth[$0]) }, cost: { Int64(cost[$0]) }, noise: noise, &first)
            let repeated = SchedulePolish.refillOrder(candidates, worth: { Double(worth[$0]) }, cost: { Int64(cost[$0]) }, noise: noise, &again)
            #expect(order.sorted() == candidates)
            #expect(order == repeated)
            for (position, i) in order.enumerated() {
                for j in order[(position + 1)...] {
                    #expect(perDong(i) * (1 + noise) >= perDong(j), "\(i) before \(j) in \(order)")
                }
            }
        }
    }

    /// The noise does reorder: two criteria whose values per đồng are 1,5 and 1 come in both orders
    /// over a hundred kicks at the largest noise, and only in the first at the smallest (1 × 1,3 < 1,5).
    @Test func theNoiseVariesTheOrderFromKickToKick() {
        let worth: [Double] = [3, 2], cost: [Int64] = [2, 2]
        func orders(_ noise: Double) -> Set<[Int]> {
            Set((1...100).map { (kick: UInt64) in
                var random = SplitMix64(seed: kick)
                return SchedulePolish.refillOrder([0, 1], worth: { worth[$0] }, cost: { cost[$0] }, noise: noise, &random)
            })
        }
        #expect(orders(SchedulePolish.refillNoise.max()!) == [[0, 1], [1, 0]])
        #expect(orders(SchedulePolish.refillNoise.min()!) == [[0, 1]])
    }
}
