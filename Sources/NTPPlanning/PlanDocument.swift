import Foundation
import GLPKSwift
import NTPDomain
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

        public var amount: Money { Money(dong: amount_dong) }
        public var allocationLine: AllocationLine {
            AllocationLine(locality: locality, criterion: criterion, program: program, source: source, year: year, amount: amount)
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
    /// Versions this program reads: 2 differs only in leaving out `method`, `timeLimit` and `gap`
    /// from the settings of older plans, which read as their defaults.
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
    public let completions: [Completion]
    public let shortfalls: [Shortfall]
    public let lines: [Line]
    /// Absent in plans written before baselines existed, which are the optimizer's.
    public var method: PlanMethod?
    /// Baselines only: money the schedule needs beyond the envelopes.
    public var unfunded: [Unfunded]?

    /// The program that writes plans: NTP Planner and GLPK versions.
    public static let generator = "ntp \(NTPPlanner.version) (GLPK \(GLPK.version))"

    public init(
        settings: PlanSettings, scenarioName: String, years: [Int], result: AllocationResult, method: PlanMethod = .optimizer,
        unfunded: [BaselinePlan.Unfunded]? = nil
    ) {
        generated_by = Self.generator
        self.method = method
        self.unfunded = unfunded?.map {
            Unfunded(commune: $0.commune, criterion: $0.criterion, kind: $0.kind.rawValue, year: $0.year, amount_dong: $0.amount.dong)
        }
        self.settings = settings
        scenario_name = scenarioName
        self.years = years
        termination = result.termination.rawValue
        objective_value = result.objectiveValue
        criteria_years = result.criteriaYears(over: years)
        best_bound = result.bestBound
        relative_gap = result.relativeGap
        completions = result.completion.map { Completion(commune: $0.key.commune, criterion: $0.key.criterion, year: $0.value) }
            .sorted { ($0.commune, Int($0.criterion) ?? 0) < ($1.commune, Int($1.criterion) ?? 0) }
        shortfalls = result.shortfalls.map { Shortfall(commune: $0.commune, year: $0.year, criteria: $0.criteria) }
        lines = result.plan.lines.map {
            Line(locality: $0.locality, criterion: $0.criterion, program: $0.program, source: $0.source, year: $0.year, amount_dong: $0.amount.dong)
        }
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

    /// Writes the plan atomically: the file appears whole or not at all.
    public func write(to url: URL) throws(PlanningError) {
        do { try encoded().write(to: url, options: .atomic) } catch {
            throw .planFile(path: url.path, reason: "cannot write the plan file (\(error.localizedDescription))")
        }
    }

    /// Reads a plan file, refusing other formats and versions this program does not know.
    public static func read(from path: String) throws(PlanningError) -> PlanDocument {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .planFile(path: path, reason: "cannot read the plan file (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// A plan file's content; `path` names it in errors.
    public static func decode(_ data: Data, path: String) throws(PlanningError) -> PlanDocument {
        struct Header: Decodable { let format: String?; let version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == "ntp-plan" else {
            throw .planFile(path: path, reason: "not an ntp plan file (no \"format\": \"ntp-plan\")")
        }
        guard let version = header.version, readableVersions.contains(version) else {
            throw .planFile(
                path: path,
                reason: "plan format version \(header.version.map(String.init) ?? "?") is not one this ntp reads (\(readableVersions.lowerBound)-\(readableVersions.upperBound)); make the plan again with ntp plan")
        }
        do { return try JSONDecoder().decode(PlanDocument.self, from: data) } catch {
            throw .planFile(path: path, reason: "the plan file is damaged: \(error)")
        }
    }
}
