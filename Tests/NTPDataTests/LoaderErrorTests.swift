import Foundation
import NTPData
import Testing

/// Each rule of the loaders, broken by a crafted file: the error names the file, line, column and value.
@Suite struct LoaderErrorTests {
    let status = "seeds/quang-hoa-2021-2025/criteria_status.csv"
    let capital = "seeds/quang-hoa-2021-2025/capital.csv"
    let provenance = "000_5b912bceceed0a91.txt#L300 test"

    /// Loads the fixture and returns the single error it has.
    func onlyError(_ fixture: DataFixture, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let (_, diagnostics) = fixture.load()
        #expect(diagnostics.errors.count == 1, "\(diagnostics.errors)", sourceLocation: sourceLocation)
        return try #require(diagnostics.errors.first, sourceLocation: sourceLocation)
    }

    @Test func theShippedDataHasNoErrors() {
        let (_, diagnostics) = DataSet.load(root: DataFixture.repositoryData)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
    }

    @Test func unknownCommune() throws {
        let fixture = try DataFixture()
        try fixture.append(status, "Xã Không Có,1,met,,17,Quy hoạch,x,\(provenance)")
        let error = try onlyError(fixture)
        #expect(error.file == status && error.line == 306 && error.column == 1 && error.key == "commune")
        #expect(error.message.description.contains("unknown commune “Xã Không Có” in Quảng Hòa"))
    }

    @Test func criterionOutsideItsSet() throws {
        let fixture = try DataFixture()
        try fixture.append(status, "Phúc Sen,20,met,,3,?,x,\(provenance)")
        let error = try onlyError(fixture)
        #expect(error.line == 306 && error.column == 2 && error.key == "criterion")
        #expect(error.message.description.contains("“20” is not a criterion or sub-indicator of qd318-2021-2025-commune"))
    }

    @Test func yearOutsideThePhase() throws {
        let fixture = try DataFixture()
        try fixture.edit(status) { $0.replacingOccurrences(of: "Phúc Sen,1,planned,2022,", with: "Phúc Sen,1,planned,2027,") }
        let error = try onlyError(fixture)
        #expect(error.key == "target_year" && error.column == 4)
        #expect(error.message.description.contains("2027 is outside the phase 2021-2025"))
    }

    @Test func negativeMoney() throws {
        let fixture = try DataFixture()
        try fixture.edit(capital) { $0.replacingOccurrences(of: ",70285,70.285,", with: ",-70285,70.285,") }
        let error = try onlyError(fixture)
        #expect(error.file == capital && error.line == 2 && error.key == "amount" && error.column == 5)
        #expect(error.message.description.contains("“-70285” is negative"))
    }

    @Test func malformedMoney() throws {
        let fixture = try DataFixture()
        try fixture.edit(capital) { $0.replacingOccurrences(of: ",70285,70.285,", with: ",70.28.5,70.285,") }
        let error = try onlyError(fixture)
        #expect(error.key == "amount" && error.message.description.contains("“70.28.5” is not a number"))
    }

    @Test func ambiguousMoney() throws {
        let fixture = try DataFixture()
        try fixture.edit(capital) { $0.replacingOccurrences(of: ",70285,70.285,", with: ",70.285,70.285,") }
        let error = try onlyError(fixture)
        #expect(error.key == "amount")
        #expect(error.message.description.contains("“70.285” reads as 70285 in Vietnamese notation but 70.285 in plain notation"))
    }

    @Test func moneyDisagreeingWithTheDocumentsWriting() throws {
        let fixture = try DataFixture()
        try fixture.edit(capital) { $0.replacingOccurrences(of: ",70285,70.285,", with: ",70258,70.285,") }
        let error = try onlyError(fixture)
        #expect(error.key == "amount_as_written" && error.message.description.contains("“70.285” reads as 70285, but the plain column says 70258"))
    }

    @Test func duplicateRow() throws {
        let fixture = try DataFixture()
        try fixture.append(status, "Phúc Sen,1,planned,2022,3,Quy hoạch,2022,\(provenance)")
        let error = try onlyError(fixture)
        #expect(error.line == 306 && error.key == "commune,criterion")
        #expect(error.message.description.contains("duplicate of line"))
    }

    @Test func wrongColumnCount() throws {
        let fixture = try DataFixture()
        try fixture.append(status, "Phúc Sen,1,planned,\(provenance)")
        let error = try onlyError(fixture)
        #expect(error.line == 306 && error.message.description == "has 4 fields, the header has 8")
    }

    @Test func missingProvenance() throws {
        let fixture = try DataFixture()
        try fixture.edit(status) { text in
            var lines = text.components(separatedBy: "\n")
            lines[1] = lines[1].replacingOccurrences(of: #","000_5b912bceceed0a91.txt#L294.*"$"#, with: ",", options: .regularExpression)
            return lines.joined(separator: "\n")
        }
        let error = try onlyError(fixture)
        #expect(error.line == 2 && error.key == "provenance" && error.message.description.hasPrefix("is empty"))
    }

    @Test func blankLine() throws {
        let fixture = try DataFixture()
        try fixture.edit(status) { $0.replacingOccurrences(of: "\nĐại Sơn,2,", with: "\n\nĐại Sơn,2,") }
        let errors = fixture.load().1.errors
        #expect(errors.contains { $0.line == 3 && $0.message.description == "blank line" })
    }

    @Test func unknownCapitalSource() throws {
        let fixture = try DataFixture()
        try fixture.edit(capital) { $0.replacingOccurrences(of: "NTM,central_investment,Ngân sách trung ương > Vốn đầu tư phát triển,,", with: "NTM,central_invest,Ngân sách trung ương > Vốn đầu tư phát triển,,") }
        let error = try onlyError(fixture)
        #expect(error.key == "source" && error.message.description.contains("unknown capital source “central_invest”"))
    }

    @Test func missingYAMLKey() throws {
        let fixture = try DataFixture()
        try fixture.edit("catalogs/programs.yaml") { $0.replacingOccurrences(of: "    name_en: \"National Target Program on Sustainable Poverty Reduction, 2021-2025\"\n", with: "") }
        let error = try onlyError(fixture)
        #expect(error.file == "catalogs/programs.yaml" && error.key == "programs[1].name_en" && error.message.description == "is missing")
    }

    @Test func duplicateYAMLKey() throws {
        let fixture = try DataFixture()
        try fixture.edit("catalogs/programs.yaml") { $0.replacingOccurrences(of: "  - code: GNBV\n", with: "  - code: GNBV\n    code: GNBV2\n") }
        let error = try onlyError(fixture)
        #expect(error.file == "catalogs/programs.yaml" && error.key == "code" && error.message.description.contains("appears twice"))
    }

    @Test func unknownParentLocality() throws {
        let fixture = try DataFixture()
        try fixture.append("localities/localities.csv", "cao-bang/nowhere/x,commune,xã,X,cao-bang/nowhere,,,,,,,test")
        let error = try onlyError(fixture)
        #expect(error.file == "localities/localities.csv" && error.key == "parent_id" && error.message.description.contains("unknown locality “cao-bang/nowhere”"))
    }
}

@Suite struct NameNormalisationTests {
    @Test func decomposedSpellingsInADataFileResolveToTheSameCommunes() throws {
        let fixture = try DataFixture()
        let status = "seeds/quang-hoa-2021-2025/criteria_status.csv"
        try fixture.edit(status) { $0.decomposedStringWithCanonicalMapping }
        let text = try String(contentsOf: fixture.root.appendingPathComponent(status), encoding: .utf8)
        #expect(text.unicodeScalars.contains("\u{0300}"))  // the file really holds combining accents now
        let (data, diagnostics) = fixture.load()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let phucSen = try #require(data.localities(named: "Phúc Sen".precomposedStringWithCanonicalMapping).first)
        #expect(phucSen.id == "cao-bang/quang-hoa/phuc-sen")
        let status2 = data.status(of: phucSen)
        #expect(status2.communes.first?.met.count == 13)
    }

    @Test func composedAndDecomposedQueriesFindTheSameLocality() {
        let (data, _) = DataSet.load(root: DataFixture.repositoryData)
        let composed = data.localities(named: "Quảng Hòa".precomposedStringWithCanonicalMapping)
        let decomposed = data.localities(named: "Quảng Hòa".decomposedStringWithCanonicalMapping)
        #expect(!composed.isEmpty)
        #expect(composed.map(\.id) == decomposed.map(\.id))
    }

}

/// Values and files beyond what the loaders read (docs/limits.md).
@Suite struct LimitErrorTests {
    /// Values beyond what they can mean (docs/limits.md), each refused naming the file, the key and the
    /// limit: a multiplier that would take a cost ten thousand times, a norm in the wrong unit, a phase
    /// of a thousand years.
    @Test func valuesBeyondTheirLimitsAreRefused() throws {
        let costs = try DataFixture()
        try costs.edit("catalogs/cost-multipliers.yaml") { $0.replacingOccurrences(of: "factor: 1.2,", with: "factor: 10000,") }
        try costs.edit("catalogs/cost-norms.yaml") { $0.replacingOccurrences(of: "    base: 500\n", with: "    base: 99999999999\n") }
        let messages = costs.load().1.errors.map { "\($0.file): \($0.key ?? ""): \($0.message)" }
        #expect(messages.contains("catalogs/cost-multipliers.yaml: multipliers[0].factor: must be between 0.01 and 10, not “10000”"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("catalogs/cost-norms.yaml: norms[0].base: “99999999999” triệu đồng is beyond the largest amount") }, "\(messages)")

        let phases = try DataFixture()
        try phases.edit("catalogs/programs.yaml") { $0.replacingOccurrences(of: "{from: 2026, to: 2035}", with: "{from: 2026, to: 3035}") }
        let phaseErrors = phases.load().1.errors.map { "\($0.file): \($0.key ?? ""): \($0.message)" }
        #expect(phaseErrors.first == "catalogs/programs.yaml: phases[1].years: the years must be between 2000 and 2100, not 2026-3035", "\(phaseErrors)")
    }

    /// A folder or a named pipe where a data file is expected: named as what it is, and nothing blocks.
    @Test func aFolderOrAPipeWhereADataFileIsExpected() throws {
        let fixture = try DataFixture()
        let localities = fixture.root.appendingPathComponent("localities/localities.csv")
        try FileManager.default.removeItem(at: localities)
        #expect(mkfifo(localities.path, 0o600) == 0)
        let rules = fixture.root.appendingPathComponent("catalogs/budget-rules.yaml")
        try FileManager.default.removeItem(at: rules)
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: false)
        let (_, diagnostics) = fixture.load()
        let messages = diagnostics.errors.map(\.description)
        #expect(messages.contains("localities/localities.csv: error: is a named pipe (FIFO), not a file"), "\(messages)")
        #expect(messages.contains("catalogs/budget-rules.yaml: error: is a folder, not a file"), "\(messages)")
    }

    /// Norms near the largest amount, scaled by the largest factor: each cost still fits, but the
    /// scenario's costs add up beyond what can be counted, which is refused before any sum is formed.
    @Test func costsThatAddUpBeyondRangeAreRefused() throws {
        let fixture = try DataFixture()
        try fixture.edit("catalogs/cost-norms.yaml") { text in
            text.replacingOccurrences(of: #"(low|base|high): [0-9.]+"#, with: "$1: 9000000000", options: .regularExpression)
        }
        let (data, loaded) = fixture.load()
        #expect(!loaded.hasErrors, "\(loaded.errors)")
        let scenario = fixture.root.appendingPathComponent("scaled.yaml")
        let shipped = DataFixture.repositoryData.deletingLastPathComponent().appendingPathComponent("Scenarios/quang-hoa-2022-2025.yaml").path
        try "extends: \(shipped)\ncosts: {scale: {\"*\": 100}}\n".write(to: scenario, atomically: true, encoding: .utf8)
        var diagnostics = Diagnostics()
        #expect(CostScenario.load(url: scenario, data: data, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.errors.map(\.key) == ["costs"], "\(diagnostics.errors)")
        #expect(diagnostics.errors.first?.message.description.contains("add up beyond what can be counted") == true, "\(diagnostics.errors)")
    }
}
