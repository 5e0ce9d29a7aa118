import Foundation
import Testing

/// `ntp template` and `ntp import` as a user runs them: the Excel way in, from a template to a plan,
/// and the errors that exit non-zero and write nothing.
@Suite struct WorkbookCommandTests {
    let cli = CLITests()

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-workbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theHelpDescribesEveryOption() throws {
        let template = try cli.ntp("template", "--help").standardOutput
        for option in ["--out", "--phase", "--criteria-set", "--years", "--unit", "--scope", "--rows", "--from", "--force", "--lang", "--data"] {
            #expect(template.contains(option), "template \(option)")
        }
        let importing = try cli.ntp("import", "--help").standardOutput
        for option in ["--out", "--scope", "--criteria-set", "--phase", "--unit", "--name", "--data", "WORKBOOK.xlsx:Sheet!C7: error"] {
            #expect(importing.contains(option), "import \(option)")
        }
        #expect(try cli.ntp("--help").standardOutput.contains("template"))
    }

    /// A template filled from a scenario, imported and planned: the same plan as the scenario's.
    @Test func templateImportAndPlanGiveTheScenariosPlan() throws {
        let folder = try temporaryFolder()
        let book = folder.appendingPathComponent("quang-hoa.xlsx").path
        let made = try cli.ntp("template", "--from", "Scenarios/quang-hoa-2022-2025.yaml", "--out", book)
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("Đã ghi \(book)"))
        let again = try cli.ntp("template", "--out", book, "--lang", "en")
        #expect(again.status != 0 && again.standardError.contains("exists (perhaps a filled-in template)"))

        let out = folder.appendingPathComponent("scenario").path
        let imported = try cli.ntp("import", book, "--out", out, "--lang", "en")
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("16 communes (0 new), 183 criteria met, 121 planned; 6 envelopes, 461,506 million VND; 0 warnings"))
        let plan = try cli.ntp("plan", "\(out)/scenario.yaml")
        #expect(plan.status == 0, "\(plan.standardError)")
        #expect(plan.standardOutput.contains("Tiêu chí-năm đạt thêm: 376"))
    }

    /// Every problem is listed as WORKBOOK.xlsx:Sheet!Cell: error: …, the exit status is 1, and the
    /// folder is not written.
    @Test func aWorkbookWithErrorsWritesNothing() throws {
        let folder = try temporaryFolder()
        let text = folder.appendingPathComponent("not-a-workbook.xlsx")
        try Data("TT,Xã\n1,Phúc Sen\n".utf8).write(to: text)
        let out = folder.appendingPathComponent("scenario").path
        let run = try cli.ntp("import", text.path, "--out", out, "--lang", "en")
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("not-a-workbook.xlsx: error: "), "\(run.standardError)")
        #expect(run.standardError.contains("1 error; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["not-a-workbook.xlsx"])

        // A blank template: no commune listed.
        let blank = folder.appendingPathComponent("blank.xlsx").path
        #expect(try cli.ntp("template", "--out", blank, "--rows", "2").status == 0)
        let empty = try cli.ntp("import", blank, "--out", out, "--lang", "en")
        #expect(empty.status == 1)
        #expect(empty.standardError.contains("blank.xlsx:Biểu tiêu chí: error: the criteria status lists no commune"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// In Vietnamese (the default) the same refusals are wholly Vietnamese: the severity `lỗi`, the
    /// reader's and the import's messages, and the closing count.
    @Test func aBrokenWorkbookIsReportedInVietnamese() throws {
        let folder = try temporaryFolder()
        let text = folder.appendingPathComponent("not-a-workbook.xlsx")
        try Data("TT,Xã\n1,Phúc Sen\n".utf8).write(to: text)
        let out = folder.appendingPathComponent("scenario").path
        let run = try cli.ntp("import", text.path, "--out", out)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("not-a-workbook.xlsx: lỗi: đây là tệp văn bản"), "\(run.standardError)")
        #expect(run.standardError.contains("hãy mở bằng Excel và lưu thành Excel Workbook (.xlsx)"), "\(run.standardError)")
        #expect(run.standardError.contains("1 lỗi; không ghi gì"), "\(run.standardError)")
        #expect(!run.standardError.contains("error"), "\(run.standardError)")

        let blank = folder.appendingPathComponent("blank.xlsx").path
        #expect(try cli.ntp("template", "--out", blank, "--rows", "2").status == 0)
        let empty = try cli.ntp("import", blank, "--out", out)
        #expect(empty.status == 1)
        #expect(empty.standardError.contains("blank.xlsx:Biểu tiêu chí: lỗi: bảng hiện trạng tiêu chí không có xã nào"), "\(empty.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
