import Foundation
import GRDB

/// Where a scenario came from.
public enum ScenarioOrigin: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// A file of the project's `Scenarios/` folder, imported when the workbench starts.
    case shipped
    /// Scenario files uploaded through the workbench.
    case upload
    /// A department workbook imported through the workbench (Excel in).
    case workbook
    /// Saved by `ntp plan --store` or `ntp baseline --store`.
    case commandLine = "command-line"
}

/// A scenario: a name and its versions.
public struct ScenarioRecord: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scenario"
    public var id: Int64?
    public var name: String
    public var origin: ScenarioOrigin
    /// The file a shipped or command-line scenario was read from (`quang-hoa-2022-2025.yaml`), as a
    /// label: never opened again.
    public var sourceName: String?
    public var madeBy: String
    public var madeAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, name, origin, sourceName = "source_name", madeBy = "made_by", madeAt = "made_at"
    }
}

/// One version of a scenario: its content (a `ScenarioBundle`: the effective scenario and the files it
/// names, kept by digest) and where it came from. An edit is a new version whose parent is the version
/// edited; versions are numbered 1, 2, … per scenario.
public struct VersionRecord: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scenario_version"
    public var id: Int64?
    public var scenarioID: Int64
    public var number: Int
    public var parentID: Int64?
    /// The scenario file's name (the bundle's).
    public var fileName: String
    /// `ScenarioBundle.digest`: the key of the bundle in the store.
    public var digest: String
    /// What the version changes, in the words of whoever made it.
    public var note: String
    /// A what-if: the scenario file written for it, extending the parent (Scenarios/README.md,
    /// "Inheritance"); nil for an import.
    public var edit: String?
    public var madeBy: String
    public var madeAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, scenarioID = "scenario_id", number, parentID = "parent_id", fileName = "file_name", digest, note, edit, madeBy = "made_by"
        case madeAt = "made_at"
    }
}

/// What a run makes.
public enum RunKind: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The optimizer's plan.
    case plan
    /// A baseline plan (official, formula, greedy).
    case baseline
    /// The budget-outcome curve.
    case sweep
}

/// Where a run is. `interrupted`: the server stopped while it was queued or running.
public enum RunState: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    case queued, running, done, failed, cancelled, interrupted

    /// The run will not change any more.
    public var isFinished: Bool { ![.queued, .running].contains(self) }
}

/// A piece of background work on a scenario version, from queued to finished.
public struct RunRecord: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public var id: Int64?
    public var kind: RunKind
    public var versionID: Int64
    /// What was asked, as JSON (the workbench's `RunRequest`).
    public var request: String
    public var state: RunState
    /// The latest progress, as JSON (the workbench's `RunProgress`); nil before the first report.
    public var progress: String?
    /// Why it failed, or what it ended with.
    public var message: String?
    /// The plan it made.
    public var planID: Int64?
    /// A sweep's rows, as JSON.
    public var result: String?
    public var madeBy: String
    public var queuedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, kind, versionID = "version_id", request, state, progress, message, planID = "plan_id", result, madeBy = "made_by"
        case queuedAt = "queued_at", startedAt = "started_at", finishedAt = "finished_at"
    }
}

/// A plan with the exact inputs it was made from: the scenario version, the data folder's digest, the
/// settings and the program that made it (also inside the document), and the plan file itself.
public struct PlanRecord: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "plan"
    public var id: Int64?
    public var versionID: Int64
    public var runID: Int64?
    /// `optimizer`, `official`, `formula` or `greedy`.
    public var method: String
    /// A name for lists and comparison columns.
    public var label: String
    public var scenarioName: String
    /// `Digest.ofFolder` of the data folder the plan was made with.
    public var dataDigest: String
    /// The plan's settings as the plan file has them (JSON).
    public var settings: String
    /// `PlanDocument.generator` of the program that made it.
    public var generator: String
    public var termination: String
    public var criteriaYears: Int?
    public var objectiveValue: Double?
    /// The plan file (docs/plan-format.md).
    public var document: Data
    public var madeBy: String
    public var madeAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, versionID = "version_id", runID = "run_id", method, label, scenarioName = "scenario_name", dataDigest = "data_digest", settings
        case generator, termination, criteriaYears = "criteria_years", objectiveValue = "objective_value", document, madeBy = "made_by", madeAt = "made_at"
    }
}

/// What a user may do: read (viewer), plan (planner: edit scenarios, run, upload), and manage accounts
/// (admin). Each role may do what the ones before it may.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable, DatabaseValueConvertible {
    case viewer, planner, admin

    public static func < (a: Role, b: Role) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

public struct UserRecord: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"
    public var id: Int64?
    public var name: String
    /// bcrypt.
    public var passwordHash: String
    public var role: Role
    public var madeAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, name, passwordHash = "password_hash", role, madeAt = "made_at"
    }
}

/// A login: the digest of the session cookie's token (the token itself is never stored), the user, and
/// when it ends.
public struct SessionRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
    public var tokenDigest: String
    public var userID: Int64
    public var madeAt: Date
    public var expiresAt: Date

    public init(tokenDigest: String, userID: Int64, madeAt: Date, expiresAt: Date) {
        self.tokenDigest = tokenDigest
        self.userID = userID
        self.madeAt = madeAt
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case tokenDigest = "token_digest", userID = "user_id", madeAt = "made_at", expiresAt = "expires_at"
    }
}

/// Who did what when: one line per change to the store.
public struct EventRecord: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"
    public var id: Int64?
    public var at: Date
    public var actor: String
    /// `scenario.import`, `version.create`, `run.queue`, `run.cancel`, `plan.save`, `user.create`, …
    public var action: String
    /// What it acted on (`scenario 3`, `run 12`).
    public var subject: String
    public var detail: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
