import Foundation
import NTPData
import NTPFiles
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPReports
import NTPStore
import NTPText
import NTPWorkbooks

/// What the pages and the API both do: each operation once, called by a page handler and by its API
/// twin. The planning rules are the library's; these only fetch, hand over and keep.
extension Workbench {
    // MARK: Blocking work

    /// Runs blocking work (loading a scenario, rebuilding plans, writing an export, a solve for an
    /// explanation) on a thread of its own, so that the server's threads keep answering.
    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    // MARK: Scenarios and versions

    func scenarioRecord(_ id: Int64) throws -> ScenarioRecord {
        guard let scenario = try store.scenario(id) else { throw Failure.notFound }
        return scenario
    }

    func versionRecord(scenario: Int64, number: Int) throws -> VersionRecord {
        guard let version = try store.version(scenario: scenario, number: number) else { throw Failure.notFound }
        return version
    }

    /// A version as loaded with the data folder: the scenario when it loads, else its errors. Kept: a
    /// version never changes.
    func versionView(scenario: Int64, number: Int) async throws -> VersionView {
        let record = try scenarioRecord(scenario)
        let version = try versionRecord(scenario: scenario, number: number)
        if let kept: VersionView = cache.existing("version:\(version.id!)") { return kept }
        return try await offload { [self] in
            try cache.value("version:\(version.id!)") {
                let bundle = try store.bundle(of: version.id!)
                let files = [bundle.name] + bundle.files.keys.sorted()
                // Worded in both languages once, as the page or answer asks for one.
                func byLanguage(_ lines: (Language) -> [String]) -> [Language: [String]] {
                    Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, lines($0)) })
                }
                let bytes = bundle.scenario.utf8.count + bundle.files.values.reduce(0) { $0 + $1.utf8.count }
                do {
                    let loaded = try inputs.loaded(bundle)
                    return VersionView(
                        scenario: record, version: version, files: files, loaded: loaded, errorsByLanguage: [:],
                        warningsByLanguage: byLanguage { lang in loaded.warnings.map { inputs.hidingFolders($0.text(lang)) } }, cacheBytes: bytes)
                } catch {
                    return VersionView(
                        scenario: record, version: version, files: files, loaded: nil,
                        errorsByLanguage: byLanguage { messages(error, lang: $0) }, warningsByLanguage: [:], cacheBytes: bytes)
                }
            }
        }
    }

    /// A library error as lines a user reads, without the folder the scenario was written to.
    func messages(_ error: any Error, lang: Language) -> [String] {
        let text: String
        switch error {
        case StoredInputsError.planning(.scenarioHasErrors(let diagnostics)): text = diagnostics.errors.map { $0.text(lang) }.joined(separator: "\n")
        default: text = lang(RunExecution.message(error))
        }
        return inputs.hidingFolders(text).split(separator: "\n").map(String.init)
    }

    // MARK: What-if

    /// The outcome of a what-if: a new version, nothing to save, or what is wrong, by form field.
    enum EditOutcome {
        case saved(VersionRecord)
        case nothingChanged
        case invalid([Failure.FieldError])
    }

    /// The form field of a what-if field (`e3` for the envelope change made from row 3).
    static func formName(_ field: ScenarioEdit.Field?, rows: [Int]) -> String {
        switch field {
        case .name?: "name"
        case .description?: "note"
        case .horizon?: "horizon"
        case .capacity?: "capacity"
        case .minimumProgress?: "minimum_progress"
        case .standardBonus?: "standard_bonus"
        case .officialTargets?: "official_targets"
        case .targets?: "targets"
        case .priority?: "priority"
        case .envelopeChange(let index)?: index < rows.count ? "e\(rows[index])" : ""
        case nil: ""
        }
    }

    static func field(of setting: PlanSetting) -> ScenarioEdit.Field? {
        switch setting {
        case .horizon: .horizon
        case .capacity: .capacity
        case .minimumProgress: .minimumProgress
        case .standardBonus: .standardBonus
        case .priority: .priority
        case .targets: .targets
        default: nil
        }
    }

    /// Saves a what-if on `version` as a new version, after the loaders and the planning setup have
    /// accepted it; `basedOn` is the latest version number the form was opened with.
    func saveEdit(
        version: VersionRecord, basedOn: Int, wanted: ScenarioEdit.Values, changes: [(row: Int, change: ScenarioEdit.EnvelopeChange)],
        name: String?, note: String?, actor: String, lang: Language
    ) async throws -> EditOutcome {
        try await offload { [self] in
            let bundle = try store.bundle(of: version.id!)
            let current: ScenarioEdit.Values
            do { current = ScenarioEdit.Values(try inputs.loaded(bundle).options) } catch {
                return .invalid(messages(error, lang: lang).map { Failure.FieldError(field: "", message: .verbatim($0)) })  // worded in `lang`
            }
            let given = changes.filter { !$0.change.isEmpty }
            let rows = given.map(\.row)
            let edit = ScenarioEdit(from: current, to: wanted, envelopeChanges: given.map(\.change), name: name, description: nil)
            guard !edit.isEmpty else { return .nothingChanged }
            // The what-if as it is kept (extending the version's file by name), and as it is read here
            // (extending the version's file where it was written).
            let kept: String, read: String
            do {
                kept = try edit.yaml(extending: bundle.name)
                read = try edit.yaml(extending: try inputs.scenarioFile(bundle))
            } catch let error as ScenarioEditError {
                return .invalid([Failure.FieldError(field: Self.formName(error.field, rows: rows), message: error.message)])
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-what-if-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent(bundle.name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(read.utf8).write(to: file)
            var problems: [Failure.FieldError] = []
            var edited: ScenarioBundle?
            do throws(PlanningError) {
                let loaded = try LoadedScenario(file.path, data: inputs.dataFolder, dataSet: inputs.dataSet)
                _ = try PlanSetup(PlanSettings(loaded), loaded: loaded)
                var diagnostics = Diagnostics()
                edited = ScenarioBundle(loaded.resolved, diagnostics: &diagnostics)
                problems += diagnostics.errors.map { Failure.FieldError(field: "", message: .verbatim(hiding($0.text(lang), folder))) }
            } catch .scenarioHasErrors(let diagnostics) {
                for diagnostic in diagnostics.errors {
                    let field = diagnostic.key.flatMap(ScenarioEdit.field(ofKey:))
                    let message = hiding(diagnostic.key.map { "\($0): \(lang(diagnostic.message))" } ?? diagnostic.text(lang), folder)
                    problems.append(Failure.FieldError(field: Self.formName(field, rows: rows), message: .verbatim(message)))
                }
            } catch .invalidSetting(let setting, let message) {
                problems.append(Failure.FieldError(field: Self.formName(Self.field(of: setting), rows: rows), message: message))
            } catch .noPlanningYears {
                problems.append(Failure.FieldError(field: "horizon", message: PlanningError.noPlanningYears.message))
            } catch .minCostNeedsTargets {
                problems.append(Failure.FieldError(field: "targets", message: PlanningError.minCostNeedsTargets.message))
            } catch {
                problems.append(Failure.FieldError(field: "", message: .verbatim(hiding(lang(error.message), folder))))
            }
            guard problems.isEmpty, let edited else { return .invalid(problems) }
            let summary = note.flatMap { $0.isEmpty ? nil : $0 } ?? Self.summary(edit)
            let saved = try store.addVersion(
                scenario: version.scenarioID, basedOn: basedOn, parent: version.id, bundle: edited, edit: kept, note: summary, actor: actor)
            return .saved(saved)
        }
    }

    /// A loader's message without the folders the scenario was read from.
    func hiding(_ text: String, _ folder: URL) -> String {
        inputs.hidingFolders(text).replacingOccurrences(of: folder.path + "/", with: "")
    }

    /// The changes of a what-if in a line, for the version's note when none is given.
    static func summary(_ edit: ScenarioEdit) -> String {
        var parts: [String] = []
        if let name = edit.name { parts.append("name: \(name)") }
        for (label, value) in [("horizon", edit.horizon), ("capacity", edit.capacity), ("minimum_progress", edit.minimumProgress),
                               ("standard_bonus", edit.standardBonus), ("priority", edit.priority)] {
            if let value { parts.append("\(label): \(value.isEmpty ? "–" : value)") }
        }
        if let official = edit.officialTargets { parts.append("official_targets: \(official)") }
        if let targets = edit.targets { parts.append("targets: \(targets.isEmpty ? "–" : targets.joined(separator: ", "))") }
        for change in edit.envelopeChanges {
            let what = [change.program, change.source, change.level, change.years].compactMap { $0 }.joined(separator: " ")
            parts.append("\(what) \(change.percent.map { "\($0) %" } ?? "= \(change.amount ?? "")")")
        }
        return parts.joined(separator: "; ")
    }

    // MARK: Scenario diff

    struct Difference: Sendable, Encodable {
        let key: String
        let from: String?
        let to: String?
    }

    /// What differs between two versions' effective inputs, as `ntp diff-scenarios` compares them, files
    /// named within the version.
    func differences(scenario: Int64, from: Int, to: Int, lang: Language) async throws -> [Difference] {
        let a = try await versionView(scenario: scenario, number: from), b = try await versionView(scenario: scenario, number: to)
        guard let first = a.loaded, let second = b.loaded else {
            throw Failure.badRequest(.verbatim((a.errors(lang) + b.errors(lang)).joined(separator: "\n")))  // worded in `lang`
        }
        return second.resolved.differences(from: first.resolved).compactMap { difference in
            // Values in `differences(from:)` are second's first; file paths are shown within the version.
            let old = difference.second.map(inputs.hidingFolders), new = difference.first.map(inputs.hidingFolders)
            return old == new ? nil : Difference(key: difference.key, from: old, to: new)
        }
    }

    // MARK: Uploads

    /// A scenario from an upload: scenario files (`.yaml` and the tables they name), or one department
    /// workbook (`.xlsx`, read by `WorkbookImport` as `ntp import` reads it). Checked as content, loaded
    /// with the data folder, stored whole or not at all.
    func upload(_ form: MultipartForm, actor: String, lang: Language) async throws -> Uploaded {
        func field(_ key: String) -> String? {
            form.fields[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        }
        var contents: [String: Data] = [:]
        for file in form.files {
            // Only the last part of what the browser calls the file: never a path.
            let plain = (file.fileName.replacingOccurrences(of: "\\", with: "/") as NSString).lastPathComponent
            guard contents[plain] == nil else { throw Failure.invalid([.init(field: "files", message: "\(plain): given twice")]) }
            contents[plain] = file.content
        }
        let workbooks = contents.keys.filter { $0.lowercased().hasSuffix(".xlsx") }
        if let workbook = workbooks.first {
            guard contents.count == 1 else {
                throw Failure.invalid([.init(field: "files", message: "\(workbook): a workbook is uploaded alone (it holds the whole scenario)")])
            }
            let unit: MoneyUnit?
            switch field("unit") {
            case nil: unit = nil
            case "trieu": unit = .trieu
            case "ty": unit = .ty
            case let other?: throw Failure.invalid([.init(field: "unit", message: "“\(other)”: the unit is trieu (million VND) or ty (billion VND)")])
            }
            let context = ImportContext(
                phaseID: field("phase"), scopeID: field("scope"), criteriaSetID: field("criteria_set"), unit: unit, name: field("name"))
            return try await importWorkbook(named: workbook, bytes: contents[workbook]!, context: context, actor: actor, lang: lang)
        }
        return try await uploadScenario(contents, root: field("root"), name: field("name"), actor: actor, lang: lang)
    }

    /// What an upload made: the scenario, its first version, and the warnings of a workbook's import
    /// (totals that disagree with their rows), which the version's note keeps too.
    struct Uploaded: Sendable {
        let scenario: ScenarioRecord
        let version: VersionRecord
        var warnings: [String] = []
    }

    /// Scenario files: a file a scenario names under a folder is put there, the scenario file found,
    /// the names and references checked (`ScenarioContent`) before anything is written.
    private func uploadScenario(_ uploaded: [String: Data], root: String?, name: String?, actor: String, lang: Language) async throws -> Uploaded {
        var contents = uploaded
        // A browser sends file names only: a file a scenario names under a folder (`status/x.csv`) is put
        // there when exactly one file of that name was uploaded.
        for (file, data) in contents where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            for reference in ScenarioReference.of(yaml: String(decoding: data, as: UTF8.self)) {
                guard let path = ScenarioReference.contained(reference.path, from: file), contents[path] == nil else { continue }
                let name = (path as NSString).lastPathComponent
                if path != name, let found = contents[name] {
                    contents[path] = found
                    contents[name] = nil
                }
            }
        }
        let yamls = contents.keys.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let extended = Set(contents.filter { yamls.contains($0.key) }.flatMap { ScenarioReference.of(yaml: String(decoding: $0.value, as: UTF8.self)) }
            .filter { $0.key == "extends" }.map(\.path))
        let chosen = root ?? (yamls.count == 1 ? yamls[0] : yamls.first { !extended.contains($0) })
        guard let chosen else {
            throw Failure.invalid([.init(field: "files", message: "no scenario file (.yaml) or workbook (.xlsx) among the files")])
        }
        let content: ScenarioContent
        do { content = try ScenarioContent(root: chosen, files: contents) } catch {
            throw Failure.invalid([.init(field: "files", message: error.message)])
        }
        return try await store(content, origin: .upload, sourceName: chosen, name: name, note: "uploaded", actor: actor, lang: lang)
    }

    /// A department workbook, read as `ntp import` reads it; every problem is listed at its sheet and
    /// cell (`book.xlsx:Biểu tiêu chí!F7: error: …`) and nothing is stored while there is one. The
    /// scenario folder the import gives (`ScenarioFolder`) becomes the version's content.
    private func importWorkbook(named name: String, bytes: Data, context: ImportContext, actor: String, lang: Language) async throws -> Uploaded {
        let dataSet = inputs.dataSet
        let read = try await offload { WorkbookImport(bytes: bytes, name: name, context: context, data: dataSet) }
        guard let scenario = read.scenario else {
            throw Failure.invalid(read.errors.map { .init(field: "files", message: .verbatim($0.text(lang))) })
        }
        let folder = ScenarioFolder(scenario, workbook: name, sheets: read.sheetsRead)
        var files: [String: Data] = [:]
        for file in folder.files { files[file.name] = file.contents }
        let content: ScenarioContent
        do { content = try ScenarioContent(root: ScenarioFolder.scenarioFile, files: files) } catch {
            throw Failure.invalid([.init(field: "files", message: error.message)])
        }
        let warnings = read.warnings.map(\.description)
        let note = (["imported from \(name)"] + warnings).joined(separator: "\n")
        var uploaded = try await store(content, origin: .workbook, sourceName: name, name: context.name, note: note, actor: actor, lang: lang)
        uploaded.warnings = read.warnings.map { $0.text(lang) }
        return uploaded
    }

    /// Checked content loaded with the data folder and stored as the bundle it gives, or nothing stored.
    private func store(
        _ content: ScenarioContent, origin: ScenarioOrigin, sourceName: String, name: String?, note: String, actor: String, lang: Language
    ) async throws -> Uploaded {
        try await offload { [self] in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-upload-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let bundle: ScenarioBundle
            let title: String
            do {
                let loaded = try LoadedScenario(try content.materialize(in: folder).path, data: inputs.dataFolder, dataSet: inputs.dataSet)
                var diagnostics = Diagnostics()
                guard let made = ScenarioBundle(loaded.resolved, diagnostics: &diagnostics) else { throw PlanningError.scenarioHasErrors(diagnostics) }
                bundle = made
                title = loaded.budget.name
            } catch let error as PlanningError {
                let text = lang(error.message)
                throw Failure.invalid(text.split(separator: "\n").map { .init(field: "files", message: .verbatim(hiding(String($0), folder))) })  // worded in `lang`
            }
            let added = try store.addScenario(name: name ?? title, origin: origin, sourceName: sourceName, bundle: bundle, note: note, actor: actor)
            return Uploaded(scenario: added.scenario, version: added.version)
        }
    }

    // MARK: Runs

    /// Queues a run after checking what the library can check before it starts.
    func queueRun(version: VersionRecord, kind: RunKind, request: RunRequest, actor: String) throws -> RunRecord {
        if kind == .sweep {
            do { _ = try SweepRun.scales(request.scale ?? "") } catch { throw Failure.invalid([.init(field: "scale", message: error.message)]) }
            guard let sources = request.sources, !sources.isEmpty else {
                throw Failure.invalid([.init(field: "source", message: "choose at least one source to scale")])
            }
            for source in sources where inputs.dataSet.catalogs.source(source) == nil {
                throw Failure.invalid([.init(field: "source", message: "\(source): unknown capital source (see Data/catalogs/capital-sources.yaml)")])
            }
        }
        if kind == .baseline, request.method == nil || request.method == .optimizer {
            throw Failure.invalid([.init(field: "method", message: "a baseline is official, formula or greedy")])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let run = try store.queueRun(kind: kind, version: version.id!, request: String(decoding: try encoder.encode(request), as: UTF8.self), actor: actor)
        runs.pump()
        return run
    }

    // MARK: Plans

    func planRecord(_ id: Int64) throws -> PlanRecord {
        guard let plan = try store.plan(id) else { throw Failure.notFound }
        return plan
    }

    /// A plan's name in lists and comparison columns: its number and what made it.
    static func planName(id: Int64, method: String, lang: Language) -> String {
        "#\(id) · " + Texts.text("method.\(method)", lang)
    }

    /// Stored plans rebuilt from their own inputs, named for the comparison's columns.
    func compared(_ plans: [PlanRecord], lang: Language) throws -> [ComparedPlan] {
        do {
            return try store.comparedPlans(plans.map { ($0, Self.planName(id: $0.id!, method: $0.method, lang: lang)) })
        } catch {
            throw Failure.badRequest(.verbatim(inputs.hidingFolders(lang(error.message))))  // worded in `lang`
        }
    }

    /// A plan's HTML report content and what the plan page offers with it. Kept per plan and language.
    func planPage(_ plan: PlanRecord, lang: Language) async throws -> PlanPage {
        if let kept: PlanPage = cache.existing("plan:\(plan.id!):\(lang.rawValue)") { return kept }
        return try await offload { [self] in
            try cache.value("plan:\(plan.id!):\(lang.rawValue)") {
                let compared = try compared([plan], lang: lang)
                let setup = compared[0].setup
                return PlanPage(
                    report: PlanExport(plans: compared).htmlContent(lang: lang),
                    communes: setup.inputs.communes.filter { !$0.missing.isEmpty }.map { ($0.locality.id, $0.locality.name) })
            }
        }
    }

    /// The comparison of stored plans, as `ntp compare` makes it: its header, tables and JSON.
    func comparison(_ ids: [Int64], lang: Language) async throws -> ComparisonView {
        guard ids.count >= 2 else { throw Failure.badRequest(Texts.messages["chooseTwo"]!) }
        if let kept: ComparisonView = cache.existing("compare:\(ids.map(String.init).joined(separator: ",")):\(lang.rawValue)") { return kept }
        let plans = try ids.map(planRecord)
        return try await offload { [self] in
            try cache.value("compare:\(ids.map(String.init).joined(separator: ",")):\(lang.rawValue)") {
                let report = PlanComparisonReport(comparison: PlanComparison(plans: try compared(plans, lang: lang)), lang: lang)
                return ComparisonView(header: report.header, sections: report.sections, json: try report.json())
            }
        }
    }

    /// A plan exported in `format` (with the comparison when `other` is given): the bytes, the file name
    /// and the media type. A CSV export is its folder zipped.
    func export(_ plan: PlanRecord, format: ExportFormat, lang: Language, other: PlanRecord?) async throws -> Download {
        if let kept: Download = cache.existing("export:\(plan.id!):\(other?.id ?? 0):\(format.rawValue):\(lang.rawValue)") { return kept }
        return try await offload { [self] in
            try cache.value("export:\(plan.id!):\(other?.id ?? 0):\(format.rawValue):\(lang.rawValue)") {
                let compared = try compared([plan] + (other.map { [$0] } ?? []), lang: lang)
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-export-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let base = "ke-hoach-\(plan.id!)" + (other.map { "-so-sanh-\($0.id!)" } ?? "")
                let target = folder.appendingPathComponent(format == .csv ? base : "\(base).\(format.rawValue)")
                do { try PlanExport(plans: compared).write(format, to: target, lang: lang) } catch { throw Failure.internalError((error as? ExportError)?.message ?? Message(.reason(of: error))) }
                switch format {
                case .csv:
                    return Download(data: try Zip.folder(target), name: "\(base)-csv.zip", type: "application/zip")
                case .xlsx:
                    return Download(data: try Data(contentsOf: target), name: "\(base).xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                case .json:
                    return Download(data: try Data(contentsOf: target), name: "\(base).json", type: "application/json")
                case .html:
                    return Download(data: try Data(contentsOf: target), name: "\(base).html", type: "text/html; charset=utf-8")
                }
            }
        }
    }

    /// Why a commune's criteria land where the plan puts them, as `ntp explain` says it.
    func explain(_ plan: PlanRecord, commune: String, criterion: String?, lang: Language) async throws -> [String] {
        if let kept: [String] = cache.existing("explain:\(plan.id!):\(commune):\(criterion ?? ""):\(lang.rawValue)") { return kept }
        return try await offload { [self] in
            try cache.value("explain:\(plan.id!):\(commune):\(criterion ?? ""):\(lang.rawValue)") {
                let run: ExplainRun
                do {
                    let document = try store.document(of: plan)
                    run = try ExplainRun(plan: Self.planName(id: plan.id!, method: plan.method, lang: lang), document: document, commune: commune, criterion: criterion)
                } catch let error as PlanningError {
                    throw Failure.badRequest(.verbatim(inputs.hidingFolders(lang(error.message))))  // worded in `lang`
                } catch let error as StoredInputsError {
                    throw Failure.badRequest(.verbatim(inputs.hidingFolders(lang(error.message))))  // worded in `lang`
                }
                let heading = lang("Commune \(run.commune.name) (\(run.commune.id))")
                return [heading] + run.explanations.map { ExplanationText(explanation: $0, criteria: run.criteria, lang: lang).text }
            }
        }
    }
}

/// A version with its scenario loaded, or the errors that keep it from loading.
struct VersionView: CacheCost {
    let scenario: ScenarioRecord
    let version: VersionRecord
    let files: [String]
    let loaded: LoadedScenario?
    let errorsByLanguage: [Language: [String]]
    let warningsByLanguage: [Language: [String]]
    /// Counted as the size of the files it was loaded from.
    let cacheBytes: Int

    /// Why the version does not load, in `lang`.
    func errors(_ lang: Language) -> [String] { errorsByLanguage[lang] ?? [] }
    /// What loading it warns of, in `lang`.
    func warnings(_ lang: Language) -> [String] { warningsByLanguage[lang] ?? [] }
}

/// A plan's report and the communes its page can explain.
struct PlanPage: CacheCost {
    let report: String
    let communes: [(id: String, name: String)]

    var cacheBytes: Int { report.utf8.count + communes.reduce(0) { $0 + $1.id.utf8.count + $1.name.utf8.count } }
}

/// The kept parts of a plan page (`Workbench.planBody`): its tools and its report, rendered.
struct PlanBody: CacheCost {
    let tools: String
    let report: String

    var cacheBytes: Int { tools.utf8.count + report.utf8.count }
}

struct ComparisonView: CacheCost {
    let header: [String]
    let sections: [ReportSection]
    let json: String

    /// The tables are about as large as their JSON.
    var cacheBytes: Int { 2 * json.utf8.count + header.cacheBytes }
}

struct Download: CacheCost {
    let data: Data
    let name: String
    let type: String

    var cacheBytes: Int { data.count }
}
