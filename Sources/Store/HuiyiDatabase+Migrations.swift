/// The store's schema, as named, append-only migrations (GRDB `DatabaseMigrator`).
import GRDB

extension HuiyiDatabase {
    /// Never edit a registered migration: a database that already ran it would not run it again.
    /// Append a new one ("v2-rooms", …) for every schema change. Timestamps are REAL Unix seconds, so SQL can
    /// compare them with `unixepoch()` and an operator can read them with `datetime(x, 'unixepoch')`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // RFC 7616 §3.4.2: HA1 per algorithm instead of the password, so a leaked file reveals no password
            // directly and a realm change needs new passwords.
            try db.create(table: "accounts") { table in
                table.primaryKey("username", .text)
                table.column("realm", .text).notNull()
                table.column("ha1_md5", .text).notNull()
                table.column("ha1_sha256", .text).notNull()
                table.column("created_at", .double).notNull()
                table.column("updated_at", .double).notNull()
            }
            try db.create(table: "bindings") { table in
                table.column("aor", .text).notNull()
                table.column("contact", .text).notNull()
                table.column("q", .double)
                table.column("expires_at", .double).notNull()
                table.column("call_id", .text).notNull()
                table.column("cseq", .integer).notNull()
                table.column("flow", .text)
                table.column("instance_id", .text)
                table.column("updated_at", .double).notNull()
                table.primaryKey(["aor", "contact"])
            }
            try db.create(table: "settings") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
        }
        return migrator
    }
}
