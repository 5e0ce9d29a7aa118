import Foundation
import NTPData
import NTPDomain
import Testing

@Suite struct BudgetScenarioTests {
    static let repository = DataFixture.repositoryData.deletingLastPathComponent()
    static let data = DataSet.load(root: DataFixture.repositoryData).0

    func load(_ file: String) throws -> BudgetScenario {
        var diagnostics = Diagnostics()
        let scenario = BudgetScenario.load(url: Self.repository.appendingPathComponent(file), data: Self.data, diagnostics: &diagnostics)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        return try #require(scenario)
    }

    func errors(_ yaml: String, plan: String? = nil) throws -> [Diagnostic] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let plan { try plan.write(to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8) }
        let url = folder.appendingPathComponent("scenario.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        var diagnostics = Diagnostics()
        _ = BudgetScenario.load(url: url, data: Self.data, diagnostics: &diagnostics)
        return diagnostics.errors
    }

    let header = """
        name: test
        phase: "2021-2025"
        scope: cao-bang/quang-hoa
        criteria_set: qd318-2021-2025-commune
        money_unit: trieu

        """

    /// The capital Quảng Hòa's plan states adds up to its stated total, 461.506 million VND, and the
    /// 2022 spending it reports fits within every envelope.
    @Test func quangHoaCapitalStructure() throws {
        let scenario = try load("Scenarios/quang-hoa-2021-2025.yaml")
        let ledger = scenario.ledger(catalogs: Self.data.catalogs)
        #expect(ledger.totalSources == Money(dong: 461_506_000_000))
        let byProgram = Dictionary(grouping: ledger.rows, by: \.program).mapValues { $0.reduce(0) { $0 + $1.envelope.dong } }
        #expect(byProgram == ["NTM": 82_199_000_000, "DTTS": 305_243_000_000, "GNBV": 74_064_000_000])
        #expect(ledger.totalUses == Money(dong: 130_319_000_000))
        #expect(ledger.violations.allSatisfy { !$0.isBreach })
        // DTTS's 2022 central spending (66.131 investment + 26.503 recurrent) draws on its central envelope.
        #expect(ledger.rows.first { $0.program == "DTTS" && $0.source == "central" }?.used == Money(dong: 92_634_000_000))
        // Counterpart of the NTM envelopes: 11.430 local against 70.769 central.
        let ntm = try #require(ledger.counterparts.first { $0.program == "NTM" && !$0.ofUses })
        #expect(ntm.central == Money(dong: 70_769_000_000) && ntm.local == Money(dong: 11_430_000_000))
    }

    /// Lạng Sơn's five sources add up to 4.770 billion VND, not the 4.760 it states, and three of the
    /// five shares it states do not follow from the amounts.
    @Test func langSonSharesAgainstTheStatedOnes() throws {
        let scenario = try load("Scenarios/lang-son-2022.yaml")
        let ledger = scenario.ledger(catalogs: Self.data.catalogs)
        #expect(ledger.totalSources == Money(dong: 4_770_000_000_000))
        let shares = LargestRemainder.percentages(ledger.sourcesBySource.map(\.amount), decimals: 1)
        let stated: [Decimal] = [13.4, 12.2, 1.4, 67.3, 5.7]
        #expect(shares == [13.4, 12.1, 1.7, 67.1, 5.7].map { Decimal(string: "\($0)")! })
        #expect(zip(shares, stated.map { Decimal(string: "\($0)")! }).filter { $0 != $1 }.count == 3)
        #expect(shares.reduce(0, +) == 100)
    }

    @Test func ambiguousAmountIsRejected() throws {
        let errors = try errors(header + """
            envelopes:
              - {program: NTM, source: local, years: 2022, amount: 11.430, provenance: test}
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.key == "envelopes[0].amount" && errors.first?.message.description.contains("“11.430” reads as 11430") == true)
    }

    /// One amount beyond `Limits.largestAmount` (a wrong unit), and amounts each within it that add up
    /// beyond what the ledger counts: both refused, naming the key and the limit.
    @Test func amountsBeyondTheLedgersRangeAreRejected() throws {
        let ty = header.replacingOccurrences(of: "money_unit: trieu", with: "money_unit: ty")
        let one = try errors(ty + """
            envelopes:
              - {program: NTM, source: local, years: 2022, amount: "10000001", provenance: test}
            """)
        #expect(one.map(\.key) == ["envelopes[0].amount"])
        #expect(one.first?.message.description.contains("“10000001” tỷ đồng is beyond the largest amount a file may state (10.000.000 tỷ đồng") == true)
        let many = try errors(ty + "envelopes:\n" + String(repeating: "  - {program: NTM, source: local, years: 2022, amount: \"10000000\", provenance: test}\n", count: 58))
        #expect(many.map(\.key) == ["envelopes"])
        #expect(many.first?.message.description.contains("add up to more than the ledger counts (576.460.752 tỷ đồng") == true)
    }

    @Test func yearsOutsideThePhaseAndUnknownProgram() throws {
        let errors = try errors(header + """
            envelopes:
              - {program: NTM, source: local, years: 2024-2027, amount: "1", provenance: test}
              - {program: XYZ, source: local, years: 2024, amount: "1", provenance: test}
            """)
        #expect(errors.map(\.key) == ["envelopes[0].years", "envelopes[1].program"])
    }

    @Test func planLinesAreChecked() throws {
        let errors = try errors(header + """
            envelopes:
              - {program: NTM, source: local, years: 2022, amount: "100", provenance: test}
            plan: {file: plan.csv}
            """, plan: """
            locality,criterion,program,source,year,amount,unit,provenance
            Phúc Sen,2,NTM,local,2022,50,trieu_dong,test
            Nowhere,2,NTM,local,2022,50,trieu_dong,test
            Phúc Sen,25,NTM,local,2022,50,trieu_dong,test
            Phúc Sen,2,NTM,local,2022,-5,trieu_dong,test

            """)
        #expect(errors.map { "\($0.line ?? 0):\($0.key ?? "")" } == ["3:locality", "4:criterion", "5:amount"])
    }

    @Test func scenarioRulesOverrideTheDefaults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("scenario.yaml")
        try (header + """
            envelopes:
              - {program: NTM, source: central, years: 2022, amount: "100", provenance: test}
            rules:
              counterpart:
                - {program: NTM, ratio: 0.5, basis: "assumption: test"}
              carry_over:
                - {source: "*", allowed: false, basis: "assumption: test"}
            """).write(to: url, atomically: true, encoding: .utf8)
        var diagnostics = Diagnostics()
        let scenario = try #require(BudgetScenario.load(url: url, data: Self.data, diagnostics: &diagnostics))
        #expect(scenario.rules.counterparts.map(\.ratio) == [Decimal(string: "0.5")!])
        // The "*" rule is replaced; the default rule for credit stays.
        #expect(scenario.rules.carryOver.map(\.source).sorted() == ["*", "credit"])
        #expect(scenario.rules.carryOver.first { $0.source == "*" }?.allowed == false)
        // The defaults not overridden are kept with their basis.
        #expect(scenario.rules.sourceEligibility.first { $0.source == "credit" }?.criteria == ["9", "10", "11", "12", "13"])
        let ledger = scenario.ledger(catalogs: Self.data.catalogs)
        #expect(ledger.violations.map(\.amount) == [Money(dong: 50_000_000)])  // no local money against 50 % of 100
    }
}
