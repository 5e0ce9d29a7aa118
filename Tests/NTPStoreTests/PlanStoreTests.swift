import Foundation
import GRDB
import NTPData
@testable import NTPStore
import Testing

/// The plan store: migrations, versions and stale edits, runs from queued to finished in one transaction,
/// users and sessions.
@Suite struct PlanStoreTests {
    static func content(_ text: String = "name: a\n", extra: [String: String] = [:]) -> ScenarioBundle {
        ScenarioBundle(name: "a.yaml", scenario: text, files: extra)
    }

    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ntp-store-\(UUID().uuidString)/plans.sqlite").path
    }

    @Test func aNewFileIsMigratedOnceAndKeepsWhatWasStored() throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try PlanStore(path: path)
        let migrations = try store.appliedMigrations()
        #expect(!migrations.isEmpty)
        let (scenario, _) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "first", actor: "tester")

        let reopened = try PlanStore(path: path)
        #expect(try reopened.appliedMigrations() == migrations)
        #expect(try reopened.scenarios().map(\.scenario.id) == [scenario.id])
        #expect(try reopened.bundle(of: reopened.scenarios()[0].latest.id!) == Self.content())
    }

    @Test func aBundleComesBackAsStoredAndEqualBundlesAreStoredOnce() throws {
        let store = try PlanStore()
        let first = Self.content("name: a\nstatus: {file: status-file.csv}\n", extra: ["status-file.csv": "locality,criterion\n"])
        let (scenario, v1) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: first, note: "", actor: "tester")
        let second = Self.content("name: a\npolicy: {capacity: 2}\n")
        let v2 = try store.addVersion(scenario: scenario.id!, basedOn: 1, bundle: second, edit: "extends: a.yaml\npolicy: {capacity: 2}\n", note: "capacity 2", actor: "tester")
        let v3 = try store.addVersion(scenario: scenario.id!, basedOn: 2, parent: v1.id, bundle: first, note: "back", actor: "tester")

        #expect(try store.bundle(of: v1.id!) == first)
        #expect(try store.bundle(of: v2.id!) == second)
        #expect(v2.parentID == v1.id && v2.number == 2 && v2.digest == second.digest && v2.fileName == "a.yaml" && v2.edit?.hasPrefix("extends") == true)
        #expect(v3.parentID == v1.id && v3.digest == v1.digest)
        #expect(try store.blobCount() == 2)
    }

    @Test func anEditFromAnOlderVersionIsRefusedAndNothingIsStored() throws {
        let store = try PlanStore()
        let (scenario, _) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "first")
        let edit = Self.content("name: b\n")
        try store.addVersion(scenario: scenario.id!, basedOn: 1, bundle: edit, note: "one", actor: "first")
        let refusal = #expect(throws: StoreError.self) { try store.addVersion(scenario: scenario.id!, basedOn: 1, bundle: edit, note: "two", actor: "second") }
        guard case .staleEdit(let basedOn, let latest)? = refusal else {
            Issue.record("expected a stale edit, got \(String(describing: refusal))")
            return
        }
        #expect(basedOn == 1 && latest.number == 2 && latest.madeBy == "first")
        #expect(try store.versions(of: scenario.id!).map(\.number) == [2, 1])
    }

    static func newPlan(version: Int64, label: String = "p") -> PlanStore.NewPlan {
        PlanStore.NewPlan(
            version: version, method: "optimizer", label: label, scenarioName: "A", dataDigest: "d", settings: "{}", generator: "ntp test",
            termination: "optimal", criteriaYears: 3, objectiveValue: 3, document: Data("{}".utf8), actor: "tester")
    }

    /// A list of plans is read from the plan lists' indices alone, never from the rows holding the plan
    /// files (which a list would read page by page): SQLite's own plan for each query says so.
    @Test func aListOfPlansReadsNoPlanFile() throws {
        let store = try PlanStore(path: Self.temporaryFile())
        defer { try? FileManager.default.removeItem(atPath: (store.path! as NSString).deletingLastPathComponent) }
        let (scenario, version) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "tester")
        for index in 0..<30 {
            var plan = Self.newPlan(version: version.id!, label: "p\(index)")
            plan.document = Data(repeating: UInt8(ascii: " "), count: 20_000)
            try store.addPlan(plan)
        }
        let queries: [(sql: String, arguments: StatementArguments)] = [
            (PlanStore.planSummarySQL + " ORDER BY p.id DESC LIMIT ? OFFSET ?", [50, 10]),
            (PlanStore.planSummarySQL + " WHERE v.scenario_id = ? ORDER BY p.id DESC LIMIT ? OFFSET ?", [scenario.id!, 50, 0]),
        ]
        for query in queries {
            let steps = try store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql, arguments: query.arguments).map { $0["detail"] as String }
            }
            let planSteps = steps.filter { $0.contains(" p ") || $0.hasSuffix(" p") }
            #expect(!planSteps.isEmpty && planSteps.allSatisfy { $0.contains("COVERING INDEX plan_list") }, "\(steps)")
        }
        #expect(try store.plans(limit: 50, offset: 10).map(\.label) == (0..<20).reversed().map { "p\($0)" })
        #expect(try store.plans(scenario: scenario.id!, limit: 5).map(\.label) == ["p29", "p28", "p27", "p26", "p25"])
    }

    /// A plan's origin is read without its file: its columns come before the file in the row.
    @Test func aPlansOriginIsReadWithoutItsFile() throws {
        let store = try PlanStore()
        let (_, version) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "tester")
        let plan = try store.addPlan(Self.newPlan(version: version.id!, label: "p"))
        #expect(try store.planOrigin(plan.id!) == PlanStore.PlanOrigin(dataDigest: plan.dataDigest, generator: plan.generator, runID: plan.runID))
        #expect(try store.planOrigin(plan.id! + 1) == nil)
        let columns = try store.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(plan)").map { $0["name"] as String } }
        let file = try #require(columns.firstIndex(of: "document"))
        for column in ["data_digest", "generator", "run_id"] { #expect(try #require(columns.firstIndex(of: column)) < file, "\(column): \(columns)") }
    }

    @Test func aRunGoesFromQueuedToDoneWithItsPlanInOneStep() throws {
        let store = try PlanStore()
        let (_, version) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "tester")
        let run = try store.queueRun(kind: .plan, version: version.id!, request: "{}", actor: "tester")
        #expect(run.state == .queued)
        let started = try #require(try store.startNextRun())
        #expect(started.id == run.id && started.state == .running && started.startedAt != nil)
        #expect(try store.startNextRun() == nil)
        try store.setProgress(run: run.id!, progress: "{\"elapsed\":1}")
        let (done, plan) = try store.finishRun(run.id!, state: .done, message: "optimal", plan: Self.newPlan(version: version.id!))
        #expect(done.state == .done && done.planID == plan?.id && plan?.runID == run.id)
        #expect(try store.run(run.id!)?.progress == "{\"elapsed\":1}")
        #expect(try store.plans().map(\.id) == [plan?.id])
    }

    @Test func aPlanThatCannotBeStoredLeavesTheRunRunning() throws {
        let store = try PlanStore()
        let (_, version) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "tester")
        let run = try store.queueRun(kind: .plan, version: version.id!, request: "{}", actor: "tester")
        _ = try store.startNextRun()
        #expect(throws: StoreError.self) { try store.finishRun(run.id!, state: .done, message: nil, plan: Self.newPlan(version: 999)) }
        #expect(try store.run(run.id!)?.state == .running)
        #expect(try store.planCount() == 0)
    }

    @Test func cancellingAQueuedRunEndsItAndItsWorkerCannotRevive() throws {
        let store = try PlanStore()
        let (_, version) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "tester")
        let run = try store.queueRun(kind: .plan, version: version.id!, request: "{}", actor: "tester")
        #expect(try store.cancelQueuedRun(run.id!, actor: "tester").state == .cancelled)
        #expect(try store.startNextRun() == nil)
        #expect(try store.finishRun(run.id!, state: .done, message: nil).run.state == .cancelled)
    }

    @Test func runsLeftQueuedOrRunningAreInterruptedOnRestart() throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var ids: [Int64] = []
        do {
            let store = try PlanStore(path: path)
            let (_, version) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "tester")
            for _ in 0..<3 { ids.append(try store.queueRun(kind: .plan, version: version.id!, request: "{}", actor: "tester").id!) }
            _ = try store.startNextRun()
            try store.finishRun(ids[0], state: .done, message: nil)
            _ = try store.startNextRun()
        }
        let restarted = try PlanStore(path: path)
        #expect(try restarted.interruptUnfinishedRuns() == 2)
        #expect(try ids.map { try restarted.run($0)?.state } == [.done, .interrupted, .interrupted])
        #expect(try restarted.run(ids[1])?.message == "the server stopped while it ran")
        #expect(try restarted.run(ids[2])?.message == "the server stopped before it ran")
    }

    @Test func userNamesAreUniqueWhateverTheirCase() throws {
        let store = try PlanStore()
        try store.addUser(name: "Lan", passwordHash: "x", role: .admin, actor: "setup")
        #expect(throws: StoreError.duplicateUser("lan")) { try store.addUser(name: "lan", passwordHash: "y", role: .viewer, actor: "setup") }
        #expect(try store.user(named: "LAN")?.role == .admin)
        #expect(Role.viewer < .planner && Role.planner < .admin)
    }

    @Test func anExpiredSessionIsNoSession() throws {
        let store = try PlanStore()
        let now = Date()
        let user = try store.addUser(name: "Lan", passwordHash: "x", role: .viewer, actor: "setup")
        try store.addSession(SessionRecord(tokenDigest: "t", userID: user.id!, madeAt: now, expiresAt: now.addingTimeInterval(60)))
        #expect(try store.session(tokenDigest: "t", at: now)?.userID == user.id)
        #expect(try store.session(tokenDigest: "t", at: now.addingTimeInterval(61)) == nil)
        #expect(try store.removeExpiredSessions(at: now.addingTimeInterval(61)) == 1)
    }

    @Test func everyChangeIsRecordedWithWhoMadeIt() throws {
        let store = try PlanStore()
        let (scenario, version) = try store.addScenario(name: "A", origin: .upload, sourceName: nil, bundle: Self.content(), note: "", actor: "lan")
        try store.addVersion(scenario: scenario.id!, basedOn: 1, bundle: Self.content("name: b\n"), note: "b", actor: "minh")
        try store.addPlan(Self.newPlan(version: version.id!))
        let events = try store.events()
        #expect(events.map(\.action) == ["plan.add", "version.add", "scenario.add"])
        #expect(events.map(\.actor) == ["tester", "minh", "lan"])
    }
}
