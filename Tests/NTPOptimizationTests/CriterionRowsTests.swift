import GLPKSwift
import NTPDomain
import NTPOptimization
import NTPTestSupport
import Testing

/// The families of criteria planned by indicator (docs/model.md, "Indicators") on a one-commune
/// instance: criterion 3 planned by its indicators 3.1 (2 million) and 3.2 (3 million), criterion 5
/// planned whole (4 million), two years with 5 and 4 million and no carry-over, capacity 1, minimum
/// progress 1. Every row and column is stated
/// here by hand and compared with what the family's handle points to.
@Suite struct CriterionRowsTests {
    typealias Item = AllocationInstance.Item
    static let commune = "c0"
    static let items = [
        Item(commune: commune, criterion: "3.1", cost: [.construction: TestMoney.million(2)], buildYears: 1),
        Item(commune: commune, criterion: "3.2", cost: [.construction: TestMoney.million(3)], buildYears: 1),
        Item(commune: commune, criterion: "5", cost: [.construction: TestMoney.million(4)], buildYears: 1),
    ]
    static let instance = AllocationInstance(
        items: items, years: [2026, 2027], envelopes: [TestMoney.envelope("local", 2026, 5), TestMoney.envelope("local", 2027, 4)],
        rules: BudgetRules(), sources: [TestMoney.source("local", .localBudget)],
        localities: TestMoney.noLocalities, policy: AllocationInstance.Policy(capacityPerCommuneYear: 1, minimumProgress: 1))
    static let built = AllocationModel(instance)
    static let unit = AllocationInstance.CriterionUnit(commune: commune, criterion: "3")

    let model = Self.built
    func done(_ item: Int, _ year: Int) -> Int { model.families.done[item: item, year: year] }
    func met(_ year: Int) -> Int { model.families.criterionMet[CriterionYear(unit: Self.unit, year: year)]! }
    func communeYear(_ year: Int) -> CommuneYear { CommuneYear(commune: Self.commune, year: year) }

    func expectRows<Key: Hashable>(_ family: Family<Key>, _ expected: [Key: RowTerms], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(family.keys) == Set(expected.keys), sourceLocation: sourceLocation)
        for (key, row) in family.entries {
            guard let wanted = expected[key] else { continue }
            let actual = RowTerms(model.problem, row: row)
            #expect(actual.matches(wanted), "\(model.problem.rows[row].name): \(actual), expected \(wanted)", sourceLocation: sourceLocation)
        }
    }

    /// met[c,k,t] ∈ [0, 1], one per criterion planned by indicator and year, weighted by the commune's
    /// priority in criteria-years; the indicators' own done columns weigh nothing.
    @Test func metExistsForEveryCriterionPlannedByIndicator() {
        let families = model.families
        #expect(families.criterionMet.keys == [CriterionYear(unit: Self.unit, year: 0), CriterionYear(unit: Self.unit, year: 1)])
        for t in 0..<2 {
            let column = model.problem.columns[met(t)]
            #expect(column.bounds == .between(0, 1) && column.kind == .continuous && column.objective == 1)
            #expect(model.problem.columns[done(0, t)].objective == 0 && model.problem.columns[done(1, t)].objective == 0)
            #expect(model.problem.columns[done(2, t)].objective == 1)
        }
        #expect(model.problem.columns[met(1)].name == "met(c0,3,2027)")
        let all = families.done.all + families.payments.map(\.column) + families.carry.out.positions + families.standard.positions
            + families.shortfall.positions + families.criterionMet.positions
        #expect(all.sorted() == Array(model.problem.columns.indices))
        #expect(AllocationModel(variant(items: [Self.items[2]])).families.criterionMet.isEmpty)
    }

    /// criterion_met[i,t]: met[c,k,t] − done[i,t] ≤ 0, for each indicator of the criterion.
    @Test func criterionMetRowsNeedEveryIndicator() {
        expectRows(model.families.criterionMetRows, [
            ItemYear(item: 0, year: 0): RowTerms(.atMost(0), [met(0): 1, done(0, 0): -1]),
            ItemYear(item: 1, year: 0): RowTerms(.atMost(0), [met(0): 1, done(1, 0): -1]),
            ItemYear(item: 0, year: 1): RowTerms(.atMost(0), [met(1): 1, done(0, 1): -1]),
            ItemYear(item: 1, year: 1): RowTerms(.atMost(0), [met(1): 1, done(1, 1): -1]),
        ])
        #expect(model.problem.rows[model.families.criterionMetRows.positions[0]].name == "criterion_met(c0,3.1,2026)")
    }

    /// criterion_met_all[c,k,t]: met[c,k,t] − done[3.1,t] − done[3.2,t] ≥ 1 − 2.
    @Test func criterionMetAllRowsMeetTheCriterionWithItsLastIndicator() {
        expectRows(model.families.criterionMetAll, [
            CriterionYear(unit: Self.unit, year: 0): RowTerms(.atLeast(-1), [met(0): 1, done(0, 0): -1, done(1, 0): -1]),
            CriterionYear(unit: Self.unit, year: 1): RowTerms(.atLeast(-1), [met(1): 1, done(0, 1): -1, done(1, 1): -1]),
        ])
        #expect(model.problem.rows[model.families.criterionMetAll.positions[1]].name == "criterion_met_all(c0,3,2027)")
    }

    /// Capacity and minimum progress count the two criteria: criterion 3 by its met column, 5 by its
    /// done column (n_c = 2, not the 3 items).
    @Test func capacityAndProgressCountCriteriaNotIndicators() {
        let short = { (t: Int) in self.model.families.shortfall[self.communeYear(t)]! }
        expectRows(model.families.capacity, [
            communeYear(0): RowTerms(.atMost(1), [met(0): 1, done(2, 0): 1]),
            communeYear(1): RowTerms(.atMost(1), [met(1): 1, met(0): -1, done(2, 1): 1, done(2, 0): -1]),
        ])
        expectRows(model.families.minProgress, [
            communeYear(0): RowTerms(.atLeast(1), [met(0): 1, done(2, 0): 1, short(0): 1]),
            communeYear(1): RowTerms(.atLeast(2), [met(1): 1, done(2, 1): 1, short(1): 1]),
        ])
    }

    /// Every row belongs to one family; here the two families of indicators have rows.
    @Test func everyRowIsInOneFamily() {
        let rows = RowFamily.allCases.flatMap { model.families.rows(of: $0) }
        #expect(rows.sorted() == Array(model.problem.rows.indices))
        #expect(!model.families.rows(of: .criterionMet).isEmpty && !model.families.rows(of: .criterionMetAll).isEmpty)
        for family in RowFamily.allCases {
            for row in model.families.rows(of: family) { #expect(model.families.row(at: row)?.family == family) }
        }
    }

    /// Worked by hand: 5 million in 2026 and 4 in 2027, no carry-over, capacity 1. Criterion 3 (both
    /// indicators, 5 million) in 2026 and 5 in 2027 earn 2 + 1 = 3 criteria-years, the only plan that
    /// does (5 first leaves 4 million for the 5 that 3 costs). Its two indicators met in one year are one
    /// criterion for capacity 1.
    @Test func aCriterionIsMetWithItsLastIndicator() throws {
        let result = try AllocationModel(Self.instance).solve()
        #expect(result.objectiveValue.map { Int($0.rounded()) } == 3)
        #expect(result.units[Self.unit] == 2026 && result.units[AllocationInstance.CriterionUnit(commune: Self.commune, criterion: "5")] == 2027)
        #expect(result.completion[Self.items[0]] == 2026 && result.completion[Self.items[1]] == 2026)
        #expect(result.criteriaYears(over: Self.instance.years) == 3)
    }

    func variant(items: [Item]) -> AllocationInstance {
        AllocationInstance(
            items: items, years: Self.instance.years, envelopes: Self.instance.envelopes, rules: Self.instance.rules, sources: Self.instance.sources,
            localities: TestMoney.noLocalities, policy: Self.instance.policy)
    }
}
