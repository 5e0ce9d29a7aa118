import Foundation
import Hummingbird
import NIOCore
import NTPData
import NTPDomain
import NTPPlanning
import NTPReports
import NTPStore
import NTPText

extension Workbench {
    /// The scenario pages: the list, a scenario's versions, a version's money, status and policy, the
    /// what-if editor, the run form, the diff of two versions and the upload.
    func addScenarioRoutes(_ router: Router<WorkbenchContext>) {
        router.get("/scenarios") { request, context in
            let lang = context.lang
            let items = try self.store.scenarios().map { summary -> [String: Any] in
                [
                    "id": summary.scenario.id!, "name": summary.scenario.name, "origin": Texts.text("origin.\(summary.scenario.origin.rawValue)", lang),
                    "sourceName": summary.scenario.sourceName as Any, "latest": summary.latest.number, "versions": summary.versions,
                    "plans": summary.plans,
                ]
            }
            return self.views.page(
                "scenarios", title: Texts.text("scenarios", lang), model: ["scenarios": items, "hasScenarios": !items.isEmpty], context: context,
                request: request, nav: "scenarios", flash: request.uri.queryParameters["uploaded"].map { _ in Texts.text("uploaded", lang) })
        }
        router.get("/scenarios/{id}") { request, context in
            let lang = context.lang
            let scenario = try self.scenarioRecord(try context.parameters.require("id", as: Int64.self))
            let versions = try self.store.versions(of: scenario.id!)
            let numbers = Dictionary(uniqueKeysWithValues: versions.map { ($0.id!, $0.number) })
            let rows = versions.enumerated().map { index, version -> [String: Any] in
                [
                    "scenarioID": scenario.id!, "number": version.number, "note": version.note, "parent": version.parentID.flatMap { numbers[$0] } as Any,
                    "madeBy": version.madeBy, "madeAt": Views.date(version.madeAt, lang), "isFirst": index == 0, "isSecond": index == min(1, versions.count - 1),
                ]
            }
            let plans = try self.store.plans(scenario: scenario.id!, limit: 50).map {
                ["id": $0.id, "name": Self.planName(id: $0.id, method: $0.method, lang: lang), "versionNumber": $0.versionNumber, "termination": lang.termination($0.termination)] as [String: Any]
            }
            return self.views.page(
                "scenario", title: scenario.name,
                model: [
                    "id": scenario.id!, "origin": Texts.text("origin.\(scenario.origin.rawValue)", lang), "sourceName": scenario.sourceName as Any,
                    "versions": rows, "plans": plans, "hasPlans": !plans.isEmpty,
                ], context: context, request: request, nav: "scenarios",
                flash: request.uri.queryParameters["uploaded"].map { _ in Texts.text("uploaded", lang) })
        }
        router.get("/scenarios/{id}/versions/{number}") { request, context in
            let view = try await self.versionView(scenario: try context.parameters.require("id", as: Int64.self), number: try context.parameters.require("number", as: Int.self))
            let saved = request.uri.queryParameters["saved"] != nil
            return self.views.page(
                "version", title: "\(view.scenario.name) · v\(view.version.number)", model: self.versionModel(view, lang: context.lang), context: context,
                request: request, nav: "scenarios", flash: saved ? Texts.text("saved", context.lang) + " v\(view.version.number)" : nil)
        }
        router.get("/scenarios/{id}/versions/{number}/edit") { request, context in
            try context.require(.planner)
            let view = try await self.versionView(scenario: try context.parameters.require("id", as: Int64.self), number: try context.parameters.require("number", as: Int.self))
            let latest = try self.store.versions(of: view.scenario.id!)[0].number
            return try self.editPage(view, basedOn: latest, form: nil, errors: [], request: request, context: context)
        }
        router.post("/scenarios/{id}/versions/{number}/edit") { request, context in
            try context.require(.planner)
            let view = try await self.versionView(scenario: try context.parameters.require("id", as: Int64.self), number: try context.parameters.require("number", as: Int.self))
            let form = try await Self.form(request, context: context)
            guard let basedOn = form["based_on"].flatMap({ Int($0) }) else { throw Failure.badRequest("based_on: the version the form was opened at is missing") }
            let edit = Self.whatIf(form)
            do {
                switch try await self.saveEdit(
                    version: view.version, basedOn: basedOn, wanted: edit.values, changes: edit.changes, name: form["name"], note: form["note"], actor: context.actor, lang: context.lang)
                {
                case .saved(let version):
                    return Response.redirect(to: "/scenarios/\(version.scenarioID)/versions/\(version.number)?saved=1", type: .normal)
                case .nothingChanged:
                    return try self.editPage(view, basedOn: basedOn, form: form, errors: [], flash: Texts.text("nothingChanged", context.lang), request: request, context: context)
                case .invalid(let errors):
                    return try self.editPage(view, basedOn: basedOn, form: form, errors: errors, request: request, context: context, status: .unprocessableContent)
                }
            } catch StoreError.staleEdit(_, let latest) {
                return try self.editPage(view, basedOn: basedOn, form: form, errors: [], stale: latest, request: request, context: context, status: .conflict)
            }
        }
        router.get("/scenarios/{id}/versions/{number}/run") { request, context in
            try context.require(.planner)
            let view = try await self.versionView(scenario: try context.parameters.require("id", as: Int64.self), number: try context.parameters.require("number", as: Int.self))
            let kind = request.uri.queryParameters["kind"].flatMap { RunKind(rawValue: String($0)) } ?? .plan
            return try self.runFormPage(view, kind: kind, form: FormFields(), errors: [], request: request, context: context)
        }
        router.post("/scenarios/{id}/versions/{number}/run") { request, context in
            try context.require(.planner)
            let view = try await self.versionView(scenario: try context.parameters.require("id", as: Int64.self), number: try context.parameters.require("number", as: Int.self))
            let form = try await Self.form(request, context: context)
            let kind = form["kind"].flatMap(RunKind.init(rawValue:)) ?? .plan
            do {
                let run = try self.queueRun(version: view.version, kind: kind, request: try Self.runRequest(form, kind: kind), actor: context.actor)
                return Response.redirect(to: "/runs/\(run.id!)", type: .normal)
            } catch Failure.invalid(let errors) {
                return try self.runFormPage(view, kind: kind, form: form, errors: errors.map { context.lang($0.message) }, request: request, context: context, status: .unprocessableContent)
            }
        }
        router.get("/scenarios/{id}/diff") { request, context in
            let scenario = try self.scenarioRecord(try context.parameters.require("id", as: Int64.self))
            guard let from = request.uri.queryParameters["from"].flatMap({ Int($0) }), let to = request.uri.queryParameters["to"].flatMap({ Int($0) }) else {
                throw Failure.badRequest("from and to: two version numbers")
            }
            let none = Texts.text("absent", context.lang)
            let differences = try await self.differences(scenario: scenario.id!, from: from, to: to, lang: context.lang).map {
                ["key": $0.key, "first": $0.from ?? none, "second": $0.to ?? none]
            }
            return self.views.page(
                "diff", title: Texts.text("diff", context.lang),
                model: ["scenarioID": scenario.id!, "scenarioName": scenario.name, "from": from, "to": to, "differences": differences, "same": differences.isEmpty],
                context: context, request: request, nav: "scenarios")
        }
        router.get("/upload") { request, context in
            try context.require(.planner)
            return self.views.page("upload", title: Texts.text("upload", context.lang), model: [:], context: context, request: request, nav: "scenarios")
        }
        router.post("/upload") { request, context in
            try context.require(.planner)
            let form = try await Self.multipart(request, context: context)
            do {
                let uploaded = try await self.upload(form, actor: context.actor, lang: context.lang)
                return Response.redirect(to: "/scenarios/\(uploaded.scenario.id!)?uploaded=1", type: .normal)
            } catch Failure.invalid(let errors) {
                return self.views.page(
                    "upload", title: Texts.text("upload", context.lang),
                    model: [
                        "errors": errors.map { context.lang($0.message) }, "hasErrors": true, "root": form.fields["root"] ?? "", "name": form.fields["name"] ?? "",
                        "scope": form.fields["scope"] ?? "", "criteriaSet": form.fields["criteria_set"] ?? "", "phase": form.fields["phase"] ?? "",
                        "unitTrieu": form.fields["unit"] == "trieu", "unitTy": form.fields["unit"] == "ty",
                    ],
                    context: context, request: request, nav: "scenarios", status: .unprocessableContent)
            }
        }
    }

    static func multipart(_ request: Request, context: WorkbenchContext) async throws -> MultipartForm {
        var request = request
        let body = try await request.collectBody(upTo: context.uploadLimit)
        guard let form = MultipartForm(body: body, contentType: request.headers[.contentType] ?? "") else {
            throw Failure.badRequest("the upload is not a multipart/form-data body")
        }
        return form
    }

    // MARK: Version page

    func versionModel(_ view: VersionView, lang: Language) -> [String: Any] {
        var model: [String: Any] = [
            "scenarioID": view.scenario.id!, "scenarioName": view.scenario.name, "number": view.version.number, "note": view.version.note,
            "madeBy": view.version.madeBy, "madeAt": Views.date(view.version.madeAt, lang), "files": view.files, "errors": view.errors(lang),
            "hasErrors": !view.errors(lang).isEmpty, "warnings": view.warnings(lang), "hasWarnings": !view.warnings(lang).isEmpty, "loads": view.loaded != nil,
        ]
        guard let loaded = view.loaded else { return model }
        let facts = Self.facts(loaded, lang: lang)
        model["facts"] = facts.map { ["label": Texts.text($0.key, lang), "value": $0.value] }
        model["policy"] = Self.policy(loaded.options, lang: lang).map { ["label": Texts.text($0.key, lang), "value": $0.value] }
        let catalogs = loaded.dataSet.catalogs
        let report = BudgetReport(scenario: loaded.budget, ledger: loaded.budget.ledger(catalogs: catalogs), catalogs: catalogs, lang: lang, unit: .trieu, decimals: 0)
        model["budget"] = report.sections.map(Views.section)
        model["status"] = loaded.costs.communes.map { commune -> [String: Any] in
            ["name": commune.locality.name, "met": commune.met.count, "missing": commune.missing.count, "planned": commune.plannedYear.count]
        }
        return model
    }

    /// A scenario's facts, by text key.
    static func facts(_ loaded: LoadedScenario, lang: Language) -> [(key: String, value: String)] {
        let budget = loaded.budget, costs = loaded.costs
        let scope = loaded.dataSet.catalogs.localities[budget.scopeID].map { "\($0.name) (\(budget.scopeID))" } ?? budget.scopeID
        return [
            ("name", budget.name), ("phase", budget.phaseID), ("scope", scope), ("criteriaSet", budget.criteriaSetID),
            ("moneyUnit", lang == .vi ? budget.unit.nameVi : budget.unit.nameEn), ("communes", "\(costs.communes.count)"),
            ("communesAtStandard", "\(costs.communes.filter { costs.isAtStandard($0) }.count)"),
            ("criteriaMissing", "\(costs.communes.reduce(0) { $0 + $1.missing.count })"),
        ]
    }

    /// A scenario's planning choices, by text key; – when the scenario leaves one to its default.
    static func policy(_ options: ScenarioOptions, lang: Language) -> [(key: String, value: String)] {
        let none = "–"
        let values = ScenarioEdit.Values(options)
        func shown(_ text: String) -> String { text.isEmpty ? none : text }
        return [
            ("horizon", shown(values.horizon)), ("kinds", options.kinds?.description ?? none), ("objective", options.objective?.rawValue ?? none),
            ("capacity", shown(values.capacity)), ("minimumProgress", shown(values.minimumProgress)), ("standardBonus", shown(values.standardBonus)),
            ("priority", shown(values.priority)), ("officialTargets", Texts.text(values.officialTargets ? "yes" : "no", lang)),
            ("targets", shown(options.targets.map(\.text).joined(separator: ", "))), ("searchMethod", options.method?.rawValue ?? none),
            ("timeLimit", options.timeLimitSeconds.map { lang.format(Decimal($0), decimals: 0) } ?? none),
            ("gap", options.gap.map { Self.trimmed(Decimal($0), decimals: 4, lang) } ?? none),
        ]
    }

    /// A number with at most `decimals` decimals and none that would be a trailing zero (`70.285,5`).
    static func trimmed(_ value: Decimal, decimals: Int, _ lang: Language) -> String {
        var text = lang.format(value, decimals: decimals)
        let mark: Character = lang == .vi ? "," : "."
        guard text.contains(mark) else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == mark { text.removeLast() }
        return text
    }

    // MARK: What-if form

    /// The what-if a posted form asks for: the planning values and one envelope change per row.
    static func whatIf(_ form: FormFields) -> (values: ScenarioEdit.Values, changes: [(row: Int, change: ScenarioEdit.EnvelopeChange)]) {
        var values = ScenarioEdit.Values()
        values.horizon = form["horizon"] ?? ""
        values.capacity = form["capacity"] ?? ""
        values.minimumProgress = form["minimum_progress"] ?? ""
        values.standardBonus = form["standard_bonus"] ?? ""
        values.officialTargets = form["official_targets"] == "true"
        values.targets = form["targets"] ?? ""
        values.priority = form["priority"] ?? ""
        let count = min(500, form["envelopes"].flatMap { Int($0) } ?? 0)
        let changes = (0..<count).map { row in
            (row, ScenarioEdit.EnvelopeChange(
                program: form["e\(row)_program"], source: form["e\(row)_source"], level: form["e\(row)_level"], years: form["e\(row)_years"],
                percent: form["e\(row)_percent"], amount: form["e\(row)_amount"], reason: form["e\(row)_reason"]))
        }
        return (values, changes)
    }

    func editPage(
        _ view: VersionView, basedOn: Int, form: FormFields?, errors: [Failure.FieldError], stale: VersionRecord? = nil, flash: String? = nil,
        request: Request, context: WorkbenchContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let lang = context.lang
        guard let loaded = view.loaded else { throw Failure.badRequest(.verbatim(view.errors(context.lang).joined(separator: "\n"))) }
        let current = ScenarioEdit.Values(loaded.options)
        func error(_ name: String) -> String? {
            let found = errors.filter { $0.field == name }.map { lang($0.message) }
            return found.isEmpty ? nil : found.joined(separator: "; ")
        }
        func value(_ name: String, _ fallback: String) -> String { form?[name] ?? fallback }
        func field(_ name: String, _ label: String, _ value: String, kind: String = "text", help: String? = nil) -> [String: Any] {
            ["name": name, "label": Texts.text(label, lang), "value": value, kind: true, "help": help.map { Texts.text($0, lang) } as Any, "error": error(name) as Any]
        }
        var officialTargets = field("official_targets", "officialTargets", "", kind: "checkbox")
        officialTargets["checked"] = form.map { $0["official_targets"] == "true" } ?? current.officialTargets
        let fields: [[String: Any]] = [
            field("name", "versionName", value("name", "")), field("note", "whatIfNote", value("note", "")),
            field("horizon", "horizon", value("horizon", current.horizon)), field("capacity", "capacity", value("capacity", current.capacity)),
            field("minimum_progress", "minimumProgress", value("minimum_progress", current.minimumProgress)),
            field("standard_bonus", "standardBonus", value("standard_bonus", current.standardBonus)), officialTargets,
            field("targets", "targets", value("targets", current.targets), kind: "area", help: "targetsHelp"),
            field("priority", "priority", value("priority", current.priority), help: "priorityHelp"),
        ]
        let catalogs = loaded.dataSet.catalogs
        let unit = loaded.budget.unit
        let envelopes = loaded.budget.envelopes.enumerated().map { index, envelope -> [String: Any] in
            let years = envelope.years.lowerBound == envelope.years.upperBound ? "\(envelope.years.lowerBound)" : "\(envelope.years.lowerBound)-\(envelope.years.upperBound)"
            return [
                "index": index, "program": envelope.program, "source": envelope.source,
                "sourceName": catalogs.source(envelope.source).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? envelope.source,
                "level": envelope.level.map { Texts.text("level.\($0.rawValue)", lang) } as Any, "levelCode": envelope.level?.rawValue ?? "", "years": years,
                "amount": Self.trimmed(envelope.amount.amount(in: unit), decimals: 3, lang),
                "percent": form?["e\(index)_percent"] ?? "", "newAmount": form?["e\(index)_amount"] ?? "", "reason": form?["e\(index)_reason"] ?? "",
                "error": error("e\(index)") as Any,
            ]
        }
        let general = errors.filter { $0.field.isEmpty }.map { lang($0.message) }
        var model: [String: Any] = [
            "scenarioID": view.scenario.id!, "number": view.version.number, "basedOn": stale?.number ?? basedOn, "fields": fields, "envelopes": envelopes,
            "envelopeCount": envelopes.count, "unit": lang == .vi ? unit.nameVi : unit.nameEn, "hasErrors": !errors.isEmpty, "general": general,
            "hasGeneral": !general.isEmpty,
        ]
        if let stale {
            model["stale"] = lang(StoreError.staleEdit(basedOn: basedOn, latest: stale).message)
            model["latest"] = stale.number
            // The form stays as the user wrote it; sent again, it is checked against the version saved since.
            model["basedOn"] = basedOn
        }
        return views.page(
            "edit", title: Texts.text("editTitle", lang) + " · \(view.scenario.name) · v\(view.version.number)", model: model, context: context,
            request: request, nav: "scenarios", flash: flash, status: status)
    }

    // MARK: Run form

    /// A number as a form gives it: `0.005` or `0,005`.
    static func number(_ text: String?) -> Double?? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .some(nil) }
        let plain = text.contains(".") ? text : text.replacingOccurrences(of: ",", with: ".")
        guard let value = Double(plain), value.isFinite else { return nil }
        return .some(value)
    }

    static func runRequest(_ form: FormFields, kind: RunKind) throws -> RunRequest {
        var request = RunRequest()
        var errors: [Failure.FieldError] = []
        switch number(form["time_limit"]) {
        case .some(let value?) where value > 0: request.timeLimit = value
        case .some(nil): break
        default: errors.append(.init(field: "time_limit", message: "\(form["time_limit"] ?? ""): the time limit is a number of seconds above 0"))
        }
        switch number(form["gap"]) {
        case .some(let value?) where value >= 0: request.gap = value
        case .some(nil): break
        default: errors.append(.init(field: "gap", message: "\(form["gap"] ?? ""): the gap is a number of at least 0 (0.005 = 0.5 %)"))
        }
        if let search = form.given("search"), search != "default" {
            guard let method = SearchMethod(rawValue: search) else { throw Failure.invalid([.init(field: "search", message: "\(search): automatic, direct or decomposition")]) }
            request.search = method
        }
        switch kind {
        case .plan: request.method = .optimizer
        case .baseline: request.method = form.given("method").flatMap(PlanMethod.init(rawValue:))
        case .sweep:
            request.sources = form.all("source")
            request.scale = form.given("scale")
        }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        return request
    }

    func runFormPage(
        _ view: VersionView, kind: RunKind, form: FormFields, errors: [String], request: Request, context: WorkbenchContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let lang = context.lang
        guard let loaded = view.loaded else { throw Failure.badRequest(.verbatim(view.errors(context.lang).joined(separator: "\n"))) }
        let catalogs = loaded.dataSet.catalogs
        let chosen = Set(form.all("source"))
        var codes: [String] = []
        for envelope in loaded.budget.envelopes where !codes.contains(envelope.source) { codes.append(envelope.source) }
        let sources = codes.enumerated().map { index, code -> [String: Any] in
            ["code": code, "name": catalogs.source(code).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? code, "checked": chosen.isEmpty ? index == 0 : chosen.contains(code)]
        }
        let method = form["method"] ?? "official"
        let methods = [PlanMethod.official, .formula, .greedy].map {
            ["value": $0.rawValue, "label": Texts.text("method.\($0.rawValue)", lang), "checked": $0.rawValue == method] as [String: Any]
        }
        let search = form["search"] ?? "default"
        let searches = (["default"] + SearchMethod.allCases.map(\.rawValue)).map {
            ["value": $0, "label": $0 == "default" ? Texts.text("defaultValue", lang) : $0, "selected": $0 == search] as [String: Any]
        }
        let titles: [RunKind: String] = [.plan: "runPlan", .baseline: "runBaseline", .sweep: "runSweep"]
        return views.page(
            "runForm", title: Texts.text(titles[kind]!, lang),
            model: [
                "scenarioID": view.scenario.id!, "scenarioName": view.scenario.name, "number": view.version.number, "kind": kind.rawValue,
                "isBaseline": kind == .baseline, "isSweep": kind == .sweep, "methods": methods, "sources": sources, "searches": searches,
                "scale": form["scale"] ?? "0.5:1.5:0.25", "timeLimit": form["time_limit"] ?? "", "gap": form["gap"] ?? "", "errors": errors,
                "hasErrors": !errors.isEmpty,
            ], context: context, request: request, nav: "runs", status: status)
    }
}
