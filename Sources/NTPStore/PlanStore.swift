import Foundation
import GRDB
import NTPData
import NTPFiles
import NTPText

/// The plan store: one SQLite file (docs/workbench.md, "The store") holding scenarios as content and
/// their versions, plans with the exact inputs they were made from, runs, users, sessions and who did
/// what when. Created and migrated on first open. Every change is one transaction: it is stored whole
/// or not at all, so a server stopped or killed at any moment loses nothing it had stored.
///
/// Safe to use from several threads: reads run side by side (write-ahead log), writes one at a time.
public final class PlanStore: Sendable {
    let database: any DatabaseWriter
    /// The file, or nil in memory.
    public let path: String?

    /// Where `ntp serve` and `ntp store` keep the store unless told otherwise, whatever folder they run
    /// in: the user's data folder (`$XDG_DATA_HOME/ntp`, else `~/.local/share/ntp`).
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share").path
        return (base as NSString).appendingPathComponent("ntp/workbench.sqlite")
    }

    /// Opens (creating and migrating when needed) the store at `path`.
    public init(path: String) throws(StoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            database = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(database)
        } catch {
            throw .cannotOpen(path: path, reason: StoreError.reason(error))
        }
        self.path = path
    }

    /// A store in memory, for tests.
    public init() throws(StoreError) {
        do {
            database = try DatabaseQueue()
            try Schema.migrator.migrate(database)
        } catch {
            throw .cannotOpen(path: ":memory:", reason: StoreError.reason(error))
        }
        path = nil
    }

    /// The migrations this file has run, in order.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(body) } catch let error as StoreError { throw error } catch { throw .database(StoreError.reason(error)) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.write(body) } catch let error as StoreError { throw error } catch { throw .database(StoreError.reason(error)) }
    }

    static func event(_ db: Database, actor: String, action: String, subject: String, detail: String = "") throws {
        var event = EventRecord(at: Date(), actor: actor, action: action, subject: subject, detail: detail)
        try event.insert(db)
    }

    // MARK: Scenarios and versions

    /// A scenario in a list: its latest version and how many plans its versions have.
    public struct ScenarioSummary: Sendable, Equatable {
        public let scenario: ScenarioRecord
        public let latest: VersionRecord
        public let versions: Int
        public let plans: Int
    }

    /// A new scenario with its first version.
    @discardableResult
    public func addScenario(
        name: String, origin: ScenarioOrigin, sourceName: String?, bundle: ScenarioBundle, note: String, actor: String
    ) throws(StoreError) -> (scenario: ScenarioRecord, version: VersionRecord) {
        try write { db in
            var scenario = ScenarioRecord(name: name, origin: origin, sourceName: sourceName, madeBy: actor, madeAt: Date())
            try scenario.insert(db)
            let version = try Self.insertVersion(db, scenario: scenario.id!, number: 1, parent: nil, bundle: bundle, edit: nil, note: note, actor: actor)
            try Self.event(db, actor: actor, action: "scenario.add", subject: "scenario \(scenario.id!)", detail: "\(origin.rawValue): \(name)")
            return (scenario, version)
        }
    }

    /// A new version of a scenario, made from version `parent` (the latest when nil) by someone who saw
    /// version `basedOn` as the latest; `edit` is the what-if file it was made with. Refused as stale when
    /// the scenario has a later version than that one: someone else saved an edit since it was read.
    @discardableResult
    public func addVersion(
        scenario: Int64, basedOn: Int, parent: Int64? = nil, bundle: ScenarioBundle, edit: String? = nil, note: String, actor: String
    ) throws(StoreError) -> VersionRecord {
        try write { db in
            guard try ScenarioRecord.fetchOne(db, key: scenario) != nil else { throw StoreError.noSuchScenario(scenario) }
            let latest = try VersionRecord.filter(Column("scenario_id") == scenario).order(Column("number").desc).fetchOne(db)!
            guard latest.number == basedOn else { throw StoreError.staleEdit(basedOn: basedOn, latest: latest) }
            if let parent, try VersionRecord.filter(Column("id") == parent && Column("scenario_id") == scenario).fetchCount(db) == 0 {
                throw StoreError.noSuchVersion(parent)
            }
            let version = try Self.insertVersion(
                db, scenario: scenario, number: latest.number + 1, parent: parent ?? latest.id, bundle: bundle, edit: edit, note: note, actor: actor)
            try Self.event(db, actor: actor, action: "version.add", subject: "scenario \(scenario)", detail: "version \(version.number): \(note)")
            return version
        }
    }

    private static func insertVersion(
        _ db: Database, scenario: Int64, number: Int, parent: Int64?, bundle: ScenarioBundle, edit: String?, note: String, actor: String
    ) throws -> VersionRecord {
        let digest = bundle.digest
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try db.execute(sql: "INSERT OR IGNORE INTO blob (digest, content) VALUES (?, ?)", arguments: [digest, try encoder.encode(bundle)])
        var version = VersionRecord(
            scenarioID: scenario, number: number, parentID: parent, fileName: bundle.name, digest: digest, note: note, edit: edit, madeBy: actor, madeAt: Date())
        try version.insert(db)
        return version
    }

    /// How many distinct bundles are stored.
    func blobCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blob") ?? 0 }
    }

    /// Every scenario, by name, with its latest version.
    public func scenarios() throws(StoreError) -> [ScenarioSummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id AS sid, v.id AS vid,
                  (SELECT COUNT(*) FROM scenario_version WHERE scenario_id = s.id) AS versions,
                  (SELECT COUNT(*) FROM plan p JOIN scenario_version pv ON pv.id = p.version_id WHERE pv.scenario_id = s.id) AS plans
                FROM scenario s JOIN scenario_version v ON v.scenario_id = s.id
                WHERE v.number = (SELECT MAX(number) FROM scenario_version WHERE scenario_id = s.id)
                ORDER BY s.name COLLATE NOCASE, s.id
                """)
            return try rows.map { row in
                ScenarioSummary(
                    scenario: try ScenarioRecord.fetchOne(db, key: row["sid"] as Int64)!, latest: try VersionRecord.fetchOne(db, key: row["vid"] as Int64)!,
                    versions: row["versions"], plans: row["plans"])
            }
        }
    }

    public func scenario(_ id: Int64) throws(StoreError) -> ScenarioRecord? {
        try read { db in try ScenarioRecord.fetchOne(db, key: id) }
    }

    /// The shipped scenario imported from the file `sourceName`.
    public func shippedScenario(sourceName: String) throws(StoreError) -> ScenarioRecord? {
        try read { db in
            try ScenarioRecord.filter(Column("origin") == ScenarioOrigin.shipped.rawValue && Column("source_name") == sourceName).fetchOne(db)
        }
    }

    /// A scenario's versions, newest first.
    public func versions(of scenario: Int64) throws(StoreError) -> [VersionRecord] {
        try read { db in try VersionRecord.filter(Column("scenario_id") == scenario).order(Column("number").desc).fetchAll(db) }
    }

    public func version(_ id: Int64) throws(StoreError) -> VersionRecord? {
        try read { db in try VersionRecord.fetchOne(db, key: id) }
    }

    public func version(scenario: Int64, number: Int) throws(StoreError) -> VersionRecord? {
        try read { db in try VersionRecord.filter(Column("scenario_id") == scenario && Column("number") == number).fetchOne(db) }
    }

    /// The bundle of a version, as it was stored.
    public func bundle(of version: Int64) throws(StoreError) -> ScenarioBundle {
        let data: Data? = try read { db in
            guard let record = try VersionRecord.fetchOne(db, key: version) else { throw StoreError.noSuchVersion(version) }
            return try Data.fetchOne(db, sql: "SELECT content FROM blob WHERE digest = ?", arguments: [record.digest])
        }
        guard let data, let bundle = try? JSONDecoder().decode(ScenarioBundle.self, from: data) else { throw .damaged("version \(version)") }
        return bundle
    }

    // MARK: Plans

    /// A plan to store, with the inputs it was made from.
    public struct NewPlan: Sendable {
        public var version: Int64
        public var run: Int64?
        public var method: String
        public var label: String
        public var scenarioName: String
        public var dataDigest: String
        public var settings: String
        public var generator: String
        public var termination: String
        public var criteriaYears: Int?
        public var objectiveValue: Double?
        public var document: Data
        public var actor: String

        public init(
            version: Int64, run: Int64? = nil, method: String, label: String, scenarioName: String, dataDigest: String, settings: String, generator: String,
            termination: String, criteriaYears: Int?, objectiveValue: Double?, document: Data, actor: String
        ) {
            self.version = version
            self.run = run
            self.method = method
            self.label = label
            self.scenarioName = scenarioName
            self.dataDigest = dataDigest
            self.settings = settings
            self.generator = generator
            self.termination = termination
            self.criteriaYears = criteriaYears
            self.objectiveValue = objectiveValue
            self.document = document
            self.actor = actor
        }
    }

    @discardableResult
    public func addPlan(_ plan: NewPlan) throws(StoreError) -> PlanRecord {
        try write { db in try Self.insertPlan(db, plan) }
    }

    private static func insertPlan(_ db: Database, _ plan: NewPlan) throws -> PlanRecord {
        guard try VersionRecord.fetchOne(db, key: plan.version) != nil else { throw StoreError.noSuchVersion(plan.version) }
        var record = PlanRecord(
            versionID: plan.version, runID: plan.run, method: plan.method, label: plan.label, scenarioName: plan.scenarioName, dataDigest: plan.dataDigest,
            settings: plan.settings, generator: plan.generator, termination: plan.termination, criteriaYears: plan.criteriaYears,
            objectiveValue: plan.objectiveValue, document: plan.document, madeBy: plan.actor, madeAt: Date())
        try record.insert(db)
        try event(db, actor: plan.actor, action: "plan.add", subject: "plan \(record.id!)", detail: "\(plan.method): \(plan.label)")
        return record
    }

    /// A plan in a list: everything but the plan file.
    public struct PlanSummary: Sendable, Equatable, FetchableRecord, Decodable {
        public let id: Int64
        public let versionID: Int64
        public let scenarioID: Int64
        public let versionNumber: Int
        public let method: String
        public let label: String
        public let scenarioName: String
        public let termination: String
        public let criteriaYears: Int?
        public let objectiveValue: Double?
        public let madeBy: String
        public let madeAt: Date

        enum CodingKeys: String, CodingKey {
            case id, versionID = "version_id", scenarioID = "scenario_id", versionNumber = "number", method, label, scenarioName = "scenario_name"
            case termination, criteriaYears = "criteria_years", objectiveValue = "objective_value", madeBy = "made_by", madeAt = "made_at"
        }
    }

    static let planSummarySQL = """
        SELECT p.id, p.version_id, v.scenario_id, v.number, p.method, p.label, p.scenario_name, p.termination, p.criteria_years,
          p.objective_value, p.made_by, p.made_at
        FROM plan p JOIN scenario_version v ON v.id = p.version_id
        """

    /// Plans, newest first; `scenario` narrows to one scenario's versions.
    public func plans(scenario: Int64? = nil, limit: Int = 50, offset: Int = 0) throws(StoreError) -> [PlanSummary] {
        try read { db in
            if let scenario {
                return try PlanSummary.fetchAll(
                    db, sql: Self.planSummarySQL + " WHERE v.scenario_id = ? ORDER BY p.id DESC LIMIT ? OFFSET ?", arguments: [scenario, limit, offset])
            }
            return try PlanSummary.fetchAll(db, sql: Self.planSummarySQL + " ORDER BY p.id DESC LIMIT ? OFFSET ?", arguments: [limit, offset])
        }
    }

    /// Where a plan comes from: the data, the program and the run that made it.
    public struct PlanOrigin: Sendable, Equatable, FetchableRecord, Decodable {
        public let dataDigest: String
        public let generator: String
        public let runID: Int64?

        enum CodingKeys: String, CodingKey { case dataDigest = "data_digest", generator, runID = "run_id" }
    }

    /// A plan's origin, read without its file: these columns come before the file in the row, so
    /// SQLite reads them from the row's first page.
    public func planOrigin(_ id: Int64) throws(StoreError) -> PlanOrigin? {
        try read { db in try PlanOrigin.fetchOne(db, sql: "SELECT data_digest, generator, run_id FROM plan WHERE id = ?", arguments: [id]) }
    }

    public func planSummaries(ids: [Int64]) throws(StoreError) -> [PlanSummary] {
        try read { db in
            let found = try PlanSummary.fetchAll(db, sql: Self.planSummarySQL + " WHERE p.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", arguments: StatementArguments(ids))
            return ids.compactMap { id in found.first { $0.id == id } }
        }
    }

    public func planCount(scenario: Int64? = nil) throws(StoreError) -> Int {
        try read { db in
            if let scenario {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan p JOIN scenario_version v ON v.id = p.version_id WHERE v.scenario_id = ?", arguments: [scenario]) ?? 0
            }
            return try PlanRecord.fetchCount(db)
        }
    }

    public func plan(_ id: Int64) throws(StoreError) -> PlanRecord? {
        try read { db in try PlanRecord.fetchOne(db, key: id) }
    }

    // MARK: Runs

    @discardableResult
    public func queueRun(kind: RunKind, version: Int64, request: String, actor: String) throws(StoreError) -> RunRecord {
        try write { db in
            guard try VersionRecord.fetchOne(db, key: version) != nil else { throw StoreError.noSuchVersion(version) }
            var run = RunRecord(kind: kind, versionID: version, request: request, state: .queued, madeBy: actor, queuedAt: Date())
            try run.insert(db)
            try Self.event(db, actor: actor, action: "run.queue", subject: "run \(run.id!)", detail: "\(kind.rawValue) of version \(version)")
            return run
        }
    }

    /// The oldest queued run, now running; nil when none is queued.
    public func startNextRun() throws(StoreError) -> RunRecord? {
        try write { db in
            guard var run = try RunRecord.filter(Column("state") == RunState.queued.rawValue).order(Column("id")).fetchOne(db) else { return nil }
            run.state = .running
            run.startedAt = Date()
            try run.update(db)
            return run
        }
    }

    public func setProgress(run: Int64, progress: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET progress = ? WHERE id = ? AND state = 'running'", arguments: [progress, run])
        }
    }

    /// Ends a running run: its state, message and result, and the plan it made stored with it in the
    /// same transaction. A run that is no longer running (cancelled while queued) is left as it is.
    @discardableResult
    public func finishRun(
        _ id: Int64, state: RunState, message: String?, result: String? = nil, plan: NewPlan? = nil
    ) throws(StoreError) -> (run: RunRecord, plan: PlanRecord?) {
        precondition(state.isFinished, "a run finishes in a finished state")
        return try write { db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { throw StoreError.noSuchRun(id) }
            guard run.state == .running else { return (run, nil) }
            var stored: PlanRecord?
            if var plan {
                plan.run = id
                stored = try Self.insertPlan(db, plan)
            }
            run.state = state
            run.message = message
            run.result = result
            run.planID = stored?.id
            run.finishedAt = Date()
            try run.update(db)
            try Self.event(db, actor: run.madeBy, action: "run.\(state.rawValue)", subject: "run \(id)", detail: message ?? "")
            return (run, stored)
        }
    }

    /// Cancels a queued run at once; a running one is only marked by its worker when the solver stops.
    /// Returns the run as it now is.
    public func cancelQueuedRun(_ id: Int64, actor: String) throws(StoreError) -> RunRecord {
        try write { db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { throw StoreError.noSuchRun(id) }
            if run.state == .queued {
                run.state = .cancelled
                run.message = "cancelled before it started"
                run.finishedAt = Date()
                try run.update(db)
                try Self.event(db, actor: actor, action: "run.cancel", subject: "run \(id)")
            }
            return run
        }
    }

    /// At start: runs the previous server left queued or running are marked interrupted (nothing of
    /// theirs was stored). Returns how many.
    @discardableResult
    public func interruptUnfinishedRuns() throws(StoreError) -> Int {
        try write { db in
            let unfinished = try RunRecord.filter([RunState.queued.rawValue, RunState.running.rawValue].contains(Column("state"))).fetchAll(db)
            for var run in unfinished {
                run.message = run.state == .running ? "the server stopped while it ran" : "the server stopped before it ran"
                run.state = .interrupted
                run.finishedAt = Date()
                try run.update(db)
                try Self.event(db, actor: "server", action: "run.interrupted", subject: "run \(run.id!)")
            }
            return unfinished.count
        }
    }

    public func run(_ id: Int64) throws(StoreError) -> RunRecord? {
        try read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// Runs, newest first.
    public func runs(limit: Int = 50, offset: Int = 0) throws(StoreError) -> [RunRecord] {
        try read { db in try RunRecord.order(Column("id").desc).limit(limit, offset: offset).fetchAll(db) }
    }

    public func runs(in states: [RunState]) throws(StoreError) -> [RunRecord] {
        try read { db in try RunRecord.filter(states.map(\.rawValue).contains(Column("state"))).order(Column("id")).fetchAll(db) }
    }

    // MARK: Users and sessions

    @discardableResult
    public func addUser(name: String, passwordHash: String, role: Role, actor: String) throws(StoreError) -> UserRecord {
        try write { db in
            if try UserRecord.filter(Column("name").collating(.nocase) == name).fetchOne(db) != nil { throw StoreError.duplicateUser(name) }
            var user = UserRecord(name: name, passwordHash: passwordHash, role: role, madeAt: Date())
            try user.insert(db)
            try Self.event(db, actor: actor, action: "user.add", subject: "user \(name)", detail: role.rawValue)
            return user
        }
    }

    public func users() throws(StoreError) -> [UserRecord] {
        try read { db in try UserRecord.order(Column("name").collating(.nocase)).fetchAll(db) }
    }

    public func userCount() throws(StoreError) -> Int {
        try read { db in try UserRecord.fetchCount(db) }
    }

    public func user(named name: String) throws(StoreError) -> UserRecord? {
        try read { db in try UserRecord.filter(Column("name").collating(.nocase) == name).fetchOne(db) }
    }

    public func user(_ id: Int64) throws(StoreError) -> UserRecord? {
        try read { db in try UserRecord.fetchOne(db, key: id) }
    }

    public func addSession(_ session: SessionRecord) throws(StoreError) {
        try write { db in try session.insert(db) }
    }

    /// The session of a token digest, when it has not expired.
    public func session(tokenDigest: String, at now: Date = Date()) throws(StoreError) -> SessionRecord? {
        try read { db in try SessionRecord.filter(Column("token_digest") == tokenDigest && Column("expires_at") > now).fetchOne(db) }
    }

    public func removeSession(tokenDigest: String) throws(StoreError) {
        try write { db in _ = try SessionRecord.deleteOne(db, key: tokenDigest) }
    }

    /// Drops expired sessions; returns how many.
    @discardableResult
    public func removeExpiredSessions(at now: Date = Date()) throws(StoreError) -> Int {
        try write { db in try SessionRecord.filter(Column("expires_at") <= now).deleteAll(db) }
    }

    public func record(actor: String, action: String, subject: String, detail: String = "") throws(StoreError) {
        try write { db in try Self.event(db, actor: actor, action: action, subject: subject, detail: detail) }
    }

    /// The latest events, newest first.
    public func events(limit: Int = 100) throws(StoreError) -> [EventRecord] {
        try read { db in try EventRecord.order(Column("id").desc).limit(limit).fetchAll(db) }
    }
}

/// Why the store cannot do what was asked.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: Message)
    /// An edit made from version `basedOn` while `latest` had been saved since.
    case staleEdit(basedOn: Int, latest: VersionRecord)
    case noSuchScenario(Int64)
    case noSuchVersion(Int64)
    case noSuchRun(Int64)
    case duplicateUser(String)
    /// Stored content that no longer reads back (changed outside the store).
    case damaged(String)
    /// SQLite or the file system refused: why (`reason(_:)`).
    case database(Message)

    /// What went wrong, in either language.
    public var message: Message {
        switch self {
        case .cannotOpen(let path, let reason): "\(path): cannot open the plan store (\(reason))"
        case .staleEdit(let basedOn, let latest):
            "the scenario has changed since version \(basedOn) was opened: version \(latest.number) was saved by \(latest.madeBy); open it and make the change again"
        case .noSuchScenario(let id): "no scenario \(id) in the store"
        case .noSuchVersion(let id): "no scenario version \(id) in the store"
        case .noSuchRun(let id): "no run \(id) in the store"
        case .duplicateUser(let name): "a user named “\(name)” exists already"
        case .damaged(let what): "the store's \(what) is damaged"
        case .database(let message): "the plan store failed: \(message)"
        }
    }

    public var description: String { message.text(.en) }

    /// Why SQLite refused, as an officer can act on it (GRDB's `DatabaseError` text is SQLite's
    /// English); any other error as `Wording.reason(of:)` words it.
    public static func reason(_ error: any Error) -> Message {
        guard let error = error as? DatabaseError else { return Message(.reason(of: error)) }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return "the store is busy: another program is writing to it; try again in a moment"
        case .SQLITE_FULL: return Message(SystemReason(code: ENOSPC).wording)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "the store is damaged (its file is not a whole SQLite database); restore it from a copy, or give another --store"
        case .SQLITE_CONSTRAINT: return "a record contradicts what the store holds (in SQLite's own words: \(error.message ?? ""))"
        case .SQLITE_READONLY: return "the store is read-only: ntp may not write to its file or folder"
        case .SQLITE_CANTOPEN: return "the store's file cannot be opened (check its folder and permissions)"
        case .SQLITE_IOERR: return "the disk failed to read or write the store"
        case .SQLITE_PERM, .SQLITE_AUTH: return Message(SystemReason(code: EACCES).wording)
        default: return "SQLite error \(error.resultCode.rawValue) (in SQLite's own words: \(error.message ?? ""))"
        }
    }
}
