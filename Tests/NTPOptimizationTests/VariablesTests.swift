import GLPKSwift
import NTPDomain
import NTPOptimization
import NTPTestSupport
import Testing

/// The variable families (docs/model.md, "Variables") on `ModelFixture`: which columns exist, with
/// which kind, bounds and objective coefficient, each stated here by hand.
@Suite struct VariablesTests {
    typealias F = ModelFixture
    let model = F.model
    var columns: [Column] { model.problem.columns }

    /// done[i,t] ∈ {0, 1} for every item and year, weighted 1 on criteria-years.
    @Test func doneIsABinaryPerItemAndYear() {
        let done = model.families.done
        #expect(done.all.count == 4)
        for i in 0..<2 {
            #expect(done[item: i] == [done[item: i, year: 0], done[item: i, year: 1]])
            for t in 0..<2 {
                let column = columns[done[item: i, year: t]]
                #expect(column.kind == .binary && column.bounds == .between(0, 1) && column.objective == 1, "\(column)")
            }
        }
        #expect(columns[done[item: 0, year: 1]].name == "done(cao-bang.quang-hoa.be-van-dan,5,2024)")
    }

    /// A lock fixes done: 1 from its year on, 0 before, 0 throughout for "not in the horizon"; frozen
    /// years fix every other item's done to 0; a target fixes done to 1 from its year on.
    @Test func locksFrozenYearsAndTargetsFixDone() {
        let locked = AllocationModel(F.instance(locked: [F.works: 2024, F.culture: Int?.none]))
        let fixed = { (model: AllocationModel, i: Int) in model.families.done[item: i].map { model.problem.columns[$0].bounds } }
        #expect(fixed(locked, 0) == [.fixed(0), .fixed(1)])
        #expect(fixed(locked, 1) == [.fixed(0), .fixed(0)])

        let frozen = AllocationModel(F.instance(locked: [F.works: 2023], frozenThrough: 2023))
        #expect(fixed(frozen, 0) == [.fixed(1), .fixed(1)])
        #expect(fixed(frozen, 1) == [.fixed(0), .between(0, 1)])

        let targeted = AllocationModel(F.instance(targets: [.init(commune: F.commune, criterion: "16", year: 2024), .init(commune: nil, criterion: "5", year: 2020)]))
        #expect(fixed(targeted, 1) == [.between(0, 1), .fixed(1)])
        #expect(fixed(targeted, 0) == [.fixed(1), .fixed(1)])  // a year before the horizon binds from its first year
        let late = AllocationModel(F.instance(targets: [.init(commune: F.commune, year: 2030)]))
        #expect(fixed(late, 0) == [.between(0, 1), .between(0, 1)])  // one after it does not bind
    }

    /// pay[i,m,e,t] ≥ 0 exactly where envelope e may pay kind m of item i in year t: central money pays
    /// only criterion 5, local money every criterion, each in its own years.
    @Test func payExistsForEveryEligibleEnvelopeAndYear() {
        struct Key: Hashable {
            let item: Int, kind: MoneyKind, envelope: Int, year: Int
        }
        let expected: Set<Key> = [
            Key(item: 0, kind: .construction, envelope: 0, year: 0), Key(item: 0, kind: .construction, envelope: 1, year: 1),
            Key(item: 0, kind: .construction, envelope: 2, year: 0), Key(item: 0, kind: .construction, envelope: 2, year: 1),
            Key(item: 0, kind: .recurrent, envelope: 0, year: 0), Key(item: 0, kind: .recurrent, envelope: 1, year: 1),
            Key(item: 0, kind: .recurrent, envelope: 2, year: 0), Key(item: 0, kind: .recurrent, envelope: 2, year: 1),
            Key(item: 1, kind: .recurrent, envelope: 2, year: 0), Key(item: 1, kind: .recurrent, envelope: 2, year: 1),
        ]
        let pay = model.families.pay.payments
        #expect(Set(pay.map { Key(item: $0.item, kind: $0.kind, envelope: $0.envelope, year: $0.year) }) == expected)
        #expect(pay.count == expected.count && pay.allSatisfy { !$0.isUpkeep })
        for payment in pay {
            let column = columns[payment.column]
            #expect(column.kind == .continuous && column.bounds == .atLeast(0) && column.objective == 0, "\(column)")
        }
        #expect(columns[F.pay(0, .construction, 2, 1)!].name == "pay(cao-bang.quang-hoa.be-van-dan,5,construction,NTM.local.2023-2024,2024)")
        // Least central money: central money costs 1 a million, the rest 10⁻⁶.
        let minCost = AllocationModel(F.instance(objective: .minCost(source: "central")))
        #expect(minCost.problem.columns[F.pay(0, .construction, 0, 0, in: minCost)!].objective == 1)
        #expect(minCost.problem.columns[F.pay(0, .construction, 2, 0, in: minCost)!].objective == 1e-6)
    }

    /// upkeep[i,e,t] ≥ 0 for criterion 16 (1 million a year) in 2024 only, from the local envelope: the
    /// first year has no year before it, and central money may not pay criterion 16.
    @Test func upkeepExistsAfterTheFirstYearWhereRecurrentMoneyMayPay() {
        let upkeep = model.families.upkeep.payments
        #expect(upkeep.map { [$0.item, $0.envelope, $0.year] } == [[1, 2, 1]])
        #expect(upkeep.allSatisfy { $0.isUpkeep && $0.kind == .recurrent })
        #expect(model.families.upkeep[item: 1, year: 1].map(\.column) == upkeep.map(\.column))
        let column = columns[upkeep[0].column]
        #expect(column.bounds == .atLeast(0) && column.objective == 0)
        #expect(column.name == "upkeep(cao-bang.quang-hoa.be-van-dan,16,NTM.local.2023-2024,2024)")
    }

    /// carry[e] ∈ [0, κ_e] for the 2023 central envelope only (the 2024 one ends its chain, the local one
    /// is a chain of one), κ = 50 % of 50 million.
    @Test func carryLeavesEveryEnvelopeButTheLastOfItsChainWithinItsCap() {
        let carry = model.families.carry
        #expect(carry.out.keys == [0])
        let column = columns[carry[envelope: 0]!]
        #expect(column.bounds == .between(0, 25) && column.objective == 0)
        #expect(column.name == "carry(NTM.central.2023)")
        #expect(carry.incoming(to: 1) == carry[envelope: 0] && carry.incoming(to: 0) == nil && carry.incoming(to: 2) == nil)
        var rules = F.rules
        rules.carryOver = [CarryOverRule(source: "central", allowed: false, basis: Provenance("test"))] + rules.carryOver
        #expect(AllocationModel(F.instance(rules: rules)).families.carry.out.isEmpty)
    }

    /// standard[c,t] ∈ [0, 1] for every year under a standard bonus β = 2, weighted β·w_c; only the last
    /// year for max-standard; none without either.
    @Test func standardExistsForTheYearsTheObjectiveValues() {
        let standard = model.families.standard
        #expect(standard.keys == [CommuneYear(commune: F.commune, year: 0), CommuneYear(commune: F.commune, year: 1)])
        for (_, column) in standard.entries { #expect(columns[column].bounds == .between(0, 1) && columns[column].objective == 2) }
        #expect(columns[standard.positions[1]].name == "standard(cao-bang.quang-hoa.be-van-dan,2024)")
        let maxStandard = AllocationModel(F.instance(policy: .init(), objective: .maxStandard))
        #expect(maxStandard.families.standard.keys == [CommuneYear(commune: F.commune, year: 1)])
        #expect(AllocationModel(F.instance(policy: .init())).families.standard.isEmpty)
    }

    /// short[c,t] ∈ [0, min(n_c, k·(t+1))] under minimum progress k = 1 with n_c = 2: 1 by 2023, 2 by
    /// 2024; penalised by more than the rest of the objective reaches: 1 + 2 items × 2 years + β × 2 years.
    @Test func shortfallIsBoundedByWhatMinimumProgressRequires() {
        let shortfall = model.families.shortfall
        #expect(shortfall.keys == [CommuneYear(commune: F.commune, year: 0), CommuneYear(commune: F.commune, year: 1)])
        #expect(shortfall.positions.map { columns[$0].bounds } == [.between(0, 1), .between(0, 2)])
        #expect(shortfall.positions.allSatisfy { columns[$0].objective == -9 })
        #expect(columns[shortfall.positions[0]].name == "short(cao-bang.quang-hoa.be-van-dan,2023)")
        #expect(AllocationModel(F.instance(policy: .init())).families.shortfall.isEmpty)
    }

    /// Every column belongs to exactly one variable family.
    @Test func everyColumnIsInOneFamily() {
        let f = model.families
        let all = f.done.all + f.payments.map(\.column) + f.carry.out.positions + f.standard.positions + f.shortfall.positions
        #expect(all.sorted() == Array(columns.indices))
    }
}
