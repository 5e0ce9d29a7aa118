import Foundation
import Hummingbird
import NTPPlanning
import NTPReports
import NTPStore
import NTPText

/// A run as the run page and `/api/runs/{id}` show it.
struct RunView: Sendable, Encodable {
    /// The figures as the page writes them, in the request's language.
    struct Shown: Sendable, Encodable {
        let state, incumbent, bound, gap, elapsed, point, message: String
    }

    let id: Int64
    let kind: RunKind
    let state: RunState
    /// Asked to stop; the solver stops at its next callback.
    let cancelling: Bool
    let scenarioID: Int64
    let versionID: Int64
    let versionNumber: Int
    let request: RunRequest?
    let progress: RunProgress?
    let message: String?
    let planID: Int64?
    let madeBy: String
    let queuedAt: Date
    let startedAt: Date?
    let finishedAt: Date?
    let shown: Shown

    enum CodingKeys: String, CodingKey {
        case id, kind, state, cancelling, scenarioID = "scenario_id", versionID = "version_id", versionNumber = "version_number", request, progress, message
        case planID = "plan_id", madeBy = "made_by", queuedAt = "queued_at", startedAt = "started_at", finishedAt = "finished_at", shown
    }
}

extension Workbench {
    func runView(_ run: RunRecord, lang: Language) throws -> RunView {
        guard let version = try store.version(run.versionID) else { throw Failure.notFound }
        let live = runs.live(run.id!)
        let progress = live?.progress ?? run.progress.flatMap { try? JSONDecoder().decode(RunProgress.self, from: Data($0.utf8)) }
        let cancelling = live?.isCancelled ?? false
        func number(_ value: Double?, _ decimals: Int) -> String { value.map { lang.format(Decimal($0), decimals: decimals) } ?? "–" }
        // How it ended, in the page's (or the request's) language.
        let message = run.message.map { inputs.hidingFolders(RunOutcome.text($0, lang)) }
        var state = Texts.text("state.\(run.state.rawValue)", lang)
        if cancelling && !run.state.isFinished { state = Texts.text("cancelling", lang) }
        let shown = RunView.Shown(
            state: state, incumbent: number(progress?.incumbent, 1), bound: number(progress?.bound, 1),
            gap: progress?.gap.map { lang.format(Decimal($0 * 100), decimals: 2) + "%" } ?? "–",
            elapsed: progress.map { lang.format(Decimal($0.elapsed), decimals: 1) + " s" } ?? "–",
            point: progress?.points.map { "\(progress?.point ?? 0) / \($0)" } ?? "–", message: message ?? "")
        return RunView(
            id: run.id!, kind: run.kind, state: run.state, cancelling: cancelling, scenarioID: version.scenarioID, versionID: version.id!,
            versionNumber: version.number, request: try? JSONDecoder().decode(RunRequest.self, from: Data(run.request.utf8)), progress: progress,
            message: message, planID: run.planID, madeBy: run.madeBy, queuedAt: run.queuedAt, startedAt: run.startedAt,
            finishedAt: run.finishedAt, shown: shown)
    }

    func runRecord(_ id: Int64) throws -> RunRecord {
        guard let run = try store.run(id) else { throw Failure.notFound }
        return run
    }

    /// The list of runs and a run's live page; cancelling.
    func addRunRoutes(_ router: Router<WorkbenchContext>) {
        router.get("/runs") { request, context in
            let lang = context.lang
            let page = max(0, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 0)
            let records = try self.store.runs(limit: 51, offset: page * 50)
            var names: [Int64: String] = [:]
            let rows = try records.prefix(50).map { run -> [String: Any] in
                let view = try self.runView(run, lang: lang)
                if names[view.scenarioID] == nil { names[view.scenarioID] = try self.store.scenario(view.scenarioID)?.name ?? "" }
                return [
                    "id": run.id!, "kind": Texts.text("kind.\(run.kind.rawValue)", lang), "scenario": "\(names[view.scenarioID]!) · v\(view.versionNumber)",
                    "state": view.shown.state, "stateCode": run.state.rawValue, "message": view.shown.message, "madeBy": run.madeBy,
                    "queuedAt": Views.date(run.queuedAt, lang),
                ]
            }
            var model: [String: Any] = ["runs": rows, "hasRuns": !rows.isEmpty, "concurrent": self.runs.limit]
            if page > 0 { model["newer"] = page - 1 }
            if records.count > 50 { model["older"] = page + 1 }
            return self.views.page("runs", title: Texts.text("runs", lang), model: model, context: context, request: request, nav: "runs")
        }
        router.get("/runs/{id}") { request, context in
            let lang = context.lang
            let run = try self.runRecord(try context.parameters.require("id", as: Int64.self))
            let view = try self.runView(run, lang: lang)
            let scenario = try self.scenarioRecord(view.scenarioID)
            var model: [String: Any] = [
                "id": run.id!, "kind": Texts.text("kind.\(run.kind.rawValue)", lang), "kindCode": run.kind.rawValue, "stateCode": run.state.rawValue,
                "state": view.shown.state, "scenarioID": view.scenarioID, "scenarioName": scenario.name, "number": view.versionNumber, "madeBy": run.madeBy,
                "incumbent": view.shown.incumbent, "bound": view.shown.bound, "gap": view.shown.gap, "elapsed": view.shown.elapsed, "point": view.shown.point,
                "message": view.shown.message, "isSweep": run.kind == .sweep, "active": !run.state.isFinished, "planID": run.planID as Any,
                "rerun": [.failed, .cancelled, .interrupted].contains(run.state),
            ]
            if run.kind == .sweep, let result = run.result, let rows = try? JSONDecoder().decode([SweepRun.Row].self, from: Data(result.utf8)) {
                let report = SweepReport(rows: rows, lang: lang)
                model["sweep"] = ["figures": report.figures, "section": Views.section(report.section)]
            }
            return self.views.page(
                "run", title: Texts.text("runTitle", lang) + " #\(run.id!)", model: model, context: context, request: request, nav: "runs",
                flash: request.uri.queryParameters["refused"].flatMap { CancelRefusal(rawValue: String($0)) }.map { $0.error(run: run.id!).failure.message(lang) },
                script: !run.state.isFinished)
        }
        router.post("/runs/{id}/cancel") { request, context in
            try context.require(.planner)
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try self.runRecord(id)
            do throws(RunCancelError) {
                _ = try self.runs.cancel(id, actor: context.actor)
            } catch .finishing {
                return Response.redirect(to: "/runs/\(id)?refused=\(CancelRefusal.finishing.rawValue)", type: .normal)
            } catch .ended {
                return Response.redirect(to: "/runs/\(id)?refused=\(CancelRefusal.ended.rawValue)", type: .normal)
            }
            return Response.redirect(to: "/runs/\(id)", type: .normal)
        }
    }
}

/// A refused cancel, named in the address of the run page it returns to (`?refused=`); any other value
/// of that parameter shows no notice.
enum CancelRefusal: String {
    case finishing, ended

    func error(run: Int64) -> RunCancelError {
        switch self {
        case .finishing: .finishing(run)
        case .ended: .ended(run)
        }
    }
}
