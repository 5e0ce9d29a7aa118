import Foundation
import Hummingbird
import NIOCore
import NTPData
import NTPDomain
import NTPPlanning
import NTPReports
import NTPStore
import NTPText

/// The `/api` answers (described in `/openapi.yaml`, docs/workbench.md): everything the pages do, as
/// JSON in, JSON or a file out. Keys are snake_case, money is in đồng, dates ISO 8601.
struct APIScenario: Encodable {
    let id: Int64
    let name: String
    let origin: ScenarioOrigin
    let sourceName: String?
    let latestVersion: Int
    let versions: Int
    let plans: Int
    /// An uploaded workbook's import warnings (totals that disagree with their rows); only in the upload's answer.
    var warnings: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, origin, sourceName = "source_name", latestVersion = "latest_version", versions, plans, warnings
    }
}

struct APIVersion: Encodable {
    let id: Int64
    let scenarioID: Int64
    let number: Int
    let parentNumber: Int?
    let fileName: String
    let digest: String
    let note: String
    /// A what-if's scenario file, as written.
    let edit: String?
    let madeBy: String
    let madeAt: Date

    enum CodingKeys: String, CodingKey {
        case id, scenarioID = "scenario_id", number, parentNumber = "parent_number", fileName = "file_name", digest, note, edit, madeBy = "made_by", madeAt = "made_at"
    }
}

struct APISection: Encodable {
    struct Column: Encodable {
        let title: String
        let align: String
    }

    let title: String
    let columns: [Column]
    let rows: [[String]]
    let totals: [[String]]
    let notes: [String]
    let empty: String?

    init(_ section: ReportSection) {
        title = section.title
        columns = section.columns.map { Column(title: $0.0, align: $0.1 == .left ? "left" : "right") }
        rows = section.rows
        totals = section.totals
        notes = section.notes
        empty = section.rows.isEmpty ? section.empty : nil
    }
}

struct APIVersionDetail: Encodable {
    struct Envelope: Encodable {
        let program, source: String
        let level: String?
        let years: String
        let amountDong: Int64
        enum CodingKeys: String, CodingKey { case program, source, level, years, amountDong = "amount_dong" }
    }

    struct Commune: Encodable {
        let id, name: String
        let met, missing: [String]
        let planned: [String: Int]
    }

    struct Options: Encodable {
        let horizon, capacity, minimumProgress, standardBonus, priority: String
        let officialTargets: Bool
        let targets: [String]
        enum CodingKeys: String, CodingKey {
            case horizon, capacity, minimumProgress = "minimum_progress", standardBonus = "standard_bonus", priority, officialTargets = "official_targets", targets
        }
    }

    let version: APIVersion
    let scenarioName: String
    let files: [String]
    let errors: [String]
    let warnings: [String]
    let facts: [String: String]?
    let options: Options?
    let envelopes: [Envelope]?
    let communes: [Commune]?
    let budget: [APISection]?

    enum CodingKeys: String, CodingKey {
        case version, scenarioName = "scenario_name", files, errors, warnings, facts, options, envelopes, communes, budget
    }
}

struct APIPlan: Encodable {
    let id: Int64
    let name: String
    let scenarioID: Int64
    let versionID: Int64
    let versionNumber: Int
    let scenarioName: String
    let method: String
    let termination: String
    let criteriaYears: Int?
    let objectiveValue: Double?
    let madeBy: String
    let madeAt: Date
    /// Only for one plan: what it was made from.
    let dataDigest: String?
    let generator: String?
    let scenarioDigest: String?
    let runID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, name, scenarioID = "scenario_id", versionID = "version_id", versionNumber = "version_number", scenarioName = "scenario_name", method
        case termination, criteriaYears = "criteria_years", objectiveValue = "objective_value", madeBy = "made_by", madeAt = "made_at"
        case dataDigest = "data_digest", generator, scenarioDigest = "scenario_digest", runID = "run_id"
    }
}

/// A what-if as the API takes it: values not given keep the version's.
struct APIWhatIf: Decodable {
    struct Values: Decodable {
        let horizon, capacity, minimumProgress, standardBonus, priority: String?
        let officialTargets: Bool?
        let targets: [String]?
        enum CodingKeys: String, CodingKey {
            case horizon, capacity, minimumProgress = "minimum_progress", standardBonus = "standard_bonus", priority, officialTargets = "official_targets", targets
        }
    }

    struct Change: Decodable {
        let program, source, level, years, percent, amount, reason: String?
    }

    let basedOn: Int
    let name: String?
    let note: String?
    let values: Values?
    let envelopeChanges: [Change]?

    enum CodingKeys: String, CodingKey { case basedOn = "based_on", name, note, values, envelopeChanges = "envelope_changes" }
}

struct APIRunRequest: Decodable {
    let versionID: Int64
    let kind: RunKind
    let method: PlanMethod?
    let timeLimit: Double?
    let gap: Double?
    let search: SearchMethod?
    let sources: [String]?
    let scale: String?

    enum CodingKeys: String, CodingKey {
        case versionID = "version_id", kind, method, timeLimit = "time_limit", gap, search, sources, scale
    }
}

extension Workbench {
    /// The language of an API answer: `?lang=`, else the page's.
    static func language(_ request: Request, _ context: WorkbenchContext) -> Language {
        request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) } ?? context.lang
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, context: WorkbenchContext) async throws -> T {
        var request = request
        let body = try await request.collectBody(upTo: context.uploadLimit)
        let data = Data(buffer: body)
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw Failure.badRequest("the body is not the JSON expected: \(JSONProblem.describe(error, in: data, root: "the body"))")
        }
    }

    func apiVersion(_ version: VersionRecord) throws -> APIVersion {
        let parent = try version.parentID.flatMap { try store.version($0) }
        return APIVersion(
            id: version.id!, scenarioID: version.scenarioID, number: version.number, parentNumber: parent?.number, fileName: version.fileName,
            digest: version.digest, note: version.note, edit: version.edit, madeBy: version.madeBy, madeAt: version.madeAt)
    }

    func apiPlan(_ plan: PlanStore.PlanSummary, origin: PlanStore.PlanOrigin? = nil, digest: String? = nil, lang: Language) -> APIPlan {
        APIPlan(
            id: plan.id, name: Self.planName(id: plan.id, method: plan.method, lang: lang), scenarioID: plan.scenarioID, versionID: plan.versionID,
            versionNumber: plan.versionNumber, scenarioName: plan.scenarioName, method: plan.method, termination: plan.termination,
            criteriaYears: plan.criteriaYears, objectiveValue: plan.objectiveValue, madeBy: plan.madeBy, madeAt: plan.madeAt, dataDigest: origin?.dataDigest,
            generator: origin?.generator, scenarioDigest: digest, runID: origin?.runID)
    }

    func addAPIRoutes(_ router: Router<WorkbenchContext>) {
        let api = router.group("api")

        // Session
        api.get("session") { request, context in
            struct Answer: Encodable {
                let user: String?
                let role: Role?
                let loginRequired: Bool
                let csrfToken: String
                let language: Language
                enum CodingKeys: String, CodingKey { case user, role, loginRequired = "login_required", csrfToken = "csrf_token", language }
            }
            return Views.json(Answer(
                user: context.user?.name, role: context.role, loginRequired: self.security.loginRequired, csrfToken: context.csrfToken, language: context.lang))
        }
        api.post("session") { request, context in
            struct Login: Decodable { let name, password: String }
            let login = try await Self.decode(Login.self, request, context: context)
            guard let user = try self.security.user(name: login.name, password: login.password) else { throw Failure.loginRequired }
            let token = try self.security.logIn(user, replacing: context.token)
            struct Answer: Encodable {
                let user: String
                let role: Role
                let csrfToken: String
                enum CodingKeys: String, CodingKey { case user, role, csrfToken = "csrf_token" }
            }
            var response = Views.json(Answer(user: user.name, role: user.role, csrfToken: self.security.csrfToken(for: token)))
            response.setCookie(Security.sessionCookie(token))
            return response
        }
        api.delete("session") { request, context in
            try self.security.logOut(context.token)
            var response = Response(status: .noContent)
            response.setCookie(Security.sessionCookie(Security.newToken()))
            return response
        }

        // Scenarios and versions
        api.get("scenarios") { request, context in
            Views.json(try self.store.scenarios().map {
                APIScenario(
                    id: $0.scenario.id!, name: $0.scenario.name, origin: $0.scenario.origin, sourceName: $0.scenario.sourceName,
                    latestVersion: $0.latest.number, versions: $0.versions, plans: $0.plans)
            })
        }
        api.post("scenarios") { request, context in
            try context.require(.planner)
            let form = try await Self.multipart(request, context: context)
            let uploaded = try await self.upload(form, actor: context.actor, lang: context.lang)
            let scenario = uploaded.scenario
            return Views.json(
                APIScenario(
                    id: scenario.id!, name: scenario.name, origin: scenario.origin, sourceName: scenario.sourceName,
                    latestVersion: uploaded.version.number, versions: 1, plans: 0, warnings: uploaded.warnings),
                status: .created)
        }
        api.get("scenarios/{id}") { request, context in
            let scenario = try self.scenarioRecord(try context.parameters.require("id", as: Int64.self))
            struct Answer: Encodable {
                let id: Int64
                let name: String
                let origin: ScenarioOrigin
                let sourceName: String?
                let versions: [APIVersion]
                enum CodingKeys: String, CodingKey { case id, name, origin, sourceName = "source_name", versions }
            }
            return Views.json(Answer(
                id: scenario.id!, name: scenario.name, origin: scenario.origin, sourceName: scenario.sourceName,
                versions: try self.store.versions(of: scenario.id!).map(self.apiVersion)))
        }
        api.get("scenarios/{id}/versions/{number}") { request, context in
            let lang = Self.language(request, context)
            let view = try await self.versionView(scenario: try context.parameters.require("id", as: Int64.self), number: try context.parameters.require("number", as: Int.self))
            var detail = APIVersionDetail(
                version: try self.apiVersion(view.version), scenarioName: view.scenario.name, files: view.files, errors: view.errors(lang), warnings: view.warnings(lang),
                facts: nil, options: nil, envelopes: nil, communes: nil, budget: nil)
            if let loaded = view.loaded {
                let values = ScenarioEdit.Values(loaded.options)
                let catalogs = loaded.dataSet.catalogs
                let report = BudgetReport(scenario: loaded.budget, ledger: loaded.budget.ledger(catalogs: catalogs), catalogs: catalogs, lang: lang, unit: .trieu, decimals: 0)
                detail = APIVersionDetail(
                    version: detail.version, scenarioName: detail.scenarioName, files: detail.files, errors: [], warnings: detail.warnings,
                    facts: Dictionary(uniqueKeysWithValues: Self.facts(loaded, lang: lang).map { ($0.key, $0.value) }),
                    options: .init(
                        horizon: values.horizon, capacity: values.capacity, minimumProgress: values.minimumProgress, standardBonus: values.standardBonus,
                        priority: values.priority, officialTargets: values.officialTargets, targets: loaded.options.targets.map(\.text)),
                    envelopes: loaded.budget.envelopes.map {
                        .init(program: $0.program, source: $0.source, level: $0.level?.rawValue,
                              years: $0.years.lowerBound == $0.years.upperBound ? "\($0.years.lowerBound)" : "\($0.years.lowerBound)-\($0.years.upperBound)",
                              amountDong: $0.amount.dong)
                    },
                    communes: loaded.costs.communes.map { .init(id: $0.locality.id, name: $0.locality.name, met: $0.met, missing: $0.missing, planned: $0.plannedYear) },
                    budget: report.sections.map(APISection.init))
            }
            return Views.json(detail)
        }
        api.post("scenarios/{id}/versions/{number}/what-if") { request, context in
            try context.require(.planner)
            let view = try await self.versionView(scenario: try context.parameters.require("id", as: Int64.self), number: try context.parameters.require("number", as: Int.self))
            let body = try await Self.decode(APIWhatIf.self, request, context: context)
            guard let loaded = view.loaded else { throw Failure.badRequest(.verbatim(view.errors(context.lang).joined(separator: "\n"))) }
            var wanted = ScenarioEdit.Values(loaded.options)
            if let values = body.values {
                wanted.horizon = values.horizon ?? wanted.horizon
                wanted.capacity = values.capacity ?? wanted.capacity
                wanted.minimumProgress = values.minimumProgress ?? wanted.minimumProgress
                wanted.standardBonus = values.standardBonus ?? wanted.standardBonus
                wanted.priority = values.priority ?? wanted.priority
                wanted.officialTargets = values.officialTargets ?? wanted.officialTargets
                wanted.targets = values.targets?.joined(separator: "\n") ?? wanted.targets
            }
            let changes = (body.envelopeChanges ?? []).enumerated().map { index, change in
                (index, ScenarioEdit.EnvelopeChange(
                    program: change.program, source: change.source, level: change.level, years: change.years, percent: change.percent, amount: change.amount,
                    reason: change.reason))
            }
            switch try await self.saveEdit(version: view.version, basedOn: body.basedOn, wanted: wanted, changes: changes, name: body.name, note: body.note, actor: context.actor, lang: context.lang) {
            case .saved(let version): return Views.json(try self.apiVersion(version), status: .created)
            case .nothingChanged: throw Failure.invalid([.init(field: "", message: "nothing changed: no version was made")])
            case .invalid(let errors):
                // Envelope rows are named by their place in `envelope_changes`.
                throw Failure.invalid(errors.map { $0.field.hasPrefix("e") && Int($0.field.dropFirst()) != nil ? .init(field: "envelope_changes[\($0.field.dropFirst())]", message: $0.message) : $0 })
            }
        }
        api.get("scenarios/{id}/diff") { request, context in
            let scenario = try self.scenarioRecord(try context.parameters.require("id", as: Int64.self))
            guard let from = request.uri.queryParameters["from"].flatMap({ Int($0) }), let to = request.uri.queryParameters["to"].flatMap({ Int($0) }) else {
                throw Failure.badRequest("from and to: two version numbers")
            }
            struct Answer: Encodable {
                let from, to: Int
                let differences: [Difference]
            }
            return Views.json(Answer(from: from, to: to, differences: try await self.differences(scenario: scenario.id!, from: from, to: to, lang: context.lang)))
        }

        // Runs
        api.get("runs") { request, context in
            let limit = min(200, max(1, request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 50))
            let offset = max(0, request.uri.queryParameters["offset"].flatMap { Int($0) } ?? 0)
            let lang = Self.language(request, context)
            return Views.json(try self.store.runs(limit: limit, offset: offset).map { try self.runView($0, lang: lang) })
        }
        api.post("runs") { request, context in
            try context.require(.planner)
            let body = try await Self.decode(APIRunRequest.self, request, context: context)
            guard let version = try self.store.version(body.versionID) else { throw Failure.notFound }
            if let timeLimit = body.timeLimit, !(timeLimit > 0) { throw Failure.invalid([.init(field: "time_limit", message: "must be above 0")]) }
            if let gap = body.gap, !(gap >= 0) { throw Failure.invalid([.init(field: "gap", message: "must be at least 0")]) }
            let run = try self.queueRun(
                version: version, kind: body.kind,
                request: RunRequest(
                    method: body.kind == .plan ? .optimizer : body.method, timeLimit: body.timeLimit, gap: body.gap, search: body.search, sources: body.sources,
                    scale: body.scale), actor: context.actor)
            return Views.json(try self.runView(run, lang: Self.language(request, context)), status: .accepted)
        }
        api.get("runs/{id}") { request, context in
            Views.json(try self.runView(try self.runRecord(try context.parameters.require("id", as: Int64.self)), lang: Self.language(request, context)))
        }
        api.get("runs/{id}/sweep") { request, context in
            let run = try self.runRecord(try context.parameters.require("id", as: Int64.self))
            guard run.kind == .sweep, run.state == .done, let result = run.result else { throw Failure.notFound }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: result)))
        }
        api.post("runs/{id}/cancel") { request, context in
            try context.require(.planner)
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try self.runRecord(id)
            return Views.json(try self.runView(try self.runs.cancel(id, actor: context.actor), lang: Self.language(request, context)))
        }

        // Plans
        api.get("plans") { request, context in
            let limit = min(200, max(1, request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 50))
            let offset = max(0, request.uri.queryParameters["offset"].flatMap { Int($0) } ?? 0)
            let scenario = request.uri.queryParameters["scenario"].flatMap { Int64($0) }
            let lang = Self.language(request, context)
            return Views.json(try self.store.plans(scenario: scenario, limit: limit, offset: offset).map { self.apiPlan($0, lang: lang) })
        }
        api.get("plans/{id}") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            guard let summary = try self.store.planSummaries(ids: [id]).first, let origin = try self.store.planOrigin(id),
                let version = try self.store.version(summary.versionID)
            else { throw Failure.notFound }
            return Views.json(self.apiPlan(summary, origin: origin, digest: version.digest, lang: Self.language(request, context)))
        }
        api.get("plans/{id}/document") { request, context in
            let plan = try self.planRecord(try context.parameters.require("id", as: Int64.self))
            return Views.file(plan.document, type: "application/json", name: "ke-hoach-\(plan.id!)-plan.json")
        }
        api.get("plans/{id}/export/{format}") { request, context in
            let plan = try self.planRecord(try context.parameters.require("id", as: Int64.self))
            guard let format = ExportFormat(rawValue: try context.parameters.require("format")) else { throw Failure.notFound }
            let other = try request.uri.queryParameters["compare"].flatMap { Int64($0) }.map(self.planRecord)
            let download = try await self.export(plan, format: format, lang: Self.language(request, context), other: other)
            return Views.file(download.data, type: download.type, name: download.name)
        }
        api.get("plans/{id}/explain") { request, context in
            let plan = try self.planRecord(try context.parameters.require("id", as: Int64.self))
            guard let commune = request.uri.queryParameters["commune"].map(String.init), !commune.isEmpty else { throw Failure.badRequest("commune: give a commune of the plan") }
            let criterion = request.uri.queryParameters["criterion"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            struct Answer: Encodable {
                let commune: String
                let explanations: [String]
            }
            let lines = try await self.explain(plan, commune: commune, criterion: criterion, lang: Self.language(request, context))
            return Views.json(Answer(commune: lines[0], explanations: Array(lines.dropFirst())))
        }
        api.get("compare") { request, context in
            let ids = request.uri.queryParameters.getAll("plan").compactMap { Int64($0) }
            let view = try await self.comparison(ids, lang: Self.language(request, context))
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: view.json)))
        }

        // Accounts and history
        api.get("users") { request, context in
            try context.require(.admin)
            struct User: Encodable {
                let name: String
                let role: Role
                let madeAt: Date
                enum CodingKeys: String, CodingKey { case name, role, madeAt = "made_at" }
            }
            return Views.json(try self.store.users().map { User(name: $0.name, role: $0.role, madeAt: $0.madeAt) })
        }
        api.post("users") { request, context in
            try context.require(.admin)
            struct NewUser: Decodable { let name, password, role: String }
            let body = try await Self.decode(NewUser.self, request, context: context)
            let user = try self.addUser(name: body.name, password: body.password, role: body.role, actor: context.actor)
            struct Answer: Encodable { let name: String; let role: Role }
            return Views.json(Answer(name: user.name, role: user.role), status: .created)
        }
        api.get("events") { request, context in
            let limit = min(1000, max(1, request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 100))
            return Views.json(try self.store.events(limit: limit))
        }
    }
}
