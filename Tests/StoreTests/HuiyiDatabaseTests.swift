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
        XCTAssertEqual(try database.pool.read { try HuiyiDatabase.migrator.appliedIdentifiers($0) }, ["v1"])
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
