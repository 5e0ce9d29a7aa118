import Foundation
import NTPData
import NTPDomain
import Testing

/// Scenario files: `extends`, overrides, envelope changes, and every error a user can make in them.
@Suite struct ScenarioFileTests {
    static let data = DataSet.load(root: DataFixture.repositoryData).0
    static let scenarios = DataFixture.repositoryData.deletingLastPathComponent().appendingPathComponent("Scenarios")

    /// A folder of scenario files written for one test; `parent.yaml` can extend the shipped ones.
    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-scenarios-\(UUID().uuidString)")

        init(_ files: [String: String]) throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    static let shipped = scenarios.appendingPathComponent("quang-hoa-2022-2025.yaml").path

    func load(_ path: String) -> (BudgetScenario?, CostScenario?, ScenarioOptions?, Diagnostics) {
        var diagnostics = Diagnostics()
        guard let resolved = ResolvedScenario.load(url: URL(fileURLWithPath: path), catalogs: Self.data.catalogs, diagnostics: &diagnostics) else {
            return (nil, nil, nil, diagnostics)
        }
        let budget = BudgetScenario.load(resolved, data: Self.data, diagnostics: &diagnostics)
        let costs = CostScenario.load(resolved, data: Self.data, diagnostics: &diagnostics)
        let options = costs.flatMap { ScenarioOptions.load(resolved, costs: $0, catalogs: Self.data.catalogs, diagnostics: &diagnostics) }
        return (budget, costs, options, diagnostics)
    }

    func amount(_ budget: BudgetScenario?, _ source: String) -> Money? { budget?.envelopes.first { $0.source == source }.map(\.amount) }

    @Test func aChildOverridesSomeValuesAndInheritsTheRest() throws {
        let folder = try Folder([
            "child.yaml": """
                extends: \(Self.shipped)
                name: "what-if"
                policy: {minimum_progress: 1}
                solver: {time_limit: 5}
                envelope_changes:
                  - {source: central_investment, percent: -20, reason: "central development investment −20 %"}
                """,
            "grandchild.yaml": """
                extends: child.yaml
                policy: {capacity: 2}
                envelope_changes:
                  - {program: NTM, source: local, amount: "1000"}
                  - {source: central, percent: "-50"}
                """,
        ])
        let (parentBudget, parentCosts, parentOptions, parentDiagnostics) = load(Self.shipped)
        #expect(!parentDiagnostics.hasErrors, "\(parentDiagnostics.all)")
        let (budget, costs, options, diagnostics) = load(folder.path("child.yaml"))
        #expect(!diagnostics.hasErrors, "\(diagnostics.all)")
        #expect(budget?.name == "what-if")
        // 70.285 triệu × 0,8 = 56.228 triệu exactly; the other envelopes are the parent's.
        #expect(amount(budget, "central_investment") == Money(dong: 56_228_000_000))
        #expect(budget?.envelopes.filter { $0.source != "central_investment" }.map(\.amount) == parentBudget?.envelopes.filter { $0.source != "central_investment" }.map(\.amount))
        #expect(costs?.communes.count == parentCosts?.communes.count)
        // Mappings merge key by key: the parent's capacity and kinds stay, the child's minimum progress is added.
        #expect(options?.capacity == 3 && parentOptions?.capacity == 3)
        #expect(options?.minimumProgress == 1 && options?.timeLimitSeconds == 5)
        #expect(options?.kinds?.kinds == [.construction, .recurrent])
        #expect(options?.horizon == 2022...2025)

        // Changes accumulate down the chain: −20 %, then −50 % of every central source (and those below it).
        let (grand, _, grandOptions, grandDiagnostics) = load(folder.path("grandchild.yaml"))
        #expect(!grandDiagnostics.hasErrors, "\(grandDiagnostics.all)")
        #expect(amount(grand, "central_investment") == Money(dong: 28_114_000_000))
        #expect(grand?.envelopes.first { $0.program == "NTM" && $0.source == "local" }?.amount == Money(dong: 1_000_000_000))
        #expect(grand?.envelopes.first { $0.program == "DTTS" && $0.source == "central" }?.amount == Money(dong: 146_843_500_000))
        #expect(grandOptions?.capacity == 2 && grandOptions?.minimumProgress == 1)
    }

    @Test func aValueIsReportedInTheFileItComesFrom() throws {
        let folder = try Folder([
            "parent.yaml": try String(contentsOfFile: Self.shipped, encoding: .utf8).replacingOccurrences(of: "capacity: 3", with: "capacity: 0"),
            "child.yaml": "extends: parent.yaml\nname: child\n",
        ])
        // The parent extends quang-hoa-2021-2025.yaml by a relative path: give it a copy.
        try FileManager.default.copyItem(at: Self.scenarios.appendingPathComponent("quang-hoa-2021-2025.yaml"), to: folder.url.appendingPathComponent("quang-hoa-2021-2025.yaml"))
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("plans"), withDestinationURL: Self.scenarios.appendingPathComponent("plans"))
        let (_, _, options, diagnostics) = load(folder.path("child.yaml"))
        #expect(options == nil)
        let error = try #require(diagnostics.errors.first)
        #expect(error.key == "policy.capacity")
        #expect(error.file.hasPrefix(folder.path("parent.yaml")) && error.file.contains("extended by"), "\(error)")
    }

    /// Every error a user makes: a clear message naming the file and the key, and no scenario.
    @Test(arguments: [
        ("typo", "extends: \(shipped)\npolcy: {capacity: 2}\n", "polcy", "unknown key; did you mean “policy”?"),
        ("nested typo", "extends: \(shipped)\nobjective: {kind: min-cost, cost_sorce: central}\n", "objective.cost_sorce", "did you mean “cost_source”?"),
        ("unknown commune", "extends: \(shipped)\npolicy: {targets: [\"cao-bang/quang-hoa/phuc-sn@2023\"]}\n", "policy.targets[0]", "did you mean “cao-bang/quang-hoa/phuc-sen”?"),
        ("unknown priority commune", "extends: \(shipped)\npolicy: {priority: {cao-bang/quang-hoa/nowhere: 2}}\n", "policy.priority.cao-bang/quang-hoa/nowhere", "neither border"),
        ("negative budget", "extends: \(shipped)\nenvelope_changes: [{source: local, amount: \"-5\"}]\n", "envelope_changes[0].amount", "negative"),
        ("below −100 %", "extends: \(shipped)\nenvelope_changes: [{source: local, percent: -120}]\n", "envelope_changes[0].percent", "must be between -100 and 1000 %, not “-120”"),
        ("matches nothing", "extends: \(shipped)\nenvelope_changes: [{source: credit, percent: 10}]\n", "envelope_changes[0]", "matches no envelope"),
        ("missing parent", "extends: nowhere.yaml\n", "extends", "does not exist"),
        ("cycle", "extends: self.yaml\n", "extends", "a cycle: self.yaml → self.yaml"),
        ("bad objective", "extends: \(shipped)\nobjective: {kind: cheapest}\n", "objective.kind", "must be criteria-years, min-cost or max-standard"),
        ("bad kind", "extends: \(shipped)\ncosts: {kinds: [construction, loans]}\n", "costs.kinds[1]", "is not a kind of money"),
    ])
    func anErrorNamesTheFileAndTheKey(name: String, text: String, key: String, message: String) throws {
        let folder = try Folder(["self.yaml": text])
        let (budget, _, options, diagnostics) = load(folder.path("self.yaml"))
        #expect(budget == nil || options == nil, "\(name) loaded")
        let error = try #require(diagnostics.errors.first { $0.key == key }, "\(name): \(diagnostics.all)")
        #expect(error.file.hasPrefix(folder.path("self.yaml")), "\(name): \(error)")
        #expect(error.message.description.contains(message), "\(name): \(error)")
    }

    /// A value beyond what it can mean (docs/limits.md) is refused naming the key, the value as written
    /// and the real limit; a number Foundation would read in part (`.nan` as 0, `1e308` not at all) is
    /// refused as not a number, never taken as 0 or left unapplied.
    @Test(arguments: [
        ("percent NaN", "envelope_changes: [{source: local, percent: .nan}]", "envelope_changes[0].percent", "“.nan” is not a number written in digits"),
        ("percent infinity", "envelope_changes: [{source: local, percent: .inf}]", "envelope_changes[0].percent", "“.inf” is not a number written in digits"),
        ("percent 1e308", "envelope_changes: [{source: local, percent: 1e308}]", "envelope_changes[0].percent", "“1e308” is not a number written in digits (such as 1.05 or -20); it must be between -100 and 1000 %"),
        ("percent beyond", "envelope_changes: [{source: local, percent: 1000000}]", "envelope_changes[0].percent", "must be between -100 and 1000 %, not “1000000”"),
        ("amount beyond", "envelope_changes: [{source: local, amount: \"99999999999\"}]", "envelope_changes[0].amount", "beyond the largest amount a file may state"),
        ("scale 1e9", "costs: {scale: {\"*\": 1000000000}}", "costs.scale.*", "must be between 0.001 and 100, not “1000000000”"),
        ("scale in part", "costs: {scale: {\"*\": 12abc}}", "costs.scale.*", "“12abc” is not a number written in digits"),
        ("horizon outside the phase", "horizon: 2000-2100", "horizon", "“2000-2100” must lie within the phase 2021-2025"),
        ("time limit 1e20", "solver: {time_limit: 1e20}", "solver.time_limit", "must be between 0.001 and 86400 seconds, not “1e20”"),
        ("time limit NaN", "solver: {time_limit: .nan}", "solver.time_limit", "“.nan” must be a number between 0.001 and 86400 seconds"),
        ("gap", "solver: {gap: 5}", "solver.gap", "must be between 0 and 1, not “5”"),
        ("capacity", "policy: {capacity: 1000}", "policy.capacity", "must be between 1 and 100, not “1000”"),
        ("capacity beyond Int", "policy: {capacity: 99999999999999999999}", "policy.capacity", "must be a whole number between 1 and 100"),
        ("priority weight", "policy: {priority: {border: 100000}}", "policy.priority.border", "must be between 1 and 1000, not “100000”"),
        ("target year", "policy: {targets: [\"cao-bang/quang-hoa/phuc-sen@2099\"]}", "policy.targets[0]", "the year 2099 is outside the phase 2021-2025"),
        ("coefficient", "baseline: {coefficients: {basis: test, other: 1e9}}", "baseline.coefficients.other", "“1e9” is not a number written in digits"),
    ])
    func aValueBeyondItsLimitIsRefused(name: String, change: String, key: String, message: String) throws {
        let folder = try Folder(["self.yaml": "extends: \(Self.shipped)\n\(change)\n"])
        let (budget, _, options, diagnostics) = load(folder.path("self.yaml"))
        #expect(budget == nil || options == nil, "\(name) loaded")
        let error = try #require(diagnostics.errors.first { $0.key == key }, "\(name): \(diagnostics.all)")
        #expect(error.file.hasPrefix(folder.path("self.yaml")), "\(name): \(error)")
        #expect(error.message.description.contains(message), "\(name): \(error)")
    }

    /// A folder or a named pipe where a scenario or a status table is expected is named as what it is
    /// (a pipe is never opened for reading, which would block).
    @Test func aFolderOrAPipeGivenAsAFileIsNamed() throws {
        let folder = try Folder(["s.yaml": "extends: \(Self.shipped)\nstatus: {document: null, file: status}\n"])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("status"), withIntermediateDirectories: false)
        #expect(mkfifo(folder.path("pipe.yaml"), 0o600) == 0)
        for (path, what) in [(folder.path("pipe.yaml"), "a named pipe (FIFO)"), (folder.url.path, "a folder")] {
            let (_, _, _, diagnostics) = load(path)
            #expect(diagnostics.errors.map(\.description) == ["\(path): error: is \(what), not a file"])
        }
        let (_, costs, _, diagnostics) = load(folder.path("s.yaml"))
        #expect(costs == nil)
        #expect(diagnostics.errors.contains { $0.file.hasSuffix("/status") && $0.message.description == "is a folder, not a file" }, "\(diagnostics.all)")
    }

    /// A few lines whose aliases expand to 10⁸ values ("billion laughs"): refused before anything walks
    /// them (ntp diff-scenarios walked every expanded value).
    @Test func aFileOfAliasesThatExpandsBeyondTheLimitIsRefused() throws {
        var lines = ["extends: \(Self.shipped)", "description:", "  - &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...8 { lines.append("  - &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let folder = try Folder(["laughs.yaml": lines.joined(separator: "\n") + "\n"])
        var diagnostics = Diagnostics()
        #expect(ResolvedScenario.load(url: URL(fileURLWithPath: folder.path("laughs.yaml")), catalogs: Self.data.catalogs, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.errors.map(\.message.description) == ["holds more than 200000 values once its aliases (*name) are expanded; write the values out (docs/limits.md)"])
    }

    /// A planned year outside the scenario's phase would stretch the horizon the optimizer plans (a
    /// 2099 completion, a 78-year model): refused with its line.
    @Test func aStatusYearOutsideThePhaseIsRefused() throws {
        let folder = try Folder([
            "status.csv": "locality,criterion,status,year,provenance\ncao-bang/quang-hoa/phuc-sen,2,planned,2099,test\n",
            "s.yaml": "extends: \(Self.shipped)\nstatus: {document: null, file: status.csv}\n",
        ])
        let (_, costs, _, diagnostics) = load(folder.path("s.yaml"))
        #expect(costs == nil)
        #expect(diagnostics.errors.map { "\($0.line ?? 0):\($0.key ?? ""): \($0.message)" } == ["2:year: 2099 is outside the scenario's phase (2021-2025)"])
    }

    @Test func aMissingScenarioFileIsNamed() {
        var diagnostics = Diagnostics()
        let resolved = ResolvedScenario.load(url: URL(fileURLWithPath: "/nonexistent/s.yaml"), catalogs: Self.data.catalogs, diagnostics: &diagnostics)
        #expect(resolved == nil)
        #expect(diagnostics.errors.map(\.description) == ["/nonexistent/s.yaml: error: is missing"])
    }

    /// A status table: met and planned criteria per commune, checked like every data file.
    @Test func aStatusFileGivesTheCommunesAndTheOfficialSchedule() throws {
        let folder = try Folder([
            "status.csv": """
                locality,criterion,status,year,provenance
                cao-bang/quang-hoa/phuc-sen,1,met,,test
                cao-bang/quang-hoa/phuc-sen,2,planned,2023,test
                Cai Bộ,1,met,,test
                """,
            "s.yaml": "extends: \(Self.shipped)\nstatus: {document: null, file: status.csv}\n",
            "bad.csv": "locality,criterion,status,year,provenance\ncao-bang/quang-hoa/phuc-sen,20,met,,test\nnowhere,1,met,,test\ncao-bang/quang-hoa/phuc-sen,3,done,,test\n",
            "bad.yaml": "extends: \(Self.shipped)\nstatus: {document: null, file: bad.csv}\n",
        ])
        let (_, costs, _, diagnostics) = load(folder.path("s.yaml"))
        #expect(!diagnostics.hasErrors, "\(diagnostics.all)")
        #expect(costs?.communes.map(\.locality.id) == ["cao-bang/quang-hoa/phuc-sen", "cao-bang/quang-hoa/cai-bo"])
        #expect(costs?.communes.first?.missing.count == 18 && costs?.communes.first?.plannedYear == ["2": 2023])
        let (_, badCosts, _, badDiagnostics) = load(folder.path("bad.yaml"))
        #expect(badCosts == nil)
        #expect(badDiagnostics.errors.map { "\($0.line ?? 0):\($0.key ?? "")" } == ["2:criterion", "3:locality", "4:status"], "\(badDiagnostics.all)")
    }
}
