import Foundation
import Testing

/// The scenario commands as a user runs them: baselines, diff-scenarios, sweep, and the errors that
/// must exit non-zero and write nothing.
@Suite struct ScenarioCommandTests {
    let cli = CLITests()

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-scenario-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func eachBaselineIsAPlanFileTheComparisonReads() throws {
        let folder = try temporaryFolder()
        var files: [String] = []
        for method in ["official", "formula", "greedy"] {
            let out = folder.appendingPathComponent("\(method).json").path
            let run = try cli.ntp("baseline", "Scenarios/quang-hoa-2022-2025.yaml", "--method", method, "--out", out)
            #expect(run.status == 0, "\(method): \(run.standardError)")
            let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
            #expect(plan["method"] as? String == method)
            #expect(plan["format"] as? String == "ntp-plan" && plan["version"] as? Int == 3)
            // Greedy and formula keep the scenario's capacity of 3 criteria per commune a year.
            if method != "official" {
                let completions = plan["completions"] as! [[String: Any]]
                let perCommuneYear = Dictionary(grouping: completions) { "\($0["commune"]!)|\($0["year"]!)" }
                #expect(perCommuneYear.values.allSatisfy { $0.count <= 3 }, "\(method)")
                #expect(plan["objective_value"] is Double, "\(method): the scenario's objective values it")
            }
            files.append(out)
        }
        let compared = try cli.ntp(["compare"] + files + ["--format", "json"])
        #expect(compared.status == 0, "\(compared.standardError)")
    }

    @Test func diffScenariosShowsTheChangedEnvelope() throws {
        let run = try cli.ntp("diff-scenarios", "Scenarios/quang-hoa-2022-2025.yaml", "Scenarios/quang-hoa-2022-2025-central-investment-minus-20.yaml", "--format", "json")
        #expect(run.status == 3)
        let document = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as! [String: Any]
        let differences = document["differences"] as! [[String: Any]]
        let amount = differences.first { ($0["key"] as? String) == "envelopes[program=NTM,source=central_investment,years=2021-2025].amount" }
        #expect(amount?["first"] as? String == "70285" && amount?["second"] as? String == "56228")
        let same = try cli.ntp("diff-scenarios", "Scenarios/quang-hoa-2022-2025.yaml", "Scenarios/quang-hoa-2022-2025.yaml")
        #expect(same.status == 0)
    }

    @Test func aSweepPointAtScaleOneIsThePlan() throws {
        let run = try cli.ntp("sweep", "Scenarios/quang-hoa-2022-2025.yaml", "--source", "central", "--scale", "1:1:1", "--format", "csv")
        #expect(run.status == 0, "\(run.standardError)")
        let rows = run.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first?.prefix(5) == ["scale", "money_dong", "criteria_years", "criteria_met", "communes_at_standard"])
        #expect(rows.count == 2 && rows[1][2] == "376" && rows[1][3] == "121" && rows[1][4] == "16", "\(rows)")
        let bad = try cli.ntp("sweep", "Scenarios/quang-hoa-2022-2025.yaml", "--source", "central", "--scale", "1.5:0.5:0.1", "--lang", "en")
        #expect(bad.status != 0 && bad.standardError.contains("1.5:0.5:0.1: write FROM:TO:STEP"), "\(bad.standardError)")
    }

    /// A typo'd key, an unknown commune, a negative budget, a missing file, a cycle: a message naming the
    /// file and key, a non-zero exit, and no plan file.
    @Test(arguments: [
        ("polcy: {capacity: 2}\n", "polcy: unknown key; did you mean “policy”?"),
        ("policy: {targets: [\"cao-bang/quang-hoa/phuc-sn@2023\"]}\n", "policy.targets[0]: cao-bang/quang-hoa/phuc-sn@2023: unknown commune"),
        ("envelope_changes: [{source: local, amount: \"-5\"}]\n", "envelope_changes[0].amount"),
        ("extends: me.yaml\n", "a cycle: me.yaml → me.yaml"),
        ("extends: nowhere.yaml\n", "“nowhere.yaml” does not exist"),
    ])
    func aBadScenarioWritesNothing(text: String, message: String) throws {
        let folder = try temporaryFolder()
        let scenario = folder.appendingPathComponent("me.yaml")
        let parent = CLITests.repository.appendingPathComponent("Scenarios/quang-hoa-2022-2025.yaml").path
        let body = text.hasPrefix("extends:") ? text : "extends: \(parent)\n" + text
        try body.write(to: scenario, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("plan.json")
        for command in [["plan", scenario.path, "--out", out.path, "--lang", "en"], ["baseline", scenario.path, "--method", "greedy", "--out", out.path, "--lang", "en"]] {
            let run = try cli.ntp(command)
            #expect(run.status == 1, "\(command): \(run.standardError)")
            #expect(run.standardError.contains(scenario.path) && run.standardError.contains(message), "\(run.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        let missing = try cli.ntp("plan", folder.appendingPathComponent("absent.yaml").path, "--out", out.path, "--lang", "en")
        #expect(missing.status == 1 && missing.standardError.contains("absent.yaml: error: is missing"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

/// `ntp generate` as a user runs it: the province it writes is read unchanged by validate, plan and
/// baseline; the same arguments give the same bytes; bad arguments are refused and nothing is written.
@Suite struct GenerateCommandTests {
    let cli = CLITests()

    func folder() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("ntp-generate-\(UUID().uuidString)").path }

    func contents(of folder: String) throws -> [String: Data] {
        let root = URL(fileURLWithPath: folder)
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result[path] = try Data(contentsOf: root.appendingPathComponent(path)) }
        }
        return result
    }

    @Test func theGeneratedProvinceIsReadByValidatePlanAndBaseline() throws {
        let out = folder()
        let run = try cli.ntp("generate", "--communes", "6", "--years", "3", "--seed", "5", "--out", out, "--lang", "en")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("6 communes, 2023-2025"))
        let validated = try cli.ntp("validate", "\(out)/data", "--lang", "en")
        #expect(validated.status == 0, "\(validated.standardOutput)")
        #expect(validated.standardOutput.contains("0 errors"))
        let plan = "\(out)/plan.json"
        let planned = try cli.ntp("plan", "\(out)/scenario.yaml", "--data", "\(out)/data", "--time-limit", "20", "--out", plan, "--timings")
        #expect(planned.status == 0, "\(planned.standardError)")
        #expect(planned.standardError.contains("ntp-timings load="))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plan))) as! [String: Any]
        #expect((document["criteria_years"] as? Int ?? 0) > 0)
        for method in ["official", "formula", "greedy"] {
            let baseline = try cli.ntp("baseline", "\(out)/scenario.yaml", "--data", "\(out)/data", "--method", method, "--out", "\(out)/\(method).json")
            #expect(baseline.status == 0, "\(method): \(baseline.standardError)")
        }
    }

    @Test func theSameArgumentsGiveByteIdenticalFiles() throws {
        let a = folder(), b = folder(), c = folder()
        for (out, seed) in [(a, "9"), (b, "9"), (c, "10")] {
            let run = try cli.ntp("generate", "--communes", "8", "--seed", seed, "--out", out)
            #expect(run.status == 0, "\(run.standardError)")
        }
        let first = try contents(of: a), second = try contents(of: b), third = try contents(of: c)
        #expect(!first.isEmpty && first == second)
        #expect(first["scenario.yaml"] != third["scenario.yaml"] && first["status.csv"] != third["status.csv"])
    }

    @Test func badArgumentsAreRefusedWithAClearMessageAndNothingIsWritten() throws {
        for (arguments, message) in [
            (["--communes", "0"], "--communes must be at least 1"),
            (["--communes", "5", "--years", "0"], "--years must be at least 1"),
            (["--communes", "5", "--years", "12"], "--years must be at most 10"),
            (["--communes", "5", "--capacity", "0"], "--capacity must be at least 1"),
            (["--communes", "5", "--seed", "-3"], "seed"),
        ] {
            let out = folder()
            let run = try cli.ntp(["generate"] + arguments + ["--out", out, "--lang", "en"])
            #expect(run.status != 0, "\(arguments)")
            #expect(run.standardError.contains(message), "\(arguments): \(run.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(arguments)")
        }
        // An existing folder that is not empty is refused without --force and left as it was.
        let out = folder()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(out)/keep.txt"))
        let refused = try cli.ntp("generate", "--communes", "3", "--out", out, "--lang", "en")
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("is not empty; give --force"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["keep.txt"])
        let forced = try cli.ntp("generate", "--communes", "3", "--out", out, "--force")
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/scenario.yaml"))
    }
}
