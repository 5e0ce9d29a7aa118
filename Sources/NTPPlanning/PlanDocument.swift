import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPFiles
import NTPOptimization

/// What made a plan: the optimizer or one of the baselines (docs/baselines.md).
public enum PlanMethod: String, Sendable, Codable, CaseIterable {
    case optimizer, official, formula, greedy
}

/// The plan file (docs/plan-format.md).
public struct PlanDocument: Codable, Sendable {
    public struct Completion: Codable, Sendable, Hashable {
        public let commune, criterion: String
        public let year: Int
    }

    public struct Line: Codable, Sendable, Hashable {
        public let locality: String
        public let criterion: String?
        public let program, source: String
        public let year: Int
        public let amount_dong: Int64
        /// The locality of the envelope the money is drawn on, when the envelope is limited to one (a
        /// commune's own central money); absent for an envelope of the whole area.
        public var envelope_locality: String?

        public var amount: Money { Money(dong: amount_dong) }
        public var allocationLine: AllocationLine {
            AllocationLine(
                locality: locality, criterion: criterion, program: program, source: source, year: year, amount: amount, envelopeLocality: envelope_locality)
        }
    }

    public struct Shortfall: Codable, Sendable, Hashable {
        public let commune: String
        public let year: Int
        public let criteria: Int
    }

    /// Money a baseline's schedule needs beyond the envelopes.
    public struct Unfunded: Codable, Sendable, Hashable {
        public let commune, criterion, kind: String
        public let year: Int
        public let amount_dong: Int64
    }

    public static let currentVersion = 3
    /// Versions this program reads: a version 2 plan carries no inputs (they are rebuilt from the
    /// scenario and data folder it names) and may leave out `method`, `timeLimit` and `gap`.
    public static let readableVersions: ClosedRange<Int> = 2...3
    public var format = "ntp-plan"
    public var version = PlanDocument.currentVersion
    public let generated_by: String
    public let settings: PlanSettings
    public let scenario_name: String
    public let years: [Int]
    /// Why the search stopped (`TerminationReason`'s raw value).
    public let termination: String
    public let objective_value: Double?
    public let criteria_years: Int?
    public let best_bound: Double?
    public let relative_gap: Double?
    /// Whether the time limit cut the search short, so that the same inputs may give another plan;
    /// absent in plans written before it was recorded.
    public var time_limited: Bool?
    public let completions: [Completion]
    public let shortfalls: [Shortfall]
    public let lines: [Line]
    /// Absent in plans written before baselines existed, which are the optimizer's.
    public var method: PlanMethod?
    /// Baselines only: money the schedule needs beyond the envelopes.
    public var unfunded: [Unfunded]?
    /// What the plan was made from (absent in version 2 plans).
    public var inputs: PlanInputs?

    /// The program that writes plans: NTP Planner and GLPK versions.
    public static let generator = "ntp \(NTPPlanner.version) (GLPK \(GLPK.version))"

    public init(
        setup: PlanSetup, settings: PlanSettings, result: AllocationResult, method: PlanMethod = .optimizer, unfunded: [BaselinePlan.Unfunded]? = nil
    ) {
        let years = setup.inputs.years
        generated_by = Self.generator
        inputs = setup.inputs
        self.method = method
        self.unfunded = unfunded?.map {
            Unfunded(commune: $0.commune, criterion: $0.criterion, kind: $0.kind.rawValue, year: $0.year, amount_dong: $0.amount.dong)
        }
        self.settings = settings
        scenario_name = setup.inputs.scenario.name
        self.years = years
        termination = result.termination.rawValue
        objective_value = result.objectiveValue
        criteria_years = result.criteriaYears(over: years)
        best_bound = result.bestBound
        relative_gap = result.relativeGap
        time_limited = result.timeLimited
        completions = result.completion.map { Completion(commune: $0.key.commune, criterion: $0.key.criterion, year: $0.value) }
            .sorted { ($0.commune, Int($0.criterion) ?? 0) < ($1.commune, Int($1.criterion) ?? 0) }
        shortfalls = result.shortfalls.map { Shortfall(commune: $0.commune, year: $0.year, criteria: $0.criteria) }
        lines = result.plan.lines.map {
            Line(
                locality: $0.locality, criterion: $0.criterion, program: $0.program, source: $0.source, year: $0.year, amount_dong: $0.amount.dong,
                envelope_locality: $0.envelopeLocality)
        }
    }

    /// The inputs the plan was made from: those it carries, or for a version 2 plan those rebuilt from
    /// the scenario and data folder it names, looked for from the current folder and then from the plan
    /// file's folder and each folder above it.
    public func setup(path: String) throws(PlanningError) -> PlanSetup {
        if let inputs { return PlanSetup(inputs: inputs) }
        // The plan an earlier plan was locked to is not read again (it may have moved since).
        var settings = Self.located(settings, plan: path)
        settings.lockPlan = nil
        settings.lockThrough = nil
        let setup: PlanSetup
        do { setup = try PlanSetup(settings) } catch {
            throw .cannotRebuildScenario(plan: path, scenario: settings.scenario, data: settings.data, reason: error)
        }
        // A version 2 plan is checked against its rebuilt inputs as a version 3 one is against its own.
        try check(against: setup.inputs, path: path)
        return setup
    }

    /// The settings with their scenario and data folder found from the current folder, else from the
    /// plan file's folder upwards.
    static func located(_ settings: PlanSettings, plan: String) -> PlanSettings {
        let manager = FileManager.default
        guard !settings.scenario.hasPrefix("/"), !manager.fileExists(atPath: settings.scenario) else { return settings }
        var folder = URL(fileURLWithPath: plan).standardizedFileURL.deletingLastPathComponent()
        while folder.path != "/" {
            let scenario = folder.appendingPathComponent(settings.scenario), data = folder.appendingPathComponent(settings.data)
            if manager.fileExists(atPath: scenario.path), manager.fileExists(atPath: data.path) {
                var found = settings
                found.scenario = scenario.path
                found.data = data.path
                return found
            }
            folder = folder.deletingLastPathComponent()
        }
        return settings
    }

    /// How the scenario file and data folder the plan names differ today from what it was made from
    /// (nothing when they are not found here: the plan's own inputs are used either way).
    public func inputChanges(path: String) -> [InputChange] {
        guard let inputs else { return [] }
        let located = Self.located(settings, plan: path)
        var changes: [InputChange] = []
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: located.data, isDirectory: &isFolder), isFolder.boolValue else { return [] }
        let (dataSet, _) = DataSet.load(root: URL(fileURLWithPath: located.data))
        if dataSet.digest != inputs.data.digest { changes.append(.data(folder: located.data)) }
        if FileManager.default.fileExists(atPath: located.scenario) {
            var diagnostics = Diagnostics()
            let bundle = ResolvedScenario.load(url: URL(fileURLWithPath: located.scenario), catalogs: dataSet.catalogs, diagnostics: &diagnostics)
                .flatMap { ScenarioBundle($0, diagnostics: &diagnostics) }
            if bundle?.digest != inputs.scenario.digest { changes.append(.scenario(file: located.scenario)) }
        }
        return changes
    }

    /// An input that changed since the plan was made.
    public enum InputChange: Sendable, Equatable {
        case scenario(file: String)
        case data(folder: String)
    }

    /// What made the plan (plans from before baselines are the optimizer's).
    public var madeBy: PlanMethod { method ?? .optimizer }

    /// The money as allocation lines, for the ledger.
    public func allocationPlan(name: String) -> AllocationPlan {
        AllocationPlan(name: name, lines: lines.map(\.allocationLine))
    }

    /// The plan as JSON: keys sorted, so that the same plan is the same file.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a plan file, refusing other formats and versions this program does not know.
    public static func read(from path: String) throws(PlanningError) -> PlanDocument {
        let data: Data
        do { data = try InputFile.data(at: path) } catch { throw .file(error) }
        return try decode(data, path: path)
    }

    /// A plan file's content; `path` names it in errors. The JSON is read first (a truncated or
    /// damaged file is told as such), then its format and version, then the plan field by field (an
    /// error names the field and the value found), and last the plan against the inputs it carries
    /// (`problems(against:)`); a version 2 plan is checked once its inputs are rebuilt (`setup(path:)`).
    public static func decode(_ data: Data, path: String) throws(PlanningError) -> PlanDocument {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            // A file that does not even start as a JSON object is some other file.
            guard data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else {
                throw .planFile(path: path, reason: "not an ntp plan file (not JSON)")
            }
            let reason = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            throw .planFile(path: path, reason: "not valid JSON (in the decoder's own words: \(reason)); the file is damaged or cut short")
        }
        guard let object = json as? [String: Any], object["format"] as? String == "ntp-plan" else {
            throw .planFile(path: path, reason: "not an ntp plan file (no \"format\": \"ntp-plan\")")
        }
        let version = (object["version"] as? NSNumber).flatMap { Int(exactly: $0.doubleValue) }
        guard let version, readableVersions.contains(version) else {
            throw .planFile(
                path: path,
                reason: "plan format version \(object["version"].map { "\($0)" } ?? "?") is not one this ntp reads (\(readableVersions.lowerBound)-\(readableVersions.upperBound)); make the plan again with ntp plan")
        }
        let document: PlanDocument
        do { document = try JSONDecoder().decode(PlanDocument.self, from: data) } catch {
            throw .planFile(path: path, reason: "the plan file is damaged: \(JSONProblem.describe(error, in: json))")
        }
        if version >= 3 {
            guard let inputs = document.inputs else {
                throw .planFile(path: path, reason: "the plan file is damaged: it carries no inputs (\"inputs\")")
            }
            try document.check(against: inputs, path: path)
        }
        return document
    }
}
