import GRDB

/// The store's tables, one migration per change of schema. A migration that has run is never edited:
/// a new one is added after it (GRDB's `DatabaseMigrator` records which have run in the file itself).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1 scenarios, versions, plans, runs, users, sessions, events") { db in
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().collate(.nocase)
                t.column("password_hash", .text).notNull()
                t.column("role", .text).notNull().check { ["viewer", "planner", "admin"].contains($0) }
                t.column("made_at", .datetime).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("token_digest", .text)
                t.column("user_id", .integer).notNull().references("user", onDelete: .cascade)
                t.column("made_at", .datetime).notNull()
                t.column("expires_at", .datetime).notNull().indexed()
            }
            try db.create(table: "scenario") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("origin", .text).notNull().check { ["shipped", "upload", "workbook", "command-line"].contains($0) }
                t.column("source_name", .text)
                t.column("made_by", .text).notNull()
                t.column("made_at", .datetime).notNull()
            }
            // Contents once, by digest: a version's bundle (JSON).
            try db.create(table: "blob") { t in
                t.primaryKey("digest", .text)
                t.column("content", .blob).notNull()
            }
            try db.create(table: "scenario_version") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("scenario_id", .integer).notNull().references("scenario", onDelete: .cascade)
                t.column("number", .integer).notNull().check { $0 >= 1 }
                t.column("parent_id", .integer).references("scenario_version", onDelete: .setNull)
                t.column("file_name", .text).notNull()
                t.column("digest", .text).notNull().references("blob")
                t.column("note", .text).notNull()
                t.column("edit", .text)
                t.column("made_by", .text).notNull()
                t.column("made_at", .datetime).notNull()
                t.uniqueKey(["scenario_id", "number"])
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull().check { ["plan", "baseline", "sweep"].contains($0) }
                t.column("version_id", .integer).notNull().references("scenario_version")
                t.column("request", .text).notNull()
                t.column("state", .text).notNull().indexed()
                    .check { ["queued", "running", "done", "failed", "cancelled", "interrupted"].contains($0) }
                t.column("progress", .text)
                t.column("message", .text)
                t.column("plan_id", .integer)
                t.column("result", .text)
                t.column("made_by", .text).notNull()
                t.column("queued_at", .datetime).notNull()
                t.column("started_at", .datetime)
                t.column("finished_at", .datetime)
            }
            try db.create(table: "plan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("version_id", .integer).notNull().references("scenario_version").indexed()
                t.column("run_id", .integer).references("run", onDelete: .setNull)
                t.column("method", .text).notNull()
                t.column("label", .text).notNull()
                t.column("scenario_name", .text).notNull()
                t.column("data_digest", .text).notNull()
                t.column("settings", .text).notNull()
                t.column("generator", .text).notNull()
                t.column("termination", .text).notNull()
                t.column("criteria_years", .integer)
                t.column("objective_value", .double)
                t.column("document", .blob).notNull()
                t.column("made_by", .text).notNull()
                t.column("made_at", .datetime).notNull().indexed()
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("detail", .text).notNull()
            }
        }
        // A plan's file (hundreds of kB) sits in the middle of its row: reading any column after it
        // (`made_by`, `made_at`) walks the file's overflow pages, so a list of 50 plans read megabytes.
        // These indices hold every column a plan list reads (`PlanStore.plans`), newest first overall or
        // within a scenario's versions, so a list never reads a plan file.
        migrator.registerMigration("2 plan lists from indices") { db in
            let listed = ["method", "label", "scenario_name", "termination", "criteria_years", "objective_value", "made_by", "made_at"]
            try db.create(index: "plan_list", on: "plan", columns: ["id", "version_id"] + listed)
            try db.create(index: "plan_list_by_version", on: "plan", columns: ["version_id", "id"] + listed)
            // The new index starts with `version_id`: it serves what this one did.
            try db.drop(index: "plan_on_version_id")
        }
        return migrator
    }
}
