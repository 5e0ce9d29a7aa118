import Foundation
import Testing

/// What a department must be able to trust: a plan file that travels and keeps its own inputs, `ntp`
/// run from any folder, what cannot be paid said before planning, totals that mean what they say.
@Suite struct TrustTests {
    let cli = CLITests()
    static let repository = CLITests.repository

    static func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-trust-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A plan of Quảng Hòa 2022-2025 made in the repository, written to `folder`.
    func plan(into folder: URL, name: String = "plan.json") throws -> URL {
        let out = folder.appendingPathComponent(name)
        let run = try cli.ntp(["plan", "Scenarios/quang-hoa-2022-2025.yaml", "--out", out.path])
        #expect(run.status == 0, "\(run.standardError)")
        return out
    }

    @Test func aPlanFileAloneIsComparedExportedAndExplainedAnywhere() throws {
        let made = try Self.temporaryFolder("made")
        let original = try plan(into: made)
        // Reports made where the plan was made, inside the project.
        let compareHere = try cli.ntp(["compare", original.path, original.path, "--format", "json"])
        let explainHere = try cli.ntp(["explain", original.path, "Bế Văn Đàn"])
        #expect(compareHere.status == 0 && explainHere.status == 0, "\(compareHere.standardError) \(explainHere.standardError)")

        // The file alone, in a folder with nothing else, away from the project and its Data.
        let elsewhere = try Self.temporaryFolder("elsewhere")
        let copy = elsewhere.appendingPathComponent("received.json")
        try FileManager.default.copyItem(at: original, to: copy)
        let compare = try cli.ntp(["compare", copy.path, copy.path, "--format", "json"], in: elsewhere)
        #expect(compare.status == 0, "\(compare.standardError)")
        let explain = try cli.ntp(["explain", copy.path, "Bế Văn Đàn"], in: elsewhere)
        #expect(explain.status == 0, "\(explain.standardError)")
        // The same figures as in the project (only the file's path differs).
        #expect(compare.standardOutput.replacingOccurrences(of: copy.path, with: original.path).replacingOccurrences(of: "received.json", with: "plan.json")
            == compareHere.standardOutput)
        #expect(explain.standardOutput.replacingOccurrences(of: copy.path, with: original.path) == explainHere.standardOutput)
        for format in ["xlsx", "csv", "json", "html"] {
            let out = elsewhere.appendingPathComponent("export.\(format)")
            let run = try cli.ntp(["export", copy.path, "--format", format, "--out", out.path], in: elsewhere)
            #expect(run.status == 0, "\(format): \(run.standardError)")
            #expect(FileManager.default.fileExists(atPath: out.path))
        }
    }

    @Test func aChangedScenarioIsReportedAndThePlanKeepsItsOwnInputs() throws {
        // A project of one's own: the scenario files copied, the data folder linked.
        let project = try Self.temporaryFolder("project")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Scenarios"), to: project.appendingPathComponent("Scenarios"))
        try FileManager.default.createSymbolicLink(at: project.appendingPathComponent("Data"), withDestinationURL: Self.repository.appendingPathComponent("Data"))
        let plan = project.appendingPathComponent("plan.json")
        let made = try cli.ntp(["plan", "Scenarios/quang-hoa-2022-2025.yaml", "--out", plan.path], in: project)
        #expect(made.status == 0, "\(made.standardError)")
        let before = try cli.ntp(["compare", plan.path, plan.path], in: project)
        #expect(before.status == 0 && !before.standardError.contains("thay đổi"), "\(before.standardError)")

        // Half the money of the scenario's parent: the plan is still compared with the money it was made with.
        let parent = project.appendingPathComponent("Scenarios/quang-hoa-2021-2025.yaml")
        let text = try String(contentsOf: parent, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "\"70285\"", with: "\"35142\"")
        #expect(changed != text)
        try Data(changed.utf8).write(to: parent)
        let after = try cli.ntp(["compare", plan.path, plan.path], in: project)
        #expect(after.status == 0)
        #expect(after.standardError.contains("Lưu ý: kịch bản Scenarios/quang-hoa-2022-2025.yaml đã thay đổi sau khi lập \(plan.path)"), "\(after.standardError)")
        #expect(after.standardOutput == before.standardOutput)
    }

    @Test func ntpFindsTheShippedDataFromAnyFolder() throws {
        // A scenario of one's own, outside the project: its money, and the shipped status document.
        let home = try Self.temporaryFolder("home")
        let scenario = home.appendingPathComponent("my-district.yaml")
        try Data("""
            name: "Quảng Hòa: kịch bản riêng"
            phase: "2021-2025"
            scope: cao-bang/quang-hoa
            criteria_set: qd318-2021-2025-commune
            money_unit: trieu
            envelopes:
              - {program: NTM, source: central_investment, years: 2021-2025, amount: "70285", provenance: "000_5b912bceceed0a91.txt#L112"}
              - {program: NTM, source: local, years: 2021-2025, amount: "11430", provenance: "000_5b912bceceed0a91.txt#L114"}
            status:
              document: quang-hoa-2021-2025

            """.utf8).write(to: scenario)
        let run = try cli.ntp(["plan", scenario.path, "--kinds", "construction,recurrent", "--capacity", "3", "--time-limit", "20"], in: home)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Tiêu chí-năm đạt thêm"))

        // Installed as scripts/setup installs it: PREFIX/bin/ntp beside PREFIX/share/ntp/Data.
        let prefix = try Self.temporaryFolder("prefix")
        let bin = prefix.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("share/ntp"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Bundle.main.bundleURL.appendingPathComponent("ntp"), to: bin.appendingPathComponent("ntp"))
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Data"), to: prefix.appendingPathComponent("share/ntp/Data"))
        let installed = try cli.ntp(["validate", "--lang", "en"], in: home, executable: bin.appendingPathComponent("ntp"))
        #expect(installed.status == 0, "\(installed.standardError)")
        #expect(installed.standardOutput.contains("0 errors"))
        // NTP_DATA names another data folder for every run.
        let missing = try cli.ntp(["budget", scenario.path, "--lang", "en"], in: home, environment: ["NTP_DATA": home.appendingPathComponent("nowhere").path])
        #expect(missing.status == 1 && missing.standardError.contains("nowhere: no such data folder"), "\(missing.standardError)")
    }

    @Test func whatCannotBePaidIsSaidBeforePlanningAndCapsTheStatus() throws {
        // Quảng Hòa 2021-2025 has no credit or community envelope: 107 of its 121 missing criteria have a
        // part no envelope may pay.
        let plan = try cli.ntp(["plan", "Scenarios/quang-hoa-2021-2025.yaml", "--time-limit", "20"])
        #expect(plan.status == 0, "\(plan.standardError)")
        let lines = plan.standardOutput.split(separator: "\n").map(String.init)
        let said = try #require(lines.firstIndex { $0.hasPrefix("Không thể chi trả: 107 trong 121 tiêu chí") })
        let status = try #require(lines.firstIndex { $0.hasPrefix("Trạng thái: ") })
        #expect(said < status)
        #expect(lines[status].hasPrefix("Trạng thái: tối ưu trong phạm vi các nguồn được chi"))
        #expect(plan.standardOutput.contains("Giới hạn: 107 trong 121 tiêu chí còn thiếu không nguồn nào được chi đủ; nhiều nhất 14 tiêu chí có thể đạt."))
        #expect(plan.standardOutput.contains("--kinds construction,recurrent"))
        #expect(plan.standardOutput.contains("Cộng      14 / 121"))
        let budget = try cli.ntp(["budget", "Scenarios/quang-hoa-2021-2025.yaml", "--lang", "en"])
        #expect(budget.standardOutput.contains("Cannot be paid: 107 of the 121 missing criteria cannot be met by any plan"))
        // With the budget kinds only, everything can be paid and the status is plainly optimal.
        let kinds = try cli.ntp(["plan", "Scenarios/quang-hoa-2021-2025.yaml", "--kinds", "construction,recurrent", "--time-limit", "20"])
        #expect(!kinds.standardOutput.contains("Không thể chi trả") && kinds.standardOutput.contains("Trạng thái: tối ưu, khoảng cách"))
    }

    @Test func theBalanceColumnHasNoTotalAndWhatIsLeftIsStated() throws {
        let run = try cli.ntp(["budget", "Scenarios/loc-binh-2024.yaml"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        // Envelopes 500.719, nothing used, 335.912 lapsed (credit cannot carry over): 164.807 left.
        let total = try #require(lines.first { $0.hasPrefix("Cộng ") })
        let cells = total.split(separator: " ").map(String.init)
        #expect(cells == ["Cộng", "500.719", "0", "0", "164.807", "335.912"])
        #expect(lines.contains("Còn lại cuối kỳ (dự toán − sử dụng − hủy dự toán): 164.807"))
    }
}
