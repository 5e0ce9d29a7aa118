import Foundation
import GRDB
import NTPData
import NTPDomain
import NTPPlanning

/// Stored scenario versions and plans, loaded from their own stored inputs: each version's files are
/// written to a folder of their own (named by the content's digest, written once, atomically) and read
/// by the planning workflow as any scenario file; a stored plan is rebuilt against the version it was
/// made from, with the data folder given here.
///
/// The plan file records its scenario by path (docs/plan-format.md); a stored plan records it as
/// `store/SCENARIO/vNUMBER/FILE`, and is pointed at its version's folder before the workflow reads it.
public final class StoredInputs: Sendable {
    public let store: PlanStore
    /// The data folder, as given, and what it holds.
    public let dataFolder: String
    public let dataSet: DataSet
    /// `Digest.ofFolder` of the data folder, recorded with every plan.
    public let dataDigest: String
    /// Where versions are written.
    let folder: URL

    public init(store: PlanStore, dataFolder: String) throws(StoredInputsError) {
        do { dataSet = try loadDataSet(dataFolder) } catch { throw .planning(error) }
        do { dataDigest = try Digest.ofFolder(URL(fileURLWithPath: dataFolder)) } catch { throw .data("\(dataFolder): \(error.localizedDescription)") }
        self.store = store
        self.dataFolder = URL(fileURLWithPath: dataFolder).standardizedFileURL.path
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-inputs-\(getpid())-\(UUID().uuidString.prefix(8))")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The scenario file of `content`, written under the inputs' folder if it is not there yet.
    public func scenarioFile(_ content: ScenarioContent) throws(StoredInputsError) -> String {
        let target = folder.appendingPathComponent(content.digest)
        if FileManager.default.fileExists(atPath: target.path) { return target.appendingPathComponent(content.root).path }
        let scratch = folder.appendingPathComponent("\(content.digest).\(UUID().uuidString)")
        do {
            _ = try content.materialize(in: scratch)
            try FileManager.default.moveItem(at: scratch, to: target)
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            // Another thread wrote the same content first.
            guard FileManager.default.fileExists(atPath: target.path) else { throw .data("cannot write the scenario's files: \(error)") }
        }
        return target.appendingPathComponent(content.root).path
    }

    /// The scenario of a version, loaded with this data folder.
    public func loaded(version: Int64) throws(StoredInputsError) -> LoadedScenario {
        let content: ScenarioContent
        do { content = try store.content(of: version) } catch { throw .store(error) }
        return try loaded(content)
    }

    /// Content (stored or not yet) loaded with this data folder. Errors name the content's own files,
    /// not the folder they were written to.
    public func loaded(_ content: ScenarioContent) throws(StoredInputsError) -> LoadedScenario {
        let path = try scenarioFile(content)
        do { return try LoadedScenario(path, data: dataFolder, dataSet: dataSet) } catch {
            throw .planning(error)
        }
    }

    /// The part of a path or message that names the folder a content was written to, for removal from
    /// what a user sees.
    public func hidingFolders(_ text: String) -> String {
        text.replacing(/\/[^\s:]*ntp-inputs-[0-9]+-[0-9A-Fa-f-]+\/[0-9a-f]{64}\//, with: "")
    }

    /// How a plan records a stored version: `store/SCENARIO/vNUMBER/FILE`.
    public static func scenarioLabel(_ version: VersionRecord) -> String {
        "store/\(version.scenarioID)/v\(version.number)/\(version.rootFile)"
    }

    /// A stored plan's file, pointed at its version's files and this data folder, so that the workflow
    /// rebuilds it from its own inputs wherever it runs.
    public func document(of plan: PlanRecord) throws(StoredInputsError) -> (document: PlanDocument, json: Data) {
        let content: ScenarioContent
        do { content = try store.content(of: plan.versionID) } catch { throw .store(error) }
        return try document(of: plan, scenario: try scenarioFile(content), data: dataFolder)
    }

    /// A stored plan's file with its settings naming `scenario` and `data`; the plan an earlier plan
    /// was locked to is not stored with it and is dropped.
    func document(of plan: PlanRecord, scenario: String, data: String) throws(StoredInputsError) -> (document: PlanDocument, json: Data) {
        guard var object = (try? JSONSerialization.jsonObject(with: plan.document)) as? [String: Any], var settings = object["settings"] as? [String: Any] else {
            throw .data("plan \(plan.id ?? 0): the stored plan file is not a JSON object with settings")
        }
        settings["scenario"] = scenario
        settings["data"] = data
        settings["lockPlan"] = nil
        settings["lockThrough"] = nil
        object["settings"] = settings
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) } catch { throw .data("plan \(plan.id ?? 0): \(error)") }
        do { return (try PlanDocument.decode(json, path: "plan \(plan.id ?? 0)"), json) } catch { throw .planning(error) }
    }

    /// Stored plans for comparison and export, each rebuilt from its own version, named as given (names
    /// must differ). Each plan is read from a folder of its own holding its version's files under the
    /// path its file records (`store/SCENARIO/vNUMBER/`, linked to the version's folder) and the data
    /// folder as `Data` (linked), so that the reports name the scenario as the store does.
    public func comparedPlans(_ plans: [(plan: PlanRecord, name: String)]) throws(StoredInputsError) -> [ComparedPlan] {
        let scratch = folder.appendingPathComponent("plans-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var paths: [String] = []
        for (index, entry) in plans.enumerated() {
            let found: VersionRecord?
            do { found = try store.version(entry.plan.versionID) } catch { throw .store(error) }
            guard let version = found else { throw .store(.noSuchVersion(entry.plan.versionID)) }
            let content: ScenarioContent
            do { content = try store.content(of: entry.plan.versionID) } catch { throw .store(error) }
            let written = URL(fileURLWithPath: try scenarioFile(content)).deletingLastPathComponent()
            let base = scratch.appendingPathComponent("\(index)")
            let label = Self.scenarioLabel(version)
            let versionFolder = base.appendingPathComponent((label as NSString).deletingLastPathComponent)
            let json = try document(of: entry.plan, scenario: label, data: "Data").json
            let url = base.appendingPathComponent(Self.fileName(entry.name))
            do {
                try FileManager.default.createDirectory(at: versionFolder.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(at: versionFolder, withDestinationURL: written)
                try FileManager.default.createSymbolicLink(at: base.appendingPathComponent("Data"), withDestinationURL: URL(fileURLWithPath: dataFolder))
                try json.write(to: url)
            } catch { throw .data("cannot lay out plan \(entry.plan.id ?? 0) for reading: \(error.localizedDescription)") }
            paths.append(url.path)
        }
        do { return try ComparedPlan.loadAll(paths) } catch { throw .planning(error) }
    }

    /// A name usable as a file name: no `/`, no leading dot, not empty.
    static func fileName(_ name: String) -> String {
        let cleaned = name.replacingOccurrences(of: "/", with: "∕").trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "plan \(cleaned)" : cleaned
    }

    /// Stores a plan made from `content` (outside the store: `ntp plan --store`): the content becomes a
    /// version of the command-line scenario of the same file name (a new scenario the first time, a new
    /// version when the content changed), and the plan is stored against it, all in one go.
    public func storeCommandLinePlan(
        document: PlanDocument, content: ScenarioContent, sourceName: String, actor: String
    ) throws(StoredInputsError) -> (plan: PlanRecord, version: VersionRecord) {
        do {
            let version = try store.commandLineVersion(sourceName: sourceName, name: document.scenario_name, content: content, actor: actor)
            var settings = document.settings
            settings.scenario = Self.scenarioLabel(version)
            let record = try store.addPlan(try Self.newPlan(document, settings: settings, version: version, dataDigest: dataDigest, actor: actor))
            return (record, version)
        } catch let error as StoreError {
            throw .store(error)
        } catch let error as StoredInputsError {
            throw error
        } catch {
            throw .data("\(error)")
        }
    }

    /// A plan document as the store keeps it: its settings naming the stored version.
    public static func newPlan(
        _ document: PlanDocument, settings: PlanSettings, version: VersionRecord, dataDigest: String, actor: String, run: Int64? = nil
    ) throws(StoredInputsError) -> PlanStore.NewPlan {
        let data: Data
        let settingsJSON: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            settingsJSON = try encoder.encode(settings)
            guard var object = try JSONSerialization.jsonObject(with: document.encoded()) as? [String: Any] else { throw StoredInputsError.data("not an object") }
            object["settings"] = try JSONSerialization.jsonObject(with: settingsJSON)
            data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        } catch { throw .data("cannot encode the plan: \(error)") }
        return PlanStore.NewPlan(
            version: version.id!, run: run, method: document.madeBy.rawValue, label: document.madeBy.rawValue, scenarioName: document.scenario_name,
            dataDigest: dataDigest, settings: String(decoding: settingsJSON, as: UTF8.self), generator: document.generated_by,
            termination: document.termination, criteriaYears: document.criteria_years, objectiveValue: document.objective_value, document: data, actor: actor)
    }
}

extension PlanStore {
    /// The version holding `content` of the command-line scenario read from `sourceName`: the latest one
    /// when it has the same digest, else a new version (or a new scenario the first time).
    func commandLineVersion(sourceName: String, name: String, content: ScenarioContent, actor: String) throws(StoreError) -> VersionRecord {
        let existing = try read { db in
            try ScenarioRecord.filter(Column("origin") == ScenarioOrigin.commandLine.rawValue && Column("source_name") == sourceName).fetchOne(db)
        }
        guard let scenario = existing else {
            return try addScenario(name: name, origin: .commandLine, sourceName: sourceName, content: content, note: "ntp plan --store", actor: actor).version
        }
        let latest = try versions(of: scenario.id!)[0]
        if latest.digest == content.digest { return latest }
        return try addVersion(scenario: scenario.id!, basedOn: latest.number, content: content, note: "ntp plan --store", actor: actor)
    }
}

/// Why stored inputs cannot be loaded.
public enum StoredInputsError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    case planning(PlanningError)
    case data(String)

    public var description: String {
        switch self {
        case .store(let error): "\(error)"
        case .planning(let error): "\(error)"
        case .data(let message): message
        }
    }
}
