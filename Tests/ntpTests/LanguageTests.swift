import Foundation
import Testing

/// Vietnamese output is wholly Vietnamese: the main commands on a shipped scenario, run in the
/// catalogue's strict mode (a message without Vietnamese stops ntp), show none of the English status
/// words, messages or internal codes that used to leak into them.
@Suite struct LanguageTests {
    let cli = CLITests()
    static let scenario = "Scenarios/quang-hoa-2022-2025.yaml"

    /// English words and codes a Vietnamese reader must not meet.
    static let english = [
        "optimal", "infeasible", "time limit", "gapLimit", "timeLimit", "stopped with", "optimizer", "greedy",
        "error:", "warning:", "note:", "Error:", "Wrote", "Total", "Envelope", "Carried", "Lapsed", "Summary",
        "Criteria", "Commune", "criterion", "unknown key", "did you mean", "central_recurrent", "central_investment",
        "community_enterprise", "communityEnterprise", "plan_2021_2025", "Level", "Years",
    ]

    func expectVietnamese(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in Self.english where text.contains(word) {
            Issue.record("\(what) shows “\(word)”:\n\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func theMainCommandsSpeakVietnamese() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-vi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.json").path

        let planned = try cli.ntp(["plan", Self.scenario, "--time-limit", "30", "--out", plan])
        #expect(planned.status == 0, "\(planned.standardError)")
        expectVietnamese(planned.standardOutput, "ntp plan")

        let budget = try cli.ntp(["budget", Self.scenario])
        #expect(budget.status == 0, "\(budget.standardError)")
        expectVietnamese(budget.standardOutput + budget.standardError, "ntp budget")

        let explain = try cli.ntp(["explain", plan, "Phúc Sen"])
        #expect(explain.status == 0, "\(explain.standardError)")
        #expect(explain.standardOutput.contains("Xã Phúc Sen"))
        expectVietnamese(explain.standardOutput, "ntp explain")
        for word in ["spent", "marginal value", "criteria-years", ", local,", ", central,"] {
            #expect(!explain.standardOutput.contains(word), "ntp explain shows “\(word)”")
        }
        #expect(explain.standardOutput.contains("Ngân sách trung ương"), "ntp explain names the envelopes' sources")

        let html = folder.appendingPathComponent("plan.html")
        let export = try cli.ntp(["export", plan, "--format", "html", "--out", html.path])
        #expect(export.status == 0, "\(export.standardError)")
        expectVietnamese(export.standardOutput, "ntp export")
        let page = try String(contentsOf: html, encoding: .utf8)
        let body = page.replacing(/<style>[\s\S]*?<\/style>/, with: "").replacing(/<script[\s\S]*?<\/script>/, with: "")
            .replacing(/<[^>]+>/, with: " ")
        expectVietnamese(body, "the HTML report")
    }

    /// Errors follow --lang: Vietnamese by default, wholly English with --lang en.
    @Test func errorsAreInTheCommandsLanguage() throws {
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-vi-\(UUID().uuidString).yaml")
        try "extends: \(CLITests.repository.path)/\(Self.scenario)\nname: x\nenvelopse: []\n".write(to: scenario, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scenario) }

        let vi = try cli.ntp(["budget", scenario.path])
        #expect(vi.status == 1)
        #expect(vi.standardError.contains(": lỗi: envelopse: khóa không hợp lệ; có phải là “envelopes”?"), "\(vi.standardError)")
        expectVietnamese(vi.standardError, "a scenario error")

        let en = try cli.ntp(["budget", scenario.path, "--lang", "en"])
        #expect(en.status == 1)
        #expect(en.standardError.contains(": error: envelopse: unknown key; did you mean “envelopes”?"), "\(en.standardError)")

        let missing = try cli.ntp(["explain", "no-such-plan.json", "Phúc Sen"])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("Lỗi: no-such-plan.json: không có tệp này"), "\(missing.standardError)")
    }

    /// A value beyond its limit, on the command line or in a scenario, is refused in the command's
    /// language.
    @Test func limitsAreInTheCommandsLanguage() throws {
        let vi = try cli.ntp(["plan", Self.scenario, "--capacity", "0"])
        #expect(vi.status == 64)
        #expect(vi.standardError.contains("--capacity phải từ 1 đến 100, không phải 0"), "\(vi.standardError)")
        let en = try cli.ntp(["plan", Self.scenario, "--capacity", "0", "--lang", "en"])
        #expect(en.standardError.contains("--capacity must be between 1 and 100, not 0"), "\(en.standardError)")
        // ArgumentParser's own ending of a refused option ("Error:", "Usage:") only in English.
        #expect(vi.standardError == "Lỗi: --capacity phải từ 1 đến 100, không phải 0\nXem 'ntp plan --help' để biết thêm.\n", "\(vi.standardError)")
        #expect(en.standardError.hasPrefix("Error: --capacity") && en.standardError.contains("Usage: ntp plan"), "\(en.standardError)")

        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-vi-\(UUID().uuidString).yaml")
        try "extends: \(CLITests.repository.path)/\(Self.scenario)\nname: x\nsolver:\n  time_limit: 1e20\n".write(to: scenario, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scenario) }
        let file = try cli.ntp(["plan", scenario.path])
        #expect(file.status == 1)
        #expect(file.standardError.contains("phải từ 0.001 đến 86400 giây, không phải “1e20”"), "\(file.standardError)")
        for output in [vi.standardError, file.standardError] {
            for word in ["must", "between", "seconds", " not "] { #expect(!output.contains(word), "\(output)") }
        }
    }

    /// ArgumentParser's own refusals of a command line (it gives no typed error) are recognised and
    /// worded in Vietnamese; in English ArgumentParser writes them, usage included.
    @Test func parseErrorsAreInTheCommandsLanguage() throws {
        let cases: [([String], String)] = [
            (["validate", "--nope"], "Lỗi: Không có tùy chọn '--nope'\n"),
            (["plan"], "Lỗi: Thiếu đối số '<scenario>'\n"),
            (["validate", "Data", "extra"], "Lỗi: Đối số không mong đợi 'extra'\n"),
            (["plan", Self.scenario, "--capacity"], "Lỗi: Thiếu giá trị cho '--capacity <capacity>'\n"),
            (["plan", Self.scenario, "--method", "fast"], "Lỗi: Giá trị 'fast' không hợp lệ cho '--method <method>'; hãy cho một trong "),
        ]
        for (arguments, start) in cases {
            let vi = try cli.ntp(arguments)
            #expect(vi.status == 64, "\(arguments): \(vi.standardError)")
            #expect(vi.standardError.hasPrefix(start), "\(arguments): \(vi.standardError)")
            for word in ["Unknown", "Missing", "Unexpected", "invalid", "Please", "provide", "Usage"] {
                #expect(!vi.standardError.contains(word), "\(arguments): \(vi.standardError)")
            }
        }
        let en = try cli.ntp(["validate", "--nope", "--lang", "en"])
        #expect(en.standardError.hasPrefix("Error: Unknown option '--nope'") && en.standardError.contains("Usage: ntp validate"), "\(en.standardError)")
    }

    /// `ntp solve`, the GLPK-level tool, reports, shows progress and refuses in the language asked.
    @Test func solveSpeaksTheLanguageAsked() throws {
        let vi = try cli.ntp(["solve", "Data/examples/allocation-example.lp", "--values"])
        #expect(vi.status == 0, "\(vi.standardError)")
        #expect(vi.standardOutput.contains("Tình trạng       tối ưu\n"), "\(vi.standardOutput)")
        #expect(vi.standardOutput.contains("tối ưu") && vi.standardOutput.contains("28 hàng, 36 cột (12 nhị phân, 0 nguyên, 24 liên tục)"), "\(vi.standardOutput)")
        for word in ["Status", "optimal", "Objective", "rows", "columns", "binary", "Column values", "minimize", "maximize"] {
            #expect(!vi.standardOutput.contains(word), "ntp solve shows “\(word)”: \(vi.standardOutput)")
        }
        #expect(!vi.standardError.contains("incumbent") && !vi.standardError.contains("nodes"), "\(vi.standardError)")

        let en = try cli.ntp(["solve", "Data/examples/allocation-example.lp", "--lang", "en"])
        #expect(en.standardOutput.contains("Status      optimal\n"), "\(en.standardOutput)")
        #expect(!en.standardOutput.contains { $0.isLetter && !$0.isASCII }, "\(en.standardOutput)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-vi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.lp").path
        try "Maximize\n obj: 3 x +\nSubject To\nEnd\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let error = try cli.ntp(["solve", broken])
        #expect(error.status == 1 && error.standardError.hasPrefix("Lỗi: không đọc được \(broken): "), "\(error.standardError)")
        let missing = try cli.ntp(["solve", folder.appendingPathComponent("none.lp").path])
        #expect(missing.status == 1 && missing.standardError.contains("none.lp: không có tệp này"), "\(missing.standardError)")
    }

    @Test func validateSpeaksVietnamese() throws {
        let run = try cli.ntp(["validate"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("bộ tiêu chí"))
        for word in ["warning:", "error:", "documents", "stated figures", "the document states"] {
            #expect(!run.standardOutput.contains(word), "ntp validate shows “\(word)”")
        }
    }

    /// `ntp serve` says why it refuses to start in the language asked, its own checks and the
    /// workbench's alike.
    @Test func serveSpeaksTheLanguageAsked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-serve-lang-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store.sqlite").path
        let vietnamese = try cli.ntp("serve", "--host", "0.0.0.0", "--port", "0", "--store", store)
        #expect(vietnamese.status == 1)
        #expect(vietnamese.standardError.contains("Lỗi: --host 0.0.0.0 phục vụ các máy khác, nên cần tài khoản"), "\(vietnamese.standardError)")
        expectVietnamese(vietnamese.standardError, "ntp serve without accounts")
        let english = try cli.ntp("serve", "--host", "0.0.0.0", "--port", "0", "--store", store, "--lang", "en")
        #expect(english.status == 1)
        #expect(english.standardError.contains("Error: --host 0.0.0.0 serves other machines, which needs accounts"), "\(english.standardError)")
        let port = try cli.ntp("serve", "--port", "70000", "--store", store)
        #expect(port.status != 0)
        #expect(port.standardError.contains("--port phải từ 0 đến 65535"), "\(port.standardError)")
        expectVietnamese(port.standardError, "ntp serve --port 70000")
    }
}
