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
        migrator.registerMigration("v2-account-version") { db in
            // A counter that changes only when accounts change, so a running server's account cache is not dropped by
            // its own binding writes (which change SQLite's data_version as well).
            try db.execute(sql: """
                CREATE TABLE account_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
                INSERT INTO account_version (id, version) VALUES (1, 0);
                CREATE TRIGGER accounts_inserted AFTER INSERT ON accounts
                    BEGIN UPDATE account_version SET version = version + 1; END;
                CREATE TRIGGER accounts_updated AFTER UPDATE ON accounts
                    BEGIN UPDATE account_version SET version = version + 1; END;
                CREATE TRIGGER accounts_deleted AFTER DELETE ON accounts
                    BEGIN UPDATE account_version SET version = version + 1; END;
                """)
        }
        return migrator
    }
}
