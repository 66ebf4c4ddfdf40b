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
        migrator.registerMigration("v3-call-records-audit") { db in
            // One row per call leg (CDR) and per operator action. Rooms are named, not referenced: a record outlives
            // the room file it was made in.
            try db.create(table: "call_records") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("call", .text).notNull()
                table.column("room", .text).notNull()
                table.column("party", .text).notNull()
                table.column("direction", .text).notNull()
                table.column("started_at", .double).notNull()
                table.column("answered_at", .double)
                table.column("ended_at", .double).notNull()
                table.column("end_reason", .text).notNull()
                table.column("codec", .text)
                table.column("srtp", .boolean).notNull()
                table.column("packets_in", .integer).notNull()
                table.column("packets_out", .integer).notNull()
                table.column("lost", .integer).notNull()
                table.column("jitter_ms", .double).notNull()
                table.column("rtt_ms", .double)
            }
            try db.create(index: "call_records_by_room_and_end", on: "call_records", columns: ["room", "ended_at"])
            try db.create(index: "call_records_by_end", on: "call_records", columns: ["ended_at"])
            try db.create(table: "audit_log") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("at", .double).notNull().indexed()
                table.column("actor", .text).notNull()
                table.column("action", .text).notNull()
                table.column("target", .text).notNull()
                table.column("source", .text).notNull()
                table.column("details", .text).notNull()
            }
        }
        migrator.registerMigration("v4-meetings") { db in
            // The booking as JSON (`Meeting` is Codable) beside the columns SQL filters and sorts on.
            try db.create(table: "meetings") { table in
                table.primaryKey("id", .text)
                table.column("room", .text).notNull().indexed()
                table.column("start", .double).notNull()
                table.column("data", .text).notNull()
                table.column("updated_at", .double).notNull()
            }
        }
        migrator.registerMigration("v5-rooms") { db in
            // Rooms: the live truth. `source` is "file" for rooms synced from Rooms/*.toml at start, "api" for rooms
            // created by operators. PINs are kept as written: a room's PIN is typed by every caller, not a secret
            // the way an account password is.
            try db.create(table: "rooms") { table in
                table.primaryKey("name", .text)
                table.column("title", .text).notNull()
                table.column("number", .text).notNull().unique()
                table.column("pin", .text)
                table.column("moderator_pin", .text)
                table.column("access", .text).notNull()
                table.column("srtp", .text).notNull()
                table.column("max_participants", .integer).notNull()
                table.column("speakers", .integer).notNull()
                table.column("sites", .text).notNull()
                table.column("source", .text).notNull()
                table.column("updated_at", .double).notNull()
            }
        }
        migrator.registerMigration("v6-meeting-attendance") { db in
            // One row per site and sitting of a meeting (a sitting: an occurrence from the moment it started; one
            // resumed after a restart is a second sitting), rewritten as the site's calls go on.
            try db.create(table: "meeting_attendance") { table in
                table.column("meeting_id", .text).notNull().references("meetings", onDelete: .cascade)
                table.column("occurrence", .integer).notNull()
                table.column("sitting_start", .double).notNull()
                table.column("site", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("room", .text).notNull()
                table.column("outcome", .text).notNull()
                table.column("calls", .integer).notNull()
                table.column("joined_at", .double)
                table.column("left_at", .double)
                table.column("seconds_present", .double).notNull()
                table.column("last_failure", .text)
                table.column("alarmed_at", .double)
                table.column("updated_at", .double).notNull()
                table.primaryKey(["meeting_id", "occurrence", "sitting_start", "site"])
            }
        }
        migrator.registerMigration("v7-room-sites") { db in
            // A room's sites as rows of their own (they were JSON in rooms.sites): SQL can then answer "which rooms
            // call this site" and a site's URI is indexed for recognising it when it calls in.
            try db.create(table: "room_sites") { table in
                table.column("room", .text).notNull()
                    .references("rooms", column: "name", onDelete: .cascade, onUpdate: .cascade)
                table.column("position", .integer).notNull()
                table.column("name", .text).notNull()
                table.column("title", .text).notNull()
                table.column("uri", .text).notNull().indexed()
                table.primaryKey(["room", "name"])
            }
            try db.execute(sql: """
                INSERT INTO room_sites (room, position, name, title, uri)
                SELECT rooms.name, site.key, json_extract(site.value, '$.name'), json_extract(site.value, '$.title'),
                    json_extract(site.value, '$.uri')
                FROM rooms, json_each(rooms.sites) AS site
                """)
            try db.execute(sql: "ALTER TABLE rooms DROP COLUMN sites")
        }
        return migrator
    }
}
