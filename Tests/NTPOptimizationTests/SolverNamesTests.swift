import GLPKSwift
import NTPDomain
@testable import NTPOptimization
import NTPTestSupport
import Testing

/// Rows and columns are named by what they are about, and a broken row is reported in the planner's
/// terms: the commune and the criterion.
@Suite struct SolverNamesTests {
    typealias F = ModelFixture

    /// Names are unique and the solver module accepts them (printable ASCII, no blank, at most 255
    /// bytes), even for ids with blanks, accents and punctuation, and for envelopes alike but for their level.
    @Test func namesAreReadableUniqueAndValid() throws {
        let odd = "t\u{1EC9}nh (x)/x\u{E3}, m\u{1ED9}t"  // tỉnh (x)/xã, một
        let items = [
            AllocationInstance.Item(commune: odd, criterion: "17.1", cost: [.recurrent: TestMoney.million(1)], buildYears: 1),
            AllocationInstance.Item(commune: String(repeating: "a", count: 300), criterion: "2", cost: [.recurrent: TestMoney.million(1)], buildYears: 1),
        ]
        var envelopes = F.envelopes
        envelopes.append(BudgetEnvelope(program: "NTM", source: "local", level: .commune, years: 2023...2024, amount: TestMoney.million(5), provenance: Provenance("test")))
        let instance = F.instance(items: items).with(envelopes: envelopes)
        let model = AllocationModel(instance)
        try model.problem.validate()
        let names = model.problem.rows.map(\.name) + model.problem.columns.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.utf8.count <= 255 })
        #expect(model.problem.columns[model.families.done[item: 0, year: 0]].name == "done(t_nh__x_.x___m_t,17.1,2023)")
        #expect(model.families.envelope.positions.map { model.problem.rows[$0].name }.last == "envelope(NTM.local.2023-2024#2)")
    }

    /// A plan that breaks a funded row is reported with the rule, the commune and the criterion, the
    /// kind of money and the year, and the row's name.
    @Test func aBrokenRowNamesTheCommuneAndCriterion() throws {
        let model = F.model
        var values = [Double](repeating: 0, count: model.problem.columns.count)
        // Criterion 5 met from 2023 with nothing paid; the minimum progress is met without shortfall.
        for t in 0..<2 { values[F.done(0, t)] = 1 }
        values[model.families.shortfall.positions[1]] = 1
        let breach = try #require(model.firstBreach(of: values))
        #expect(breach.row == .funded(ItemKindYear(item: 0, kind: .construction, year: 0)))
        let message = PlanFailsModel(breach: breach).description
        #expect(message.description.contains("commune cao-bang/quang-hoa/be-van-dan, criterion 5"), "\(message)")
        #expect(message.description.contains("funded by the year it is met") && message.description.contains("construction money, 2023"), "\(message)")
        #expect(message.description.contains("activity -30.0, must be ≥ 0.0"), "\(message)")
        #expect(message.description.contains("funded(cao-bang.quang-hoa.be-van-dan,5,construction,2023)"), "\(message)")
    }

    /// Two criteria met in 2023 with a capacity of one: the capacity row names the commune and the year.
    @Test func aBrokenCapacityNamesTheCommuneAndYear() throws {
        let free = [F.works, F.culture].map { AllocationInstance.Item(commune: $0.commune, criterion: $0.criterion, cost: [:], buildYears: 1) }
        let model = AllocationModel(F.instance(items: free, policy: .init(capacityPerCommuneYear: 1)))
        var values = [Double](repeating: 0, count: model.problem.columns.count)
        for column in model.families.done.all { values[column] = 1 }
        let breach = try #require(model.firstBreach(of: values))
        #expect(breach.row == .capacity(CommuneYear(commune: F.commune, year: 0)))
        #expect(breach.description.hasPrefix("implementation capacity (commune cao-bang/quang-hoa/be-van-dan, 2023)"), "\(breach)")
        #expect(model.firstBreach(of: values.map { _ in 0 }) == nil)
    }

    /// A plan the ledger rejects is reported by commune and criterion.
    @Test func aLedgerBreachNamesTheCommuneAndCriterion() {
        let line = AllocationLine(locality: F.commune, criterion: "16", program: "NTM", source: "central", year: 2023, amount: TestMoney.million(4))
        let rule = F.rules.sourceEligibility[0]
        let message = PlanFailsLedger(violations: [.ineligibleSource(line, rule: rule)]).description
        #expect(message.description.contains("commune cao-bang/quang-hoa/be-van-dan, criterion 16"), "\(message)")
        #expect(message.description.contains("may not pay"), "\(message)")
    }
}
