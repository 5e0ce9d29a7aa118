import GLPKSwift
import NTPDomain
import NTPOptimization
import NTPTestSupport
import Testing

/// The schedule rows (docs/model.md, "Constraints") on `ModelFixture`: each row the family's handle
/// points to has exactly the bounds and coefficients its equation states, written out here by hand.
@Suite struct ScheduleRowsTests {
    typealias F = ModelFixture
    let model = F.model
    let done = F.done
    let commune = { (t: Int) in CommuneYear(commune: F.commune, year: t) }

    func expectRows<Key: Hashable>(_ family: Family<Key>, _ expected: [Key: RowTerms], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(family.keys) == Set(expected.keys), sourceLocation: sourceLocation)
        for (key, row) in family.entries {
            let actual = RowTerms(model.problem, row: row)
            guard let wanted = expected[key] else { continue }
            #expect(actual.matches(wanted), "\(model.problem.rows[row].name): \(actual), expected \(wanted)", sourceLocation: sourceLocation)
        }
    }

    /// stays_done[i,t]: done[i,t−1] − done[i,t] ≤ 0.
    @Test func staysDoneRowsKeepAMetCriterionMet() {
        expectRows(model.families.staysDone, [
            ItemYear(item: 0, year: 1): RowTerms(.atMost(0), [done(0, 0): 1, done(0, 1): -1]),
            ItemYear(item: 1, year: 1): RowTerms(.atMost(0), [done(1, 0): 1, done(1, 1): -1]),
        ])
        #expect(model.problem.rows[model.families.staysDone.positions[1]].name == "stays_done(cao-bang.quang-hoa.be-van-dan,16,2024)")
    }

    /// capacity[c,t]: Σ_{i of c} (done[i,t] − done[i,t−1]) ≤ K, with K = 1 (no t−1 term in the first year).
    @Test func capacityRowsCountTheCriteriaMetInAYear() {
        expectRows(model.families.capacity, [
            commune(0): RowTerms(.atMost(1), [done(0, 0): 1, done(1, 0): 1]),
            commune(1): RowTerms(.atMost(1), [done(0, 1): 1, done(0, 0): -1, done(1, 1): 1, done(1, 0): -1]),
        ])
        #expect(model.problem.rows[model.families.capacity.positions[0]].name == "capacity(cao-bang.quang-hoa.be-van-dan,2023)")
        #expect(AllocationModel(F.instance(policy: .init())).families.capacity.isEmpty)
    }

    /// at_standard[i,t]: standard[c,t] − done[i,t] ≤ 0, for each criterion of the commune and each year.
    @Test func atStandardRowsNeedEveryCriterionMet() {
        let standard = { (t: Int) in self.model.families.standard[self.commune(t)]! }
        expectRows(model.families.atStandard, [
            ItemYear(item: 0, year: 0): RowTerms(.atMost(0), [standard(0): 1, done(0, 0): -1]),
            ItemYear(item: 1, year: 0): RowTerms(.atMost(0), [standard(0): 1, done(1, 0): -1]),
            ItemYear(item: 0, year: 1): RowTerms(.atMost(0), [standard(1): 1, done(0, 1): -1]),
            ItemYear(item: 1, year: 1): RowTerms(.atMost(0), [standard(1): 1, done(1, 1): -1]),
        ])
        #expect(model.problem.rows[model.families.atStandard.positions[0]].name == "at_standard(cao-bang.quang-hoa.be-van-dan,5,2023)")
    }

    /// min_progress[c,t]: Σ_{i of c} done[i,t] + short[c,t] ≥ min(n_c, k·(t+1)), with k = 1 and n_c = 2.
    @Test func minProgressRowsRequireKCriteriaAYearOnAverage() {
        let short = { (t: Int) in self.model.families.shortfall[self.commune(t)]! }
        expectRows(model.families.minProgress, [
            commune(0): RowTerms(.atLeast(1), [done(0, 0): 1, done(1, 0): 1, short(0): 1]),
            commune(1): RowTerms(.atLeast(2), [done(0, 1): 1, done(1, 1): 1, short(1): 1]),
        ])
        #expect(model.problem.rows[model.families.minProgress.positions[1]].name == "min_progress(cao-bang.quang-hoa.be-van-dan,2024)")
    }

    /// Every row belongs to exactly one family, and `Families.row(at:)` finds it.
    @Test func everyRowIsInOneFamily() {
        let rows = RowFamily.allCases.flatMap { model.families.rows(of: $0) }
        #expect(rows.sorted() == Array(model.problem.rows.indices))
        // The fixture plans no criterion by indicator: those two families are CriterionRowsTests'.
        #expect(RowFamily.allCases.filter { ![.criterionMet, .criterionMetAll].contains($0) }.allSatisfy { !model.families.rows(of: $0).isEmpty })
        for family in RowFamily.allCases {
            for row in model.families.rows(of: family) {
                #expect(model.families.row(at: row)?.family == family)
                #expect(model.problem.rows[row].name.hasPrefix(family.rawValue + "("))
            }
        }
    }
}
