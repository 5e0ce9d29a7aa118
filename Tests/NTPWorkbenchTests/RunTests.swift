import Foundation
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPStore
import Testing
@testable import NTPWorkbench

/// Runs in the background: the optimizer's plan stored with its inputs and equal to the library's,
/// baselines, the sweep as a chart, cancelling, the queue's limit and interrupted runs.
@Suite struct RunTests {
    @Test func anOptimizedPlanIsTheLibrarysPlanOfTheVersionStoredWithItsInputs() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        let planID: Int = try await withClient(workbench) { browser in
            let queued = try await browser.post("/scenarios/\(scenario.id!)/versions/1/run", [("kind", "plan"), ("time_limit", "60"), ("gap", "")])
            #expect(queued.status == .seeOther)
            let location = try #require(queued.location)
            let runID = try #require(Int(location.split(separator: "/").last!))
            let run = try await browser.finished(run: runID)
            #expect(run["state"] as? String == "done", "\(run)")
            let page = try await browser.get("/runs/\(runID)")
            #expect(page.text.contains("id=\"open-plan\""))
            // The run keeps the search's last word: its incumbent is the plan's objective.
            let progress = try #require(run["progress"] as? [String: Any])
            let planID = try #require(run["plan_id"] as? Int)
            let plan = try await browser.get("/api/plans/\(planID)").object()
            #expect(progress["incumbent"] as? Double == plan["objective_value"] as? Double)
            #expect(progress["relative_gap"] != nil)
            return planID
        }
        let record = try #require(try workbench.store.plan(Int64(planID)))
        let document = try PlanDocument.decode(record.document, path: "stored")
        #expect(record.versionID == version.id && record.dataDigest == workbench.inputs.dataDigest && record.generator == PlanDocument.generator)
        #expect(document.settings.scenario == "store/\(scenario.id!)/v1/quang-hoa-2022-2025.yaml")
        #expect(document.settings.timeLimit == 60)

        // The same plan from the library, on the shipped file (README: 376 criteria-years, 121 criteria).
        let loaded = try LoadedScenario(projectFolder.appendingPathComponent("Scenarios/quang-hoa-2022-2025.yaml").path, data: workbench.inputs.dataFolder)
        var overrides = PlanSettings.Overrides()
        overrides.timeLimit = 60
        let settings = try PlanSettings(loaded, overrides: overrides)
        let setup = try PlanSetup(settings, loaded: loaded)
        let result = try AllocationModel(setup.instance).solve(options: settings.solverOptions(), method: settings.method)
        #expect(document.criteria_years == result.criteriaYears(over: setup.instance.years))
        #expect(document.completions.count == result.completion.count)
        #expect(record.criteriaYears == document.criteria_years)
    }

    @Test func aBaselineAndASweepRunToTheEnd() async throws {
        let workbench = try makeWorkbench()
        let (_, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            let baseline = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "baseline", "method": "greedy"])
            #expect(baseline.status == .accepted)
            let done = try await browser.finished(run: try #require(try baseline.object()["id"] as? Int))
            #expect(done["state"] as? String == "done")
            let plan = try await browser.get("/api/plans/\(try #require(done["plan_id"] as? Int))").object()
            #expect(plan["method"] as? String == "greedy")

            let sweep = try await browser.send(
                "/api/runs", json: ["version_id": version.id!, "kind": "sweep", "sources": ["central"], "scale": "0.5:1:0.5", "time_limit": 120, "gap": 0.01])
            #expect(sweep.status == .accepted)
            let sweepID = try #require(try sweep.object()["id"] as? Int)
            let swept = try await browser.finished(run: sweepID)
            #expect(swept["state"] as? String == "done", "\(swept)")
            let points = try await browser.get("/api/runs/\(sweepID)/sweep").array()
            #expect(points.map { $0["scale"] as? Double } == [0.5, 1])
            let page = try await browser.get("/runs/\(sweepID)").text
            #expect(page.contains("id=\"chart-sweep-criteria-years\"") && page.contains("<svg role=\"img\""))
            // Every point has a plan, and the bars are labelled with the table's figures.
            for point in points {
                let criteriaYears = try #require(point["criteria_years"] as? Int, "\(point)")
                #expect(page.contains(">\(criteriaYears)<"))
            }
        }
    }

    /// How a run ended is kept as facts and worded in the language of the page or the request: the
    /// status word, the gap as that language writes it, the plans' terminations.
    @Test func aRunsOutcomeIsInTheLanguageAsked() async throws {
        let workbench = try makeWorkbench()
        let (_, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            let queued = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "plan", "time_limit": 60])
            let id = try #require(try queued.object()["id"] as? Int)
            let run = try await browser.finished(run: id)
            #expect(run["state"] as? String == "done", "\(run)")
            let vi = try #require(try await browser.get("/api/runs/\(id)?lang=vi").object()["message"] as? String)
            let en = try #require(try await browser.get("/api/runs/\(id)?lang=en").object()["message"] as? String)
            #expect(vi.hasPrefix("tối ưu, khoảng cách 0,00 %") || vi.hasPrefix("dừng khi"), "\(vi)")
            #expect(en.hasPrefix("optimal, gap 0.00 %") || en.hasPrefix("stopped with"), "\(en)")
            for word in ["optimal", "gap", "stopped", "time limit"] { #expect(!vi.contains(word), "\(vi)") }
            #expect(!en.contains { $0.isLetter && !$0.isASCII }, "\(en)")

            let page = try await browser.get("/runs/\(id)").text
            #expect(page.contains(vi), "the run page shows the Vietnamese outcome")
            #expect(!page.contains(">optimal") && !page.contains("optimal, gap"))
            let plans = try await browser.get("/plans").text
            #expect(!plans.contains(">optimal<") && !plans.contains(">gapLimit<"))

            let baseline = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "baseline", "method": "greedy"])
            let baselineID = try #require(try baseline.object()["id"] as? Int)
            _ = try await browser.finished(run: baselineID)
            #expect(try await browser.get("/api/runs/\(baselineID)?lang=vi").object()["message"] as? String == "cơ sở: rẻ nhất trước")
            #expect(try await browser.get("/api/runs/\(baselineID)?lang=en").object()["message"] as? String == "baseline: cheapest first")
        }
    }

    @Test func aRunTheLibraryCannotStartSaysWhyAndStoresNothing() async throws {
        let workbench = try makeWorkbench()
        let (_, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            let bad = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "sweep", "sources": ["central"], "scale": "2:1:0.5"])
            #expect(bad.status == .unprocessableContent)
            #expect((try bad.object()["fields"] as? [[String: Any]])?.first?["field"] as? String == "scale")
            let unknown = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "sweep", "sources": ["gold"], "scale": "1:1:1"])
            #expect(unknown.status == .unprocessableContent)
            let form = try await browser.post("/scenarios/\(version.scenarioID)/versions/1/run", [("kind", "plan"), ("time_limit", "-3")])
            #expect(form.status == .unprocessableContent && form.text.contains("-3: giới hạn thời gian là số giây lớn hơn 0"))
            // The page's language is the refusals' language: the sweep's scale and the API's fields too.
            let sweep = try await browser.post("/scenarios/\(version.scenarioID)/versions/1/run", [("kind", "sweep"), ("source", "central"), ("scale", "2:1:0.5")])
            #expect(sweep.status == .unprocessableContent && sweep.text.contains("2:1:0.5: hãy viết TỪ:ĐẾN:BƯỚC"), "\(sweep.text.matches(of: /<li>[^<]*</).map { String($0.output) })")
            #expect(!sweep.text.contains("write FROM"))
            let gap = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "plan", "gap": -1])
            #expect((try gap.object()["fields"] as? [[String: Any]])?.first?["message"] as? String == "phải từ 0 trở lên")
            _ = try await browser.get("/lang/en?back=/plans")
            let english = try await browser.post("/scenarios/\(version.scenarioID)/versions/1/run", [("kind", "plan"), ("time_limit", "-3")])
            #expect(english.text.contains("-3: the time limit is a number of seconds above 0"))
        }
        #expect(try workbench.store.runs().isEmpty)
    }

    /// Lạng Sơn's 181 communes searched directly: GLPK does not finish it soon, so a cancel must stop it.
    @Test(.timeLimit(.minutes(3))) func cancellingARunStopsItsSolver() async throws {
        let workbench = try makeWorkbench(runs: 1)
        let scenario = try #require(try workbench.store.shippedScenario(sourceName: "lang-son-2022.yaml"))
        let version = try workbench.store.versions(of: scenario.id!)[0]
        try await withClient(workbench) { browser in
            let queued = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "plan", "search": "direct", "time_limit": 3600])
            let id = try #require(try queued.object()["id"] as? Int)
            // A second run waits behind it: the queue holds one at a time.
            let waiting = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "plan", "time_limit": 3600])
            let waitingID = try #require(try waiting.object()["id"] as? Int)
            while try await browser.get("/api/runs/\(id)").object()["state"] as? String != "running" { try await Task.sleep(for: .milliseconds(50)) }
            #expect(try await browser.get("/api/runs/\(waitingID)").object()["state"] as? String == "queued")
            let cancelledQueued = try await browser.send("/api/runs/\(waitingID)/cancel", json: nil)
            #expect(try cancelledQueued.object()["state"] as? String == "cancelled")
            let cancel = try await browser.post("/runs/\(id)/cancel", [])
            #expect(cancel.status == .seeOther)
            let run = try await browser.finished(run: id)
            #expect(run["state"] as? String == "cancelled", "\(run)")
            // Said as what happened, not as the search's own reason to stop (a time limit).
            #expect(run["message"] as? String == "đã hủy; không lưu kế hoạch nào", "\(run)")
            #expect(run["plan_id"] == nil)
        }
        #expect(try workbench.store.planCount() == 0)
        #expect(try workbench.store.events().contains { $0.action == "run.cancel" && $0.subject == "run 1" })
    }

    /// The same for the search by commune (every size's default): cancelled, it stops between its steps
    /// and in every branch-and-cut it runs, well before its hour's limit (the test's limit catches that).
    /// On a busy machine the search (proven optimal in seconds) may end before the cancel arrives: the
    /// cancel is then refused, never accepted and followed by a stored plan.
    @Test(.timeLimit(.minutes(3))) func cancellingASearchByCommuneStopsIt() async throws {
        let workbench = try makeWorkbench(runs: 1)
        let scenario = try #require(try workbench.store.shippedScenario(sourceName: "lang-son-2022.yaml"))
        let version = try workbench.store.versions(of: scenario.id!)[0]
        try await withClient(workbench) { browser in
            let queued = try await browser.send(
                "/api/runs", json: ["version_id": version.id!, "kind": "plan", "search": "decomposition", "time_limit": 3600, "gap": 0])
            let id = try #require(try queued.object()["id"] as? Int)
            // Cancelled once the search has found a plan, or while it still looks for its first.
            while try await browser.get("/api/runs/\(id)").object()["state"] as? String == "queued" { try await Task.sleep(for: .milliseconds(50)) }
            let cancel = try await browser.send("/api/runs/\(id)/cancel", json: nil)
            let run = try await browser.finished(run: id)
            let plans = try workbench.store.planCount()
            if cancel.status == .conflict {
                #expect(cancel.text.contains("không thể hủy nữa"), "\(cancel.text)")
                #expect(run["state"] as? String == "done", "\(run)")
                #expect(plans == 1)
            } else {
                #expect(cancel.status == .ok, "\(cancel.text)")
                #expect(run["state"] as? String == "cancelled", "\(run)")
                #expect(run["plan_id"] == nil)
                #expect(plans == 0)
            }
        }
    }

    /// A run that has ended cannot be cancelled: the API refuses with 409, the page says so, and the
    /// run keeps its plan.
    @Test func anEndedRunIsNotCancelled() async throws {
        let workbench = try makeWorkbench(runs: 1)
        let (_, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            let queued = try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "baseline", "method": "official"])
            let id = try #require(try queued.object()["id"] as? Int)
            let done = try await browser.finished(run: id)
            #expect(done["state"] as? String == "done")
            let refused = try await browser.send("/api/runs/\(id)/cancel?lang=en", json: nil)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("the run has already ended; it can no longer be cancelled"), "\(refused.text)")
            let page = try await browser.post("/runs/\(id)/cancel", [])
            #expect(page.status == .seeOther)
            let location = try #require(page.location)
            #expect(try await browser.get(location).text.contains("lần chạy đã kết thúc; không thể hủy nữa"))
            // Only the two refusals the cancel route names show a notice; a hand-made value shows none.
            #expect(try await browser.get("/runs/\(id)?refused=finishing").text.contains("lần chạy đã có kết quả và đang lưu; kết quả được giữ lại, không thể hủy nữa"))
            #expect(try await !browser.get("/runs/\(id)?refused=other").text.contains("không thể hủy nữa"))
            #expect(try await browser.get("/api/runs/\(id)").object()["state"] as? String == "done")
        }
        #expect(try workbench.store.planCount() == 1)
        #expect(try !workbench.store.events().contains { $0.action == "run.cancel" })
    }

    /// Cancelling and keeping a result exclude each other: whichever comes first wins, and the other is
    /// refused, on many threads at once.
    @Test func aRunIsEitherCancelledOrKeepsItsResultNeverBoth() async {
        for _ in 0..<200 {
            let run = ActiveRun(id: 1)
            async let cancelled = Task.detached { run.cancel() }.value
            async let kept = Task.detached { run.keep() }.value
            let (c, k) = await (cancelled, kept)
            #expect(c != k)
            #expect(run.isCancelled == c)
        }
    }

    @Test func atMostTheLimitRunsAtOnceAndTheRestWait() async throws {
        let workbench = try makeWorkbench(runs: 1)
        let (_, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            var ids: [Int] = []
            for method in ["greedy", "official", "greedy", "official"] {
                ids.append(try #require(try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "baseline", "method": method]).object()["id"] as? Int))
            }
            var most = 0
            while true {
                let states = try await browser.get("/api/runs").array().compactMap { $0["state"] as? String }
                most = max(most, states.filter { $0 == "running" }.count)
                if states.allSatisfy({ $0 == "done" }) { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(most <= 1)
            #expect(ids.count == 4)
        }
        #expect(try workbench.store.planCount() == 4)
    }

    @Test func runsAServerLeftUnfinishedShowAsInterrupted() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-wb-\(UUID().uuidString)/store.sqlite").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try makeWorkbench(store: try PlanStore(path: path))
        let (_, version) = try defaultScenario(first.store)
        // As a killed server leaves them: one running, one queued.
        let running = try first.store.queueRun(kind: .plan, version: version.id!, request: "{}", actor: "local")
        _ = try first.store.startNextRun()
        let queued = try first.store.queueRun(kind: .plan, version: version.id!, request: "{}", actor: "local")

        let restarted = try makeWorkbench(store: try PlanStore(path: path))
        #expect(try restarted.store.run(running.id!)?.state == .interrupted)
        #expect(try restarted.store.run(queued.id!)?.state == .interrupted)
        try await withClient(restarted) { browser in
            let page = try await browser.get("/runs/\(running.id!)").text
            #expect(page.contains("bị ngắt") && page.contains("máy chủ dừng trong khi đang chạy"))
            #expect(page.contains("Chạy lại"))
        }
        // Nothing was imported twice.
        #expect(try restarted.store.scenarios().count == (try first.store.scenarios().count))
    }
}
