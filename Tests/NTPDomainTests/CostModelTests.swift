import Foundation
import NTPDomain
import Testing

@Suite struct CostModelTests {
    static func million(_ value: Int64) -> Money { Money(dong: value * 1_000_000) }

    let norm = CostNorm(
        criterion: "2", low: million(5000), base: million(10000), high: million(20000),
        split: [.construction: 80, .communityEnterprise: 20], buildYears: 2, basis: ["test"])
    let mountainous = CostMultiplier(id: "mountainous", attribute: "terrain", comparison: .equal, value: "mountainous", factor: Decimal(string: "1.2")!, constructionOnly: true, basis: "test")
    let difficult = CostMultiplier(id: "difficult", attribute: "especially_difficult", comparison: .equal, value: "yes", factor: Decimal(string: "1.5")!, constructionOnly: false, basis: "test")
    let small = CostMultiplier(id: "small", attribute: "population", comparison: .less, value: "5000", factor: Decimal(string: "0.5")!, constructionOnly: false, basis: "test")

    func attributes(_ values: [String: String]) -> (String) -> String? { { values[$0] } }

    @Test func normThenScaleThenMultipliersInOrder() throws {
        let model = CostModel(norms: [norm], multipliers: [mountainous, difficult], scale: ["II": 2])
        let cost = try #require(model.cost(of: "2", group: "II", in: "x", attribute: attributes(["terrain": "mountainous", "especially_difficult": "yes"])))
        // 10.000 split 8.000 / 2.000; × 2 (group II) = 16.000 / 4.000; construction × 1,2 = 19.200; all × 1,5.
        #expect(cost.byKind == [.construction: Self.million(28_800), .communityEnterprise: Self.million(6_000)])
        #expect(cost.amount == Self.million(34_800))
        #expect(cost.steps == ["norm base", "calibration × 2", "mountainous × 1.2 (construction)", "difficult × 1.5"])
    }

    @Test func aMultiplierWhoseConditionIsUnknownIsNotApplied() throws {
        let model = CostModel(norms: [norm], multipliers: [mountainous, small])
        let cost = try #require(model.cost(of: "2", group: nil, in: "x", attribute: attributes(["terrain": "delta"])))
        #expect(cost.amount == Self.million(10_000))
        #expect(cost.steps == ["norm base", "not known: population"])
        let smallCommune = try #require(model.cost(of: "2", group: nil, in: "x", attribute: attributes(["population": "3200"])))
        #expect(smallCommune.amount == Self.million(5_000))
    }

    @Test func anOverrideReplacesEverythingAndIsNotScaled() throws {
        let override = CostOverride(locality: "x", criterion: "2", amount: Self.million(7_000), basis: "phòng TC-KH estimate")
        let model = CostModel(norms: [norm], multipliers: [mountainous, difficult], overrides: [override], scale: ["*": 3])
        let cost = try #require(model.cost(of: "2", group: "II", in: "x", attribute: attributes(["terrain": "mountainous", "especially_difficult": "yes"])))
        #expect(cost.amount == Self.million(7_000))
        #expect(cost.byKind == [.construction: Self.million(5_600), .communityEnterprise: Self.million(1_400)])
        #expect(cost.steps == ["override: phòng TC-KH estimate"])
        // Another commune still gets the norm.
        #expect(model.cost(of: "2", group: "II", in: "y", attribute: attributes([:]))?.amount == Self.million(30_000))
    }

    @Test func levelsPickTheirNorm() {
        let model = CostModel(norms: [norm], multipliers: [])
        #expect(CostLevel.allCases.map { model.cost(of: "2", group: nil, in: "x", level: $0, attribute: { _ in nil })?.amount } == [Self.million(5_000), Self.million(10_000), Self.million(20_000)])
    }

    @Test func partsByKindAddUpToTheCostToTheDong() {
        let odd = CostNorm(criterion: "9", low: Money(dong: 1_000_001), base: Money(dong: 1_000_001), high: Money(dong: 1_000_001), split: [.recurrent: 33, .credit: 42, .communityEnterprise: 25], buildYears: 1, basis: ["test"])
        let third = CostMultiplier(id: "third", attribute: "a", comparison: .equal, value: "y", factor: Decimal(string: "1.333")!, constructionOnly: false, basis: "test")
        let cost = CostModel(norms: [odd], multipliers: [third]).cost(of: "9", group: nil, in: "x", attribute: { _ in "y" })!
        #expect(cost.byKind.values.reduce(0) { $0 + $1.dong } == cost.amount.dong)
    }
}
