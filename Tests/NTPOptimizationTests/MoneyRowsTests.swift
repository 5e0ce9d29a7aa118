import GLPKSwift
import NTPDomain
@testable import NTPOptimization
import NTPTestSupport
import Testing

/// The money rows (docs/model.md, "Constraints") on `ModelFixture`: each row the family's handle points
/// to has exactly the bounds and coefficients its equation states, written out here by hand.
@Suite struct MoneyRowsTests {
    typealias F = ModelFixture
    let model = F.model
    let pay = { (i: Int, kind: MoneyKind, e: Int, t: Int) in F.pay(i, kind, e, t)! }
    let done = F.done

    func expectRows<Key: Hashable>(_ family: Family<Key>, _ expected: [Key: RowTerms], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(family.keys) == Set(expected.keys), sourceLocation: sourceLocation)
        for (key, row) in family.entries {
            let actual = RowTerms(model.problem, row: row)
            guard let wanted = expected[key] else { continue }
            #expect(actual.matches(wanted), "\(model.problem.rows[row].name): \(actual), expected \(wanted)", sourceLocation: sourceLocation)
        }
    }

    /// funded[i,m,t]: Σ_{e, τ≤t} pay[i,m,e,τ] − C[i,m]·done[i,t] ≥ 0.
    @Test func fundedRowsPayEachKindByTheYearItIsMet() {
        let f = { (i: Int, kind: MoneyKind, t: Int) in ItemKindYear(item: i, kind: kind, year: t) }
        expectRows(model.families.funded, [
            f(0, .construction, 0): RowTerms(.atLeast(0), [pay(0, .construction, 0, 0): 1, pay(0, .construction, 2, 0): 1, done(0, 0): -30]),
            f(0, .construction, 1): RowTerms(.atLeast(0), [
                pay(0, .construction, 0, 0): 1, pay(0, .construction, 2, 0): 1, pay(0, .construction, 1, 1): 1, pay(0, .construction, 2, 1): 1, done(0, 1): -30,
            ]),
            f(0, .recurrent, 0): RowTerms(.atLeast(0), [pay(0, .recurrent, 0, 0): 1, pay(0, .recurrent, 2, 0): 1, done(0, 0): -10]),
            f(0, .recurrent, 1): RowTerms(.atLeast(0), [
                pay(0, .recurrent, 0, 0): 1, pay(0, .recurrent, 2, 0): 1, pay(0, .recurrent, 1, 1): 1, pay(0, .recurrent, 2, 1): 1, done(0, 1): -10,
            ]),
            f(1, .recurrent, 0): RowTerms(.atLeast(0), [pay(1, .recurrent, 2, 0): 1, done(1, 0): -4]),
            f(1, .recurrent, 1): RowTerms(.atLeast(0), [pay(1, .recurrent, 2, 0): 1, pay(1, .recurrent, 2, 1): 1, done(1, 1): -4]),
        ])
        #expect(model.problem.rows[model.families.funded.positions[0]].name == "funded(cao-bang.quang-hoa.be-van-dan,5,construction,2023)")
    }

    /// no_overpay[i,m]: Σ_{e,τ} pay[i,m,e,τ] ≤ C[i,m].
    @Test func noOverpayRowsCapEachKindAtItsCost() {
        expectRows(model.families.noOverpay, [
            ItemKind(item: 0, kind: .construction): RowTerms(.atMost(30), [
                pay(0, .construction, 0, 0): 1, pay(0, .construction, 2, 0): 1, pay(0, .construction, 1, 1): 1, pay(0, .construction, 2, 1): 1,
            ]),
            ItemKind(item: 0, kind: .recurrent): RowTerms(.atMost(10), [
                pay(0, .recurrent, 0, 0): 1, pay(0, .recurrent, 2, 0): 1, pay(0, .recurrent, 1, 1): 1, pay(0, .recurrent, 2, 1): 1,
            ]),
            ItemKind(item: 1, kind: .recurrent): RowTerms(.atMost(4), [pay(1, .recurrent, 2, 0): 1, pay(1, .recurrent, 2, 1): 1]),
        ])
    }

    /// spend_window[i,m,τ]: Σ_e pay[i,m,e,τ] − C[i,m]·done[i, min(τ+b_i−1, last)] ≤ 0: criterion 5 (two
    /// build years) may spend in 2023 if met by 2024; criterion 16 (one) only in the year it is met.
    @Test func spendWindowRowsKeepMoneyInTheBuildYears() {
        let k = { (i: Int, kind: MoneyKind, t: Int) in ItemKindYear(item: i, kind: kind, year: t) }
        expectRows(model.families.spendWindow, [
            k(0, .construction, 0): RowTerms(.atMost(0), [pay(0, .construction, 0, 0): 1, pay(0, .construction, 2, 0): 1, done(0, 1): -30]),
            k(0, .construction, 1): RowTerms(.atMost(0), [pay(0, .construction, 1, 1): 1, pay(0, .construction, 2, 1): 1, done(0, 1): -30]),
            k(0, .recurrent, 0): RowTerms(.atMost(0), [pay(0, .recurrent, 0, 0): 1, pay(0, .recurrent, 2, 0): 1, done(0, 1): -10]),
            k(0, .recurrent, 1): RowTerms(.atMost(0), [pay(0, .recurrent, 1, 1): 1, pay(0, .recurrent, 2, 1): 1, done(0, 1): -10]),
            k(1, .recurrent, 0): RowTerms(.atMost(0), [pay(1, .recurrent, 2, 0): 1, done(1, 0): -4]),
            k(1, .recurrent, 1): RowTerms(.atMost(0), [pay(1, .recurrent, 2, 1): 1, done(1, 1): -4]),
        ])
    }

    /// maintained[i,t]: Σ_e upkeep[i,e,t] − M_i·done[i,t−1] = 0, for criterion 16 in 2024.
    @Test func maintainedRowsPayTheUpkeepOfWhatWasMetTheYearBefore() {
        let upkeep = model.families.upkeep[item: 1, year: 1][0].column
        expectRows(model.families.maintained, [ItemYear(item: 1, year: 1): RowTerms(.fixed(0), [upkeep: 1, done(1, 0): -1])])
        #expect(model.problem.rows[model.families.maintained.positions[0]].name == "maintained(cao-bang.quang-hoa.be-van-dan,16,2024)")
    }

    /// envelope[e]: Σ pay[·,·,e,·] + Σ upkeep[·,e,·] + carry[e] − carry[prev(e)] ≤ A_e.
    @Test func envelopeRowsHoldEachEnvelopeWithItsCarryOver() {
        let carry = model.families.carry[envelope: 0]!
        let upkeep = model.families.upkeep.payments[0].column
        expectRows(model.families.envelope, [
            0: RowTerms(.atMost(50), [pay(0, .construction, 0, 0): 1, pay(0, .recurrent, 0, 0): 1, carry: 1]),
            1: RowTerms(.atMost(50), [pay(0, .construction, 1, 1): 1, pay(0, .recurrent, 1, 1): 1, carry: -1]),
            2: RowTerms(.atMost(20), [
                pay(0, .construction, 2, 0): 1, pay(0, .construction, 2, 1): 1, pay(0, .recurrent, 2, 0): 1, pay(0, .recurrent, 2, 1): 1,
                pay(1, .recurrent, 2, 0): 1, pay(1, .recurrent, 2, 1): 1, upkeep: 1,
            ]),
        ])
        #expect(model.families.envelope.positions.map { model.problem.rows[$0].name } == [
            "envelope(NTM.central.2023)", "envelope(NTM.central.2024)", "envelope(NTM.local.2023-2024)",
        ])
    }

    /// share_cap[i,r]: Σ_{pay of i from r's source} − s_r/100 · Σ pay[i,·,·,·] ≤ 0, for criterion 5 only
    /// (no central money may pay criterion 16).
    @Test func shareCapRowsKeepASourceWithinItsShare() {
        let central = 1 - 0.8, other = -0.8
        expectRows(model.families.shareCap, [
            ItemRule(item: 0, rule: 0): RowTerms(.atMost(0), [
                pay(0, .construction, 0, 0): central, pay(0, .construction, 1, 1): central, pay(0, .recurrent, 0, 0): central, pay(0, .recurrent, 1, 1): central,
                pay(0, .construction, 2, 0): other, pay(0, .construction, 2, 1): other, pay(0, .recurrent, 2, 0): other, pay(0, .recurrent, 2, 1): other,
            ])
        ])
        #expect(model.problem.rows[model.families.shareCap.positions[0]].name == "share_cap(cao-bang.quang-hoa.be-van-dan,5,central)")
    }

    /// counterpart[p,t]: Σ_{local pay of p in t} − ρ_p · Σ_{central pay of p in t} ≥ 0, upkeep included.
    @Test func counterpartRowsMatchCentralMoneyWithLocalMoney() {
        let upkeep = model.families.upkeep.payments[0].column
        expectRows(model.families.counterpart, [
            RuleYear(rule: 0, year: 0): RowTerms(.atLeast(0), [
                pay(0, .construction, 0, 0): -0.1, pay(0, .recurrent, 0, 0): -0.1,
                pay(0, .construction, 2, 0): 1, pay(0, .recurrent, 2, 0): 1, pay(1, .recurrent, 2, 0): 1,
            ]),
            RuleYear(rule: 0, year: 1): RowTerms(.atLeast(0), [
                pay(0, .construction, 1, 1): -0.1, pay(0, .recurrent, 1, 1): -0.1,
                pay(0, .construction, 2, 1): 1, pay(0, .recurrent, 2, 1): 1, pay(1, .recurrent, 2, 1): 1, upkeep: 1,
            ]),
        ])
        #expect(model.problem.rows[model.families.counterpart.positions[1]].name == "counterpart(NTM,2024)")
        // The coupling rows are the envelopes, then the counterparts.
        #expect(model.families.coupling.keys == [.envelope(0), .envelope(1), .envelope(2), .counterpart(RuleYear(rule: 0, year: 0)), .counterpart(RuleYear(rule: 0, year: 1))])
    }

    /// The decomposition's split: every column but the carry-over belongs to one commune, every row but
    /// the coupling rows to one commune; a commune's own problem is its columns and those rows, with no
    /// coupling row and no carry-over, and the rows are the whole model's exactly.
    @Test func aCommunesOwnProblemHasNoCouplingRows() throws {
        let model = F.model
        let split = try CommuneSplit(model)
        let carry = Set(model.families.carry.out.positions)
        let coupling = Set(model.families.coupling.positions)
        #expect(Set(split.columns.flatMap { $0.map(Int.init) }).union(carry) == Set(model.problem.columns.indices))
        #expect(split.columns.flatMap { $0 }.count + carry.count == model.problem.columns.count)
        let own = split.rows.flatMap { $0.map(Int.init) }
        #expect(Set(own).union(coupling) == Set(model.problem.rows.indices) && own.count + coupling.count == model.problem.rows.count)
        for c in split.communes.indices {
            let part = split.problem(of: [c], prices: nil, shifts: nil)
            #expect(part.rows.allSatisfy { !coupling.contains($0) } && part.columns.allSatisfy { !carry.contains($0) })
            for (index, row) in part.rows.enumerated() {
                #expect(part.problem.rows[index] == model.problem.rows[row])
                let terms = part.problem.entries.filter { $0.row == index }.map { MatrixEntry(row: row, column: part.columns[$0.column], value: $0.value) }
                #expect(Set(terms.map { "\($0.column),\($0.value)" }) == Set(model.problem.entries.filter { $0.row == row }.map { "\($0.column),\($0.value)" }))
            }
        }
        // The fixture's one commune: its own problem is the whole model without the coupling rows and the carry-over.
        let whole = split.problem(of: [0], prices: nil, shifts: nil).problem
        #expect(whole.rows.count == model.problem.rows.count - coupling.count && whole.columns.count == model.problem.columns.count - carry.count)
    }
}
