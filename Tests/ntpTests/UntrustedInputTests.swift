import Foundation
import NTPFiles
import Testing

/// The cases of issue #21, run as a user (or a hostile one) runs them: every input is refused with a
/// message naming the file or option, the value and the limit, never a trap, never silently accepted,
/// and no special file is ever replaced.
@Suite struct UntrustedInputTests {
    let cli = CLITests()
    static let fixtures = CLITests.repository.appendingPathComponent("Tests/ntpTests/Fixtures")
    static let scenario = "Scenarios/quang-hoa-2022-2025.yaml"

    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-untrusted-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A copy of a plan (the greedy fixture, a version 2 plan, unless `from` says) with its first line
    /// changed by `change`.
    func tamperedPlan(_ change: (inout [String: Any]) -> Void, from: String? = nil) throws -> String {
        let data = try Data(contentsOf: from.map { URL(fileURLWithPath: $0) } ?? Self.fixtures.appendingPathComponent("quang-hoa-greedy.json"))
        var plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var lines = try #require(plan["lines"] as? [[String: Any]])
        change(&lines[0])
        plan["lines"] = lines
        let path = (try folder() as NSString).appendingPathComponent("tampered.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: path))
        return path
    }

    // MARK: - Crashes

    /// A plan line whose source is the empty string, and an amount near ±2⁶³: every command that reads
    /// a plan refuses it naming the file, the line's field and the value (exit 1), never a trap.
    @Test(arguments: ["empty source", "amount near 2^63", "amount near -2^63"])
    func aTamperedPlanLineTrapsNoCommand(_ tampering: String) throws {
        let plan = try tamperedPlan { line in
            switch tampering {
            case "empty source": line["source"] = ""
            case "amount near 2^63": line["amount_dong"] = Int64.max - 1
            default: line["amount_dong"] = Int64.min + 1
            }
        }
        let out = try folder()
        let expected = tampering == "empty source" ? "lines[0].source: “” is not one of the plan's sources"
            : tampering == "amount near 2^63" ? "lines[0].amount_dong: \(Int64.max - 1) dong is more than the largest amount"
            : "lines[0].amount_dong: \(Int64.min + 1) dong is negative"
        for command in [["explain", plan, "Bế Văn Đàn"], ["export", plan, "--format", "csv", "--out", "\(out)/csv"],
                        ["compare", Self.fixtures.appendingPathComponent("quang-hoa-greedy.json").path, plan]] {
            let run = try cli.ntp(command + ["--lang", "en"])
            #expect(!run.signalled && run.status == 1, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("\(plan): error: \(expected)"), "\(command): \(run.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "nothing written")
    }

    @Test func aCostScaleOfABillionIsRefusedNotATrap() throws {
        let path = (try folder() as NSString).appendingPathComponent("scaled.yaml")
        try "extends: \(CLITests.repository.path)/\(Self.scenario)\ncosts: {scale: {\"*\": 1000000000}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try cli.ntp("costs", path, "--lang", "en")
        #expect(!run.signalled && run.status == 1)
        #expect(run.standardError.contains("costs.scale.*: must be between 0.001 and 100, not “1000000000”"), "\(run.standardError)")
    }

    @Test(arguments: ["1e20", "86400000", "nan", "inf", "0"])
    func aTimeLimitBeyondADayIsRefusedNamingTheRealLimit(_ value: String) throws {
        for command in [["plan", Self.scenario], ["sweep", Self.scenario, "--source", "central", "--scale", "1:1:1"]] {
            let run = try cli.ntp(command + ["--time-limit", value, "--lang", "en"])
            #expect(!run.signalled && run.status == 64, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("--time-limit must be between 0.001 and 86400 seconds"), "\(command): \(run.standardError)")
        }
        let solve = try cli.ntp(["solve", "Data/examples/allocation-example.lp", "--time-limit", value])
        #expect(!solve.signalled && solve.status == 64, "\(solve.standardError)")
        #expect(solve.standardError.contains("--time-limit phải từ 0.001 đến 86400 giây"), "\(solve.standardError)")
    }

    // MARK: - Silent acceptance

    @Test(arguments: [".nan", ".inf", "1e308"])
    func aPercentThatIsNoNumberIsRefused(_ percent: String) throws {
        let path = (try folder() as NSString).appendingPathComponent("change.yaml")
        try "extends: \(CLITests.repository.path)/\(Self.scenario)\nenvelope_changes: [{source: central_investment, percent: \(percent)}]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try cli.ntp("budget", path, "--lang", "en")
        #expect(run.status == 1, "\(run.standardOutput)")
        #expect(run.standardError.contains("\(path): error: envelope_changes[0].percent: “\(percent)” is not a number written in digits"), "\(run.standardError)")
    }

    /// A tampered plan (a negative amount, an unknown source, a line in 1900, a commune of another
    /// province) is refused by export and compare naming the field and the value, not exported or
    /// compared without a word; so is a version 3 plan, checked against the inputs it carries.
    @Test(arguments: ["negative amount", "unknown source", "year 1900", "commune of another province"])
    func aTamperedPlanIsRefused(_ tampering: String) throws {
        let expected: String, vietnamese: String
        let change: (inout [String: Any]) -> Void
        switch tampering {
        case "negative amount":
            change = { $0["amount_dong"] = -5 }
            expected = "lines[0].amount_dong: -5 dong is negative"
            vietnamese = "lines[0].amount_dong: -5 đồng là số âm"
        case "unknown source":
            change = { $0["source"] = "lottery" }
            expected = "lines[0].source: “lottery” is not one of the plan's sources"
            vietnamese = "lines[0].source: “lottery” không phải một nguồn vốn của kế hoạch"
        case "year 1900":
            change = { $0["year"] = 1900 }
            expected = "lines[0].year: 1900 is outside the plan's years (2022-2025)"
            vietnamese = "lines[0].year: 1900 nằm ngoài các năm của kế hoạch (2022-2025)"
        default:
            change = { $0["locality"] = "lang-son/loc-binh/tam-thanh" }
            expected = "lines[0].locality: “lang-son/loc-binh/tam-thanh” is not one of the plan's communes"
            vietnamese = "lines[0].locality: “lang-son/loc-binh/tam-thanh” không phải một xã của kế hoạch"
        }
        let out = try folder()
        let made = try cli.ntp("baseline", Self.scenario, "--method", "greedy", "--out", "\(out)/v3.json")
        #expect(made.status == 0, "\(made.standardError)")
        for plan in [try tamperedPlan(change), try tamperedPlan(change, from: "\(out)/v3.json")] {
            for command in [["export", plan, "--format", "json", "--out", "\(out)/export.json"], ["compare", plan, plan]] {
                let run = try cli.ntp(command + ["--lang", "en"])
                #expect(run.status == 1, "\(command): \(run.standardOutput)")
                #expect(run.standardError.contains("\(plan): error: \(expected)"), "\(command): \(run.standardError)")
            }
            // Vietnamese, the default, throughout: the problem as well as the line around it.
            let run = try cli.ntp("compare", plan, plan)
            #expect(run.status == 1 && run.standardError.contains("\(plan): lỗi: \(vietnamese)"), "\(run.standardError)")
        }
        #expect(FileKind.of("\(out)/export.json") == nil)
    }

    @Test func aHorizonOutsideTheScenariosPhaseIsRefused() throws {
        let run = try cli.ntp("plan", Self.scenario, "--horizon", "2000-2100", "--lang", "en")
        #expect(run.status == 64)
        #expect(run.standardError.contains("--horizon 2000-2100 must lie within the phase 2021-2025"), "\(run.standardError)")
        let far = try cli.ntp("baseline", Self.scenario, "--method", "greedy", "--horizon", "1900-2200", "--lang", "en")
        #expect(far.status == 64 && far.standardError.contains("--horizon 1900-2200: the years must be between 2000 and 2100"), "\(far.standardError)")
    }

    // MARK: - Special files

    /// A named pipe, a symbolic link, a device and a folder given as `--out`: refused before any work,
    /// and each is left as it was (as root a rename would have replaced /dev/null itself).
    @Test func specialFilesAreNeverReplaced() throws {
        let folder = try folder()
        let target = "\(folder)/target.txt", link = "\(folder)/link.md", pipe = "\(folder)/pipe.md"
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(mkfifo(pipe, 0o600) == 0)
        let greedy = Self.fixtures.appendingPathComponent("quang-hoa-greedy.json").path
        for (out, what) in [(pipe, "is a named pipe (FIFO), not a file"), (link, "is a symbolic link"), ("/dev/null", "is a device, not a file"), (folder, "is a folder, not a file")] {
            for command in [["compare", greedy, greedy, "--out", out], ["export", greedy, "--format", "html", "--out", out],
                            ["baseline", Self.scenario, "--method", "greedy", "--out", out], ["calibrate", Self.scenario, "--out", out]] {
                let run = try cli.ntp(command + ["--lang", "en"])
                #expect(run.status == 1, "\(command)")
                #expect(run.standardError.contains("\(out) \(what)"), "\(command): \(run.standardError)")
            }
        }
        // The workbook commands: a template over a special file even with --force, an import into one.
        for (out, what) in [(pipe, "is a named pipe (FIFO), not a file"), (link, "is a symbolic link"), ("/dev/null", "is a device, not a file")] {
            let template = try cli.ntp("template", "--out", out, "--force", "--lang", "en")
            #expect(template.status == 1 && template.standardError.contains("\(out) \(what)"), "\(template.standardError)")
        }
        let vi = try cli.ntp("template", "--out", pipe, "--force")
        #expect(vi.status == 1 && vi.standardError.hasPrefix("Lỗi: ") && vi.standardError.contains(pipe) && !vi.standardError.contains("named pipe"), "\(vi.standardError)")
        for (out, what) in [(pipe, "is a named pipe (FIFO), not a folder"), (link, "is a symbolic link, not a folder"), ("/dev/null", "is a device, not a folder")] {
            let imported = try cli.ntp("import", "\(folder)/target.txt", "--out", out, "--lang", "en")
            #expect(imported.status == 1 && imported.standardError.contains("\(out) \(what)"), "\(imported.standardError)")
        }
        #expect(FileKind.of("/dev/null") == .device && FileKind.of(pipe) == .fifo && FileKind.of(link) == .symbolicLink)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link.md", "pipe.md", "target.txt"])
    }

    // MARK: - Messages

    /// Damaged plan files are told as what they are, naming the field and the value, with exit status
    /// 1 (an error in a file, not in the options): never the decoder's internals.
    @Test(arguments: ["truncated", "year 2022.5", "amount as text", "no lines"])
    func aDamagedPlanIsToldAsSuch(_ damage: String) throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("quang-hoa-greedy.json"), encoding: .utf8)
        let damaged: String, expected: String
        switch damage {
        case "truncated":
            damaged = String(text.prefix(text.count / 2))
            expected = "not valid JSON (in the decoder's own words: "
        case "year 2022.5":
            damaged = try replacingFirst(#""year" : 2022"#, with: #""year" : 2022.5"#, in: text, after: #""lines""#)
            expected = "the plan file is damaged: lines[0].year: 2022.5 is not a whole number within range"
        case "amount as text":
            damaged = try replacingFirst(#""amount_dong" : 1040000000"#, with: #""amount_dong" : "1.040.000.000""#, in: text, after: #""lines""#)
            expected = "the plan file is damaged: lines[0].amount_dong: “1.040.000.000” is not a whole number"
        default:
            damaged = try replacingFirst(#""lines""#, with: #""lignes""#, in: text, after: "")
            expected = "the plan file is damaged: lines: missing"
        }
        let path = (try folder() as NSString).appendingPathComponent("damaged.json")
        try damaged.write(toFile: path, atomically: true, encoding: .utf8)
        for command in [["explain", path, "Bế Văn Đàn"], ["export", path, "--format", "json", "--out", "\(try folder())/out.json"], ["compare", path, path]] {
            let run = try cli.ntp(command + ["--lang", "en"])
            #expect(run.status == 1, "\(command)")
            #expect(run.standardError.contains("\(path): \(expected)"), "\(command): \(run.standardError)")
            #expect(!run.standardError.contains("DecodingError") && !run.standardError.contains("CodingKeys") && !run.standardError.contains("Usage:"))
        }
    }

    func replacingFirst(_ old: String, with new: String, in text: String, after marker: String) throws -> String {
        let start = marker.isEmpty ? text.startIndex : try #require(text.range(of: marker)).upperBound
        let range = try #require(text.range(of: old, range: start..<text.endIndex))
        return text.replacingCharacters(in: range, with: new)
    }

    @Test func anUnwritableOutNamesTheFolderNotAnNSError() throws {
        let greedy = Self.fixtures.appendingPathComponent("quang-hoa-greedy.json").path
        let run = try cli.ntp("compare", greedy, greedy, "--out", "/nonexistent-\(UUID().uuidString)/report.md", "--lang", "en")
        #expect(run.status == 1)
        #expect(run.standardError.contains("report.md: the folder /nonexistent-"), "\(run.standardError)")
        #expect(!run.standardError.contains("NSCocoaErrorDomain") && !run.standardError.contains("Usage:"))
    }

    /// A folder or a named pipe given where a file is read: named as what it is (a pipe with no writer
    /// would block a plain read forever).
    @Test func aFolderOrAPipeGivenAsAnInputIsNamed() throws {
        let folder = try folder()
        let pipe = "\(folder)/model.mps"
        #expect(mkfifo(pipe, 0o600) == 0)
        let model = try cli.ntp("solve", pipe, "--lang", "en")
        #expect(model.status == 1 && model.standardError.contains("\(pipe) is a named pipe (FIFO), not a file"), "\(model.standardError)")
        let vi = try cli.ntp("explain", pipe, "Bế Văn Đàn")
        #expect(vi.status == 1 && vi.standardError.contains("\(pipe) là một đường ống có tên (FIFO), không phải tệp"), "\(vi.standardError)")
        let workbook = try cli.ntp("import", pipe, "--out", "\(folder)/scenario", "--lang", "en")
        #expect(workbook.status == 1 && workbook.standardError.contains("model.mps: error: cannot open the file: it is a named pipe (FIFO), not a file"), "\(workbook.standardError)")
        let plan = try cli.ntp("explain", pipe, "Bế Văn Đàn", "--lang", "en")
        #expect(plan.status == 1 && plan.standardError.contains("\(pipe) is a named pipe (FIFO), not a file"), "\(plan.standardError)")
        let scenario = try cli.ntp("budget", folder, "--lang", "en")
        #expect(scenario.status == 1 && scenario.standardError.contains("\(folder): error: is a folder, not a file"), "\(scenario.standardError)")
    }

    /// A named pipe left in a data folder (not a file any loader reads): the data folder's digest,
    /// which every plan records, skips it instead of waiting for a writer for ever.
    @Test func aPipeInTheDataFolderBlocksNothing() throws {
        let data = (try folder() as NSString).appendingPathComponent("Data")
        try FileManager.default.copyItem(atPath: CLITests.repository.appendingPathComponent("Data").path, toPath: data)
        #expect(mkfifo("\(data)/notes.pipe", 0o600) == 0)
        let run = try cli.ntp("baseline", Self.scenario, "--data", data, "--method", "greedy")
        #expect(run.status == 0, "\(run.standardError)")
    }

    /// An MPS file saved with Windows line ends reads as the same model, maximisation included.
    @Test func anMPSFileWithWindowsLineEndsIsSolved() throws {
        let folder = try folder()
        let model = "\(folder)/model.mps"
        let written = try cli.ntp("plan", Self.scenario, "--kinds", "construction,recurrent", "--time-limit", "5", "--write-mps", model)
        #expect(written.status == 0, "\(written.standardError)")
        let text = try String(contentsOfFile: model, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: "\(folder)/windows.mps", atomically: true, encoding: .utf8)
        let plain = try cli.ntp("solve", model, "--lang", "en"), windows = try cli.ntp("solve", "\(folder)/windows.mps", "--lang", "en")
        #expect(windows.status == 0, "\(windows.standardError)")
        let objective = { (run: CLITests.Run) in run.standardOutput.split(separator: "\n").first { $0.hasPrefix("Objective") } }
        #expect(objective(windows) != nil && objective(windows) == objective(plain))
        #expect(windows.standardOutput.contains("maximize"))
    }
}
