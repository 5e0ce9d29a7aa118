import Foundation
import Hummingbird
import NTPReports
import NTPStore
import NTPText

extension Workbench {
    /// The plans: the list, a plan's report, the explanation by commune, and the comparison.
    func addPlanRoutes(_ router: Router<WorkbenchContext>) {
        router.get("/plans") { request, context in
            let lang = context.lang
            let page = max(0, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 0)
            let summaries = try self.store.plans(limit: 51, offset: page * 50)
            let rows = summaries.prefix(50).map { plan -> [String: Any] in
                [
                    "id": plan.id, "name": Self.planName(id: plan.id, method: plan.method, lang: lang), "scenarioID": plan.scenarioID,
                    "versionNumber": plan.versionNumber, "scenarioName": plan.scenarioName, "method": Texts.text("method.\(plan.method)", lang),
                    "termination": lang.termination(plan.termination), "criteriaYears": plan.criteriaYears.map(String.init) ?? "–", "madeBy": plan.madeBy,
                    "madeAt": Views.date(plan.madeAt, lang),
                ]
            }
            var model: [String: Any] = ["plans": rows, "hasPlans": !rows.isEmpty]
            if page > 0 { model["newer"] = page - 1 }
            if summaries.count > 50 { model["older"] = page + 1 }
            return self.views.page("plans", title: Texts.text("plans", lang), model: model, context: context, request: request, nav: "plans")
        }
        router.get("/plans/{id}") { request, context in
            let lang = context.lang
            let id = try context.parameters.require("id", as: Int64.self)
            guard let summary = try self.store.planSummaries(ids: [id]).first else { throw Failure.notFound }
            let title = Self.planName(id: id, method: summary.method, lang: lang) + " · \(summary.scenarioName)"
            let kept = try await self.planBody(id, lang: lang)
            let others = try self.store.plans(scenario: summary.scenarioID, limit: 100).filter { $0.id != id }
                + self.store.plans(limit: 50).filter { $0.id != id && $0.scenarioID != summary.scenarioID }
            let compare = self.views.body(
                "planCompare",
                model: [
                    "id": id,
                    "others": others.map { ["id": $0.id, "name": Self.planName(id: $0.id, method: $0.method, lang: lang) + " · \($0.scenarioName) v\($0.versionNumber)"] },
                ], lang: lang)
            return self.views.page(body: kept.tools + compare + kept.report, title: title, context: context, request: request, nav: "plans")
        }
        router.get("/plans/{id}/explain") { request, context in
            let lang = context.lang
            let plan = try self.planRecord(try context.parameters.require("id", as: Int64.self))
            guard let commune = request.uri.queryParameters["commune"].map(String.init), !commune.isEmpty else { throw Failure.badRequest("commune: give a commune of the plan") }
            let criterion = request.uri.queryParameters["criterion"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let page = try await self.planPage(plan, lang: lang)
            let explanations = try await self.explain(plan, commune: commune, criterion: criterion, lang: lang)
            return self.views.page(
                "explain", title: Texts.text("explain", lang),
                model: [
                    "id": plan.id!, "planName": Self.planName(id: plan.id!, method: plan.method, lang: lang), "explanations": explanations,
                    "communes": page.communes.map { ["id": $0.id, "name": $0.name, "selected": $0.id == commune] as [String: Any] },
                ], context: context, request: request, nav: "plans")
        }
        router.get("/compare") { request, context in
            let lang = context.lang
            let ids = request.uri.queryParameters.getAll("plan").compactMap { Int64($0) }
            let view = try await self.comparison(ids, lang: lang)
            // Stored plans never change: the same for every visitor.
            let body = try self.cache.value("compare-body:\(ids.map(String.init).joined(separator: ",")):\(lang.rawValue)") {
                let plans = try self.store.planSummaries(ids: ids).map { ["id": $0.id, "name": Self.planName(id: $0.id, method: $0.method, lang: lang)] as [String: Any] }
                return self.views.body(
                    "compare",
                    model: [
                        "header": Array(view.header.dropFirst()), "sections": view.sections.map(Views.section), "plans": plans,
                        "query": ids.map { "plan=\($0)" }.joined(separator: "&") + "&lang=\(lang.rawValue)",
                    ], lang: lang)
            }
            return self.views.page(body: body, title: Texts.text("compareTitle", lang), context: context, request: request, nav: "plans")
        }
    }
}

extension Workbench {
    /// A plan page's tools and report: the same for every visitor in `lang` and never changing, so kept.
    /// The plans to compare with change with every plan added and are made for each request between them.
    func planBody(_ id: Int64, lang: Language) async throws -> PlanBody {
        let key = "plan-body:\(id):\(lang.rawValue)"
        if let kept: PlanBody = cache.existing(key) { return kept }
        let plan = try planRecord(id)
        let page = try await planPage(plan, lang: lang)
        guard let version = try store.version(plan.versionID) else { throw Failure.notFound }
        let inputs: [[String: Any]] = [
            ["label": Texts.text("scenarios", lang), "value": StoredInputs.scenarioLabel(version)],
            ["label": Texts.text("version", lang) + " (SHA-256)", "value": version.digest],
            ["label": Texts.text("dataDigest", lang), "value": plan.dataDigest],
            ["label": Texts.text("generator", lang), "value": plan.generator],
            ["label": Texts.text("madeBy", lang), "value": "\(plan.madeBy), \(Views.date(plan.madeAt, lang))"],
        ]
        return cache.value(key) {
            PlanBody(
                tools: views.body(
                    "plan",
                    model: [
                        "id": id, "inputs": inputs, "dataChanged": plan.dataDigest != self.inputs.dataDigest,
                        "communes": page.communes.map { ["id": $0.id, "name": $0.name] },
                    ], lang: lang),
                report: "<div class=\"report\">" + page.report + "</div>\n")
        }
    }
}
