import Foundation
import NTPDomain
import NTPOptimization
import NTPTestSupport
import PropertyBased
import Testing

@Suite struct CalibrationTests {
    static let sources = [TestMoney.source("central", .centralBudget, level: .central), TestMoney.source("credit", .credit, level: nil)]
    static let localities = TestMoney.noLocalities
    static let eligibility = Eligibility(sources: sources, rules: BudgetRules())

    static func million(_ value: Int64) -> Money { TestMoney.million(value) }

    static func item(_ criterion: String, group: String, year: Int, construction: Int64, credit: Int64 = 0, buildYears: Int = 1) -> Calibration.Item {
        var cost: [MoneyKind: Money] = [.construction: million(construction)]
        if credit > 0 { cost[.credit] = million(credit) }
        return Calibration.Item(locality: "x", criterion: criterion, group: group, year: year, buildYears: buildYears, cost: cost)
    }

    static func envelope(_ source: String, _ years: ClosedRange<Int>, _ millions: Decimal) -> BudgetEnvelope {
        BudgetEnvelope(program: "NTM", source: source, years: years, amount: Money(dong: NSDecimalNumber(decimal: millions * 1_000_000).int64Value), provenance: Provenance("test"))
    }

    /// A plan whose budget is built as f × its cost: calibration finds f again.
    @Test func recoversTheFactorTheBudgetWasBuiltWith() async {
        await propertyCheck(count: 60, input: Gen.int(in: 50...300), Gen.int(in: 1...6)) { percent, itemCount in
            let factor = Decimal(percent) / 100
            let items = (0..<itemCount).map { Self.item("\($0 % 19 + 1)", group: "II", year: 2023 + $0 % 3, construction: Int64(500 * ($0 + 1)), credit: Int64(100 * $0)) }
            let construction = items.reduce(Decimal()) { $0 + Decimal($1.cost[.construction]!.dong) } / 1_000_000
            let credit = items.reduce(Decimal()) { $0 + Decimal(($1.cost[.credit] ?? .zero).dong) } / 1_000_000
            var envelopes = [Self.envelope("central", 2023...2025, construction * factor)]
            if credit > 0 { envelopes.append(Self.envelope("credit", 2023...2025, credit * factor)) }
            let calibration = Calibration(items: items, envelopes: envelopes, eligibility: Self.eligibility, localities: Self.localities, mode: .overall)
            guard case .calibrated(let factors, let binding) = try calibration.solve() else {
                Issue.record("no factor found")
                return
            }
            #expect(factors["*"] == factor)
            #expect(binding == Array(envelopes.indices))  // exactly affordable: every envelope is used up
        }
    }

    @Test func aCostNoMoneyMayPayMakesThePlanUnaffordable() throws {
        // Criterion 9 needs credit in 2024, and the only credit envelope is for 2022.
        let items = [Self.item("2", group: "II", year: 2024, construction: 1000), Self.item("9", group: "II", year: 2024, construction: 100, credit: 400)]
        let envelopes = [Self.envelope("central", 2021...2025, 5000), Self.envelope("credit", 2022...2022, 5000)]
        let calibration = Calibration(items: items, envelopes: envelopes, eligibility: Self.eligibility, localities: Self.localities, mode: .overall)
        guard case .unaffordable(let unfunded) = try calibration.solve() else {
            Issue.record("expected unaffordable")
            return
        }
        #expect(unfunded.map { "\($0.item.criterion)/\($0.kind.rawValue)" } == ["9/credit"])
    }

    @Test func buildYearsLetEarlierMoneyPay() throws {
        // A road finished in 2024 over two build years may use 2023 money.
        let items = [Self.item("2", group: "II", year: 2024, construction: 1000, buildYears: 2)]
        let envelopes = [Self.envelope("central", 2023...2023, 600), Self.envelope("central", 2024...2024, 600)]
        let calibration = Calibration(items: items, envelopes: envelopes, eligibility: Self.eligibility, localities: Self.localities, mode: .overall)
        guard case .calibrated(let factors, _) = try calibration.solve() else {
            Issue.record("no factor found")
            return
        }
        #expect(factors["*"] == Decimal(string: "1.2")!)
    }

    @Test func groupFactorsShareTheCommonFloorAndRiseWithTheirOwnMoney() throws {
        // Group II (construction) has money for 1,5 × its cost; group III (credit) for 3 ×.
        let items = [Self.item("2", group: "II", year: 2024, construction: 1000), Calibration.Item(locality: "x", criterion: "10", group: "III", year: 2024, buildYears: 1, cost: [.credit: Self.million(200)])]
        let envelopes = [Self.envelope("central", 2024...2024, 1500), Self.envelope("credit", 2024...2024, 600)]
        let calibration = Calibration(items: items, envelopes: envelopes, eligibility: Self.eligibility, localities: Self.localities, mode: .byGroup)
        guard case .calibrated(let factors, _) = try calibration.solve() else {
            Issue.record("no factor found")
            return
        }
        #expect(factors == ["II": Decimal(string: "1.5")!, "III": 3])
    }
}
