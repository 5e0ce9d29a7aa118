import Foundation
import GLPKSwift
import NTPDomain
@testable import NTPOptimization
import NTPTestSupport
import PropertyBased
import Testing

/// The sweep changes only right-hand sides: each point must be the model built afresh on the scaled
/// money, and more money never lowers the optimum.
@Suite struct BudgetSweepTests {
    @Test func moreMoneyNeverHurtsAndEachPointIsTheRebuiltModel() async {
        await propertyCheck(count: 40, input: EnumerationTests.caseGen, Gen.bool()) { c, centralOnly throws in
            let instance = c.instance
            let model = AllocationModel(instance)
            let sweep = BudgetSweep(model, sources: centralOnly ? ["central"] : ["central", "local"])
            let scales: [Decimal] = [0, 0.5, 1, 1.5, 2]
            let points = try sweep.run(scales: scales, options: .init(), method: .direct)
            var previous = -Double.infinity
            for point in points {
                let objective = try #require(point.result.objectiveValue, "no plan at \(point.scale): \(c)")
                #expect(objective >= previous - 1e-6, "the curve falls at \(point.scale): \(objective) < \(previous) in \(c)")
                previous = objective
                // The same money in a model built from scratch gives the same optimum.
                var envelopes = instance.envelopes
                for e in sweep.envelopes { envelopes[e].amount = Money(dong: (Decimal(envelopes[e].amount.dong) * point.scale).rounded(0, .plain).int64Value) }
                let rebuilt = try AllocationModel(instance.with(envelopes: envelopes)).solve()
                #expect(abs((rebuilt.objectiveValue ?? .nan) - objective) < 1e-6, "scale \(point.scale): rebuilt \(String(describing: rebuilt.objectiveValue)), swept \(objective) in \(c)")
                #expect(point.money.dong == sweep.envelopes.reduce(0) { $0 + envelopes[$1].amount.dong })
                #expect(point.result.ledger.violations.filter(\.isBreach).isEmpty)
            }
        }
    }

    /// The search by commune keeps its master from point to point: at every point where both prove their
    /// plan optimal, the live sweep's optimum is the one of a sweep that builds a new master per point, and
    /// every point after the first starts from the proposals of the points before. Half the cases give
    /// the central money to one commune alone, so that its own rows change with the scale and its
    /// proposals must be dropped and found again.
    @Test func theLiveSweepsPointsAreTheRebuiltSweepsOptima() async {
        await propertyCheck(count: 60, input: EnumerationTests.caseGen, Gen.bool(), Gen.bool()) { c, centralOnly, communeOwn throws in
            var instance = c.instance
            if communeOwn {
                var envelopes = instance.envelopes
                for e in envelopes.indices where envelopes[e].source == "central" { envelopes[e].locality = "c0" }
                instance = instance.with(envelopes: envelopes)
            }
            let sweep = BudgetSweep(AllocationModel(instance), sources: centralOnly ? ["central"] : ["central", "local"])
            let scales: [Decimal] = [1, 0.5, 0, 1.5, 0.7]
            let kept = KeptMaster()
            var heard: [(point: Int, scale: Decimal, search: Bool)] = []
            let live = try sweep.run(scales: scales, options: .init(), method: .decomposition, kept: kept) { heard.append(($0.point, $0.scale, $0.search != nil)) }
            let rebuilt = try sweep.run(scales: scales, options: .init(), method: .decomposition, kept: nil, progress: nil)
            for (point, again) in zip(live, rebuilt) where point.result.termination == .optimal && again.result.termination == .optimal {
                let objective = try #require(point.result.objectiveValue), expected = try #require(again.result.objectiveValue)
                #expect(abs(objective - expected) <= 1e-6 * max(1, abs(expected)), "scale \(point.scale): live \(objective), rebuilt \(expected) in \(c)")
                #expect(point.result.ledger.violations.filter(\.isBreach).isEmpty)
            }
            // Only a province whose every commune's own rows change (one commune holding the central money alone) reuses none.
            #expect(kept.reused.count == scales.count && (communeOwn && c.costs.count == 1 || kept.reused.dropFirst().allSatisfy { $0 > 0 }), "\(kept.reused)")
            // Each point is announced before its search reports, in order, with its scale.
            let starts = heard.filter { !$0.search }
            #expect(starts.map(\.point) == Array(1...scales.count) && starts.map(\.scale) == scales)
            for (a, b) in zip(heard, heard.dropFirst()) { #expect(b.point == a.point || (b.point == a.point + 1 && !b.search)) }
        }
    }

    /// A moved master keeps what its new point's basis uses (at most one basic column per row) and
    /// `spare` other proposals a commune, not every earlier point's proposals; the first report of each
    /// point says how many it holds. One spare, so that the bound is below what the points pile up.
    @Test func aMovedMasterKeepsItsBasisAndAFewProposalsACommune() throws {
        let model = AllocationModel(try GeneratedProvince(communes: 44, years: 2, seed: 9).instance)
        let sweep = BudgetSweep(model, sources: ["central_investment"])
        let kept = KeptMaster(spare: 1)
        var first: [Int: SearchWork] = [:]
        _ = try sweep.run(scales: [0.8, 1, 1.2], options: MILPOptions(relativeGap: 0.02, progressInterval: .zero), method: .decomposition, kept: kept) {
            if let search = $0.search, first[$0.point] == nil { first[$0.point] = search.work }
        }
        let master = try #require(kept.master)
        let most = master.communes.count + master.couplingBounds.count + kept.spare * master.communes.count
        try #require(kept.retained.count == 2, "\(kept.retained)")
        #expect(kept.retained.allSatisfy { $0 <= most }, "\(kept.retained), at most \(most)")
        #expect(zip(kept.reused.dropFirst(), kept.retained).allSatisfy { $0 > $1 }, "reused \(kept.reused), retained \(kept.retained)")
        #expect(first[1] == .columnGeneration(rounds: 0, proposals: 0))
        #expect(first[2] == .columnGeneration(rounds: 0, proposals: kept.retained[0]))
        #expect(first[3] == .columnGeneration(rounds: 0, proposals: kept.retained[1]))
    }
}
