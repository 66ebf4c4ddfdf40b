import Conference
import Foundation
import GRDB
import XCTest
@testable import Store

final class HuiyiDatabaseTests: StoreTestCase {
    func testOpeningAnEmptyDirectoryCreatesItPrivateAndMigratesTheSchema() throws {
        let database = try openDatabase()
        let attributes = try FileManager.default.attributesOfItem(atPath: dataDirectory)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dataDirectory + "/huiyi.sqlite"))

        try database.pool.read { db in
            XCTAssertTrue(try db.tableExists("accounts"))
            XCTAssertTrue(try db.tableExists("bindings"))
            XCTAssertTrue(try db.tableExists("settings"))
            XCTAssertEqual(try db.primaryKey("bindings").columns, ["aor", "contact"])
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), 1)
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA synchronous"), 1, "NORMAL")
        }
        XCTAssertEqual(try database.pool.read { try HuiyiDatabase.migrator.appliedIdentifiers($0) },
                       ["v1", "v2-account-version", "v3-call-records-audit", "v4-meetings", "v5-rooms",
                        "v6-meeting-attendance", "v7-room-sites"])
    }

    func testADatabaseAtV1IsMigratedKeepingItsAccounts() throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let path = (dataDirectory as NSString).appendingPathComponent(HuiyiDatabase.fileName)
        do {
            let old = try DatabaseQueue(path: path)
            try HuiyiDatabase.migrator.migrate(old, upTo: "v1")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO accounts (username, realm, ha1_md5, ha1_sha256, created_at, updated_at)
                    VALUES ('alice', 'huiyi.local', 'x', 'y', 0, 0)
                    """)
            }
        }
        let database = try openDatabase()
        XCTAssertEqual(try database.accounts.list().map(\.username), ["alice"])
        XCTAssertEqual(try database.pool.read { try HuiyiDatabase.migrator.appliedIdentifiers($0) },
                       ["v1", "v2-account-version", "v3-call-records-audit", "v4-meetings", "v5-rooms",
                        "v6-meeting-attendance", "v7-room-sites"])
        let version = { try database.pool.read { try Int.fetchOne($0, sql: "SELECT version FROM account_version") } }
        let before = try version()
        try database.accounts.add(username: "bob", password: "pw", realm: "huiyi.local")
        XCTAssertEqual(try version(), before.map { $0 + 1 }, "account changes bump the version")
    }

    func testReopeningAnExistingDatabaseKeepsDataAndDoesNotRerunMigrations() throws {
        try openDatabase().accounts.add(username: "alice", password: "pw", realm: "huiyi.local")
        let reopened = try openDatabase()
        XCTAssertEqual(try reopened.accounts.list().map(\.username), ["alice"])
    }

    func testTwoProcessesCanWriteAtTheSameTime() throws {
        // The server writing bindings while an operator adds accounts: the busy timeout makes writers take turns.
        let server = try openDatabase()
        let cli = try openDatabase()
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            for index in 0..<100 {
                do {
                    if side == 0 {
                        try cli.accounts.add(username: "user\(index)", password: "pw", realm: "huiyi.local")
                    } else {
                        try server.pool.write { db in
                            try db.execute(
                                sql: "INSERT INTO settings (key, value) VALUES (?, ?)", arguments: ["k\(index)", "v"]
                            )
                        }
                    }
                } catch {
                    XCTFail("concurrent write \(side)/\(index) failed: \(error)")
                }
            }
        }
        XCTAssertEqual(try server.accounts.list().count, 100)
        XCTAssertEqual(try cli.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM settings") }, 100)
    }

    func testAFileInPlaceOfTheDataDirectoryIsReported() throws {
        let parent = (dataDirectory as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dataDirectory, contents: Data("x".utf8))
        XCTAssertThrowsError(try openDatabase()) { error in
            XCTAssertEqual(error as? HuiyiDatabaseError, .dataDirectoryIsNotADirectory(path: dataDirectory))
            XCTAssertTrue("\(error)".contains("--data-dir"))
        }
    }
}

/// Every schema version the store ever had migrates to the current one, keeping what it held.
final class MigrationFromEveryVersionTests: StoreTestCase {
    func testEachEarlierSchemaVersionMigratesToTheLatest() throws {
        let all = HuiyiDatabase.migrator.migrations
        XCTAssertEqual(all.last, "v7-room-sites", "a new migration needs its place in this test's expectations")
        for version in all.dropLast() {
            try? FileManager.default.removeItem(atPath: dataDirectory)
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            let path = (dataDirectory as NSString).appendingPathComponent(HuiyiDatabase.fileName)
            do {
                let old = try DatabaseQueue(path: path)
                try HuiyiDatabase.migrator.migrate(old, upTo: version)
                try old.write { db in
                    try db.execute(sql: """
                        INSERT INTO accounts (username, realm, ha1_md5, ha1_sha256, created_at, updated_at)
                        VALUES ('alice', 'huiyi.local', 'x', 'y', 0, 0)
                        """)
                }
            }
            let database = try openDatabase()
            XCTAssertEqual(try database.pool.read { try HuiyiDatabase.migrator.appliedIdentifiers($0) }, Set(all),
                           "from \(version)")
            XCTAssertEqual(try database.accounts.list().map(\.username), ["alice"], "from \(version)")
            XCTAssertEqual(try database.rooms.loadRooms(), [], "from \(version)")
            XCTAssertEqual(try database.meetings.loadMeetings(), [], "from \(version)")
            XCTAssertEqual(try database.meetings.attendance(of: MeetingID("k3m9x2ab")!, sittings: 5), [],
                           "from \(version)")
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            database.records.append(CallRecord(call: "c", room: "citywide", party: "sip:shunde@huiyi.local",
                                               direction: .outgoing, startedAt: now, answeredAt: nil, endedAt: now,
                                               endReason: "486 Busy Here"))
            try database.flushQueuedWrites()
            XCTAssertEqual(try database.records.callRecords(room: nil, since: nil, limit: 5).count, 1,
                           "from \(version)")
        }
    }
}

/// v7 moved each room's sites from a JSON column to rows of their own, in order, titles and URIs kept.
final class RoomSitesMigrationTests: StoreTestCase {
    func testSitesStoredAsJSONBecomeRows() throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let path = (dataDirectory as NSString).appendingPathComponent(HuiyiDatabase.fileName)
        do {
            let old = try DatabaseQueue(path: path)
            try HuiyiDatabase.migrator.migrate(old, upTo: "v6-meeting-attendance")
            try old.write { db in
                for (name, number, sites) in [
                    ("citywide", "8000", #"[{"name":"shunde","title":"Shunde","uri":"sip:shunde@huiyi.local"},"#
                        + #"{"name":"nanhai","title":"Nanhai","uri":"sips:nanhai@nanhai.example.com"}]"#),
                    ("adhoc", "8200", "[]"),
                ] {
                    try db.execute(sql: """
                        INSERT INTO rooms (name, title, number, access, srtp, max_participants, speakers, sites, source,
                            updated_at)
                        VALUES (?, ?, ?, 'open', 'optional', 50, 4, ?, 'file', 0)
                        """, arguments: [name, name.capitalized, number, sites])
                }
            }
        }
        let database = try openDatabase()
        let rooms = try database.rooms.loadRooms()
        XCTAssertEqual(rooms.map(\.name), ["adhoc", "citywide"])
        XCTAssertEqual(rooms[0].sites, [])
        XCTAssertEqual(rooms[1].sites, [
            RoomSite(name: "shunde", title: "Shunde", uri: "sip:shunde@huiyi.local"),
            RoomSite(name: "nanhai", title: "Nanhai", uri: "sips:nanhai@nanhai.example.com"),
        ])
        XCTAssertFalse(try database.pool.read { try $0.columns(in: "rooms").map(\.name) }.contains("sites"))
        // Removing a room takes its sites with it.
        try database.rooms.deleteRoom(named: "citywide")
        XCTAssertEqual(try database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM room_sites") }, 0)
    }
}
