import Foundation
import GRDB
import NTPData
import NTPDomain
import NTPText
import NTPPlanning

/// Stored scenario versions as the planning workflow reads them: a version is a `ScenarioBundle`,
/// loaded with the data folder given here by writing it to a folder of its own (once per digest).
/// Stored plans need no folder: a plan file carries its own inputs (docs/plan-format.md), so it is
/// compared, explained and exported from the store alone (`PlanStore.comparedPlans`), whatever has
/// happened to any folder since. A stored plan names its scenario as the store does,
/// `store/SCENARIO/vNUMBER/FILE`, in its settings and its inputs, never by a path of the machine it was
/// made on.
public final class StoredInputs: Sendable {
    public let store: PlanStore
    /// The data folder, as given, and what it holds.
    public let dataFolder: String
    public let dataSet: DataSet
    /// Where versions are written, and the scenario file of each digest written so far.
    let folder: URL
    private let written = WrittenBundles()

    public init(store: PlanStore, dataFolder: String) throws(StoredInputsError) {
        do { dataSet = try loadDataSet(dataFolder) } catch { throw .planning(error) }
        self.store = store
        self.dataFolder = URL(fileURLWithPath: dataFolder).standardizedFileURL.path
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-inputs-\(getpid())-\(UUID().uuidString.prefix(8))")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The data folder's digest, as plans record it.
    public var dataDigest: String { dataSet.digest }

    /// The scenario file of `bundle`, written under the inputs' folder the first time.
    public func scenarioFile(_ bundle: ScenarioBundle) throws(StoredInputsError) -> String {
        let digest = bundle.digest
        if let path = written.path(digest) { return path }
        do {
            let path = try bundle.materialize(in: folder.appendingPathComponent(digest)).path
            return written.keep(digest, path)
        } catch {
            throw .data("cannot write the scenario's files: \(error)")
        }
    }

    /// A bundle loaded with this data folder. Errors name the bundle's own files, not the folder they
    /// were written to.
    public func loaded(_ bundle: ScenarioBundle) throws(StoredInputsError) -> LoadedScenario {
        let path = try scenarioFile(bundle)
        do { return try LoadedScenario(path, data: dataFolder, dataSet: dataSet) } catch { throw .planning(error) }
    }

    /// The scenario of a version, loaded with this data folder.
    public func loaded(version: Int64) throws(StoredInputsError) -> LoadedScenario {
        do { return try loaded(try store.bundle(of: version)) } catch let error as StoredInputsError { throw error } catch {
            throw .data("\(error)")
        }
    }

    /// The bundle of the scenario file at `path` (a shipped file, a folder a command was given).
    public func bundle(scenario path: String) throws(StoredInputsError) -> ScenarioBundle {
        var diagnostics = Diagnostics()
        guard let resolved = ResolvedScenario.load(url: URL(fileURLWithPath: path), catalogs: dataSet.catalogs, diagnostics: &diagnostics),
            let bundle = ScenarioBundle(resolved, diagnostics: &diagnostics)
        else { throw .planning(.scenarioHasErrors(diagnostics)) }
        return bundle
    }

    /// A text without the folders bundles were written to (messages of the loaders name them).
    public func hidingFolders(_ text: String) -> String {
        // Most texts name no such folder; the pattern is slow to run over every line of a list.
        guard text.contains("ntp-inputs-") else { return text }
        return text.replacing(/\/[^\s:()"]*ntp-inputs-[0-9]+-[0-9A-Fa-f]+\/[0-9a-f]{64}\/scenario-[0-9A-Fa-f-]+\//, with: "")
    }

    /// The same for a message: every text put into it, at any depth.
    public func hidingFolders(_ message: Message) -> Message {
        Message(template: message.template, arguments: message.arguments.map { argument in
            switch argument {
            case .text(let text): .text(hidingFolders(text))
            case .message(let inner): .message(hidingFolders(inner))
            }
        })
    }

    /// How a plan names a stored version: `store/SCENARIO/vNUMBER/FILE`.
    public static func scenarioLabel(_ version: VersionRecord) -> String {
        "store/\(version.scenarioID)/v\(version.number)/\(version.fileName)"
    }
}

/// The scenario file written for each bundle digest.
private final class WrittenBundles: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String: String] = [:]

    func path(_ digest: String) -> String? { lock.withLock { paths[digest] } }

    /// Keeps the first path written for a digest and returns it.
    func keep(_ digest: String, _ path: String) -> String {
        lock.withLock {
            if let first = paths[digest] { return first }
            paths[digest] = path
            return path
        }
    }
}

extension PlanStore {
    /// A stored plan's file.
    public func document(of plan: PlanRecord) throws(StoredInputsError) -> PlanDocument {
        do { return try PlanDocument.decode(plan.document, path: "plan \(plan.id ?? 0)") } catch { throw .planning(error) }
    }

    /// Stored plans for comparison and export, each with the inputs it carries (no folder is read),
    /// named as given (names must differ).
    public func comparedPlans(_ plans: [(plan: PlanRecord, name: String)]) throws(StoredInputsError) -> [ComparedPlan] {
        var compared: [ComparedPlan] = []
        for entry in plans {
            let document = try document(of: entry.plan)
            let setup: PlanSetup
            do { setup = try document.setup(path: entry.name) } catch { throw .planning(error) }
            compared.append(ComparedPlan(name: entry.name, path: entry.name, document: document, setup: setup))
        }
        return compared
    }

    /// Stores a plan `ntp plan` or `ntp baseline` made: the bundle it carries becomes a version of the
    /// command-line scenario of the same file name (a new scenario the first time, a new version when
    /// the content changed), and the plan is stored against it.
    public func addCommandLinePlan(_ document: PlanDocument, actor: String) throws(StoredInputsError) -> (plan: PlanRecord, version: VersionRecord) {
        guard let inputs = document.inputs else { throw .data("the plan carries no inputs (a version 2 plan): make it again with ntp plan") }
        let version: VersionRecord
        do {
            version = try commandLineVersion(
                sourceName: (inputs.scenario.file as NSString).lastPathComponent, name: document.scenario_name, bundle: inputs.scenario.bundle, actor: actor)
        } catch { throw .store(error) }
        let plan = try NewPlan(document, version: version, actor: actor)
        do { return (try addPlan(plan), version) } catch { throw .store(error) }
    }
}

extension PlanStore.NewPlan {
    /// A plan document as the store keeps it: its scenario named as the store names the version (in its
    /// settings and its inputs), the rest as made.
    public init(_ document: PlanDocument, version: VersionRecord, actor: String, run: Int64? = nil) throws(StoredInputsError) {
        let label = StoredInputs.scenarioLabel(version)
        let data: Data
        let settings: Data
        do {
            guard var object = try JSONSerialization.jsonObject(with: document.encoded()) as? [String: Any], var recorded = object["settings"] as? [String: Any] else {
                throw StoredInputsError.data("the plan is not a JSON object")
            }
            recorded["scenario"] = label
            object["settings"] = recorded
            if var inputs = object["inputs"] as? [String: Any], var scenario = inputs["scenario"] as? [String: Any] {
                scenario["file"] = label
                scenario["chain"] = [label]
                inputs["scenario"] = scenario
                object["inputs"] = inputs
            }
            data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            settings = try JSONSerialization.data(withJSONObject: recorded, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch let error as StoredInputsError {
            throw error
        } catch {
            throw .data("cannot encode the plan: \(error)")
        }
        self.init(
            version: version.id!, run: run, method: document.madeBy.rawValue, label: document.madeBy.rawValue, scenarioName: document.scenario_name,
            dataDigest: document.inputs?.data.digest ?? "", settings: String(decoding: settings, as: UTF8.self), generator: document.generated_by,
            termination: document.termination, criteriaYears: document.criteria_years, objectiveValue: document.objective_value, document: data, actor: actor)
    }
}

extension PlanStore {
    /// The version holding `bundle` of the command-line scenario read from `sourceName`: the latest one
    /// when it has the same digest, else a new version (or a new scenario the first time).
    func commandLineVersion(sourceName: String, name: String, bundle: ScenarioBundle, actor: String) throws(StoreError) -> VersionRecord {
        let existing = try read { db in
            try ScenarioRecord.filter(Column("origin") == ScenarioOrigin.commandLine.rawValue && Column("source_name") == sourceName).fetchOne(db)
        }
        guard let scenario = existing else {
            return try addScenario(name: name, origin: .commandLine, sourceName: sourceName, bundle: bundle, note: "ntp --store", actor: actor).version
        }
        let latest = try versions(of: scenario.id!)[0]
        if latest.digest == bundle.digest { return latest }
        return try addVersion(scenario: scenario.id!, basedOn: latest.number, bundle: bundle, note: "ntp --store", actor: actor)
    }
}

/// Why stored inputs cannot be loaded.
public enum StoredInputsError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    case planning(PlanningError)
    case data(Message)

    /// What went wrong, in either language.
    public var message: Message {
        switch self {
        case .store(let error): error.message
        case .planning(let error): error.message
        case .data(let message): message
        }
    }

    public var description: String { message.text(.en) }
}
