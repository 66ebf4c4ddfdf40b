import Foundation
import GRDB
import SIPServices
import XCTest
@testable import Store

final class BindingStoreTests: StoreTestCase {
    func binding(_ aor: String, _ contact: String, cseq: UInt32, q: Double? = nil) -> StoredBinding {
        StoredBinding(
            aor: aor, contact: contact, q: q, expiresAt: Date(timeIntervalSince1970: 1_800_000_000),
            callID: "call-\(aor)", cseq: cseq, flow: "udp:127.0.0.1:5070", instanceID: "<urn:uuid:00000000-0000-0000-0000-000000000001>",
            updatedAt: Date(timeIntervalSince1970: 1_700_000_000)
        )
    }

    func testSavesAreWrittenBehindCoalescedAndSurviveAReopen() throws {
        let database = try openDatabase()
        let alice = "sip:alice@huiyi.local"
        let bob = "sip:bob@huiyi.local"
        database.bindings.saveBindings(aor: alice, [binding(alice, "<sip:alice@127.0.0.1:5070>", cseq: 1)])
        database.bindings.saveBindings(aor: bob, [binding(bob, "<sip:bob@127.0.0.1:5080>", cseq: 7, q: 0.5)])
        let latest = [
            binding(alice, "<sip:alice@127.0.0.1:5070>", cseq: 2), binding(alice, "<sip:alice@10.0.0.2:5060>", cseq: 2),
        ]
        database.bindings.saveBindings(aor: alice, latest)
        try database.bindings.flush()
        XCTAssertEqual(database.bindings.pendingAORCount, 0)

        let reopened = try openDatabase()
        let loaded = try reopened.bindings.loadBindings()
        XCTAssertEqual(loaded, latest.sorted { $0.contact < $1.contact } + [binding(bob, "<sip:bob@127.0.0.1:5080>", cseq: 7, q: 0.5)])
        XCTAssertEqual(try reopened.bindings.listBindings(aor: bob).map(\.q), [0.5])
    }

    func testAnEmptySetDeletesTheAOR() throws {
        let database = try openDatabase()
        let alice = "sip:alice@huiyi.local"
        database.bindings.saveBindings(aor: alice, [binding(alice, "<sip:alice@127.0.0.1:5070>", cseq: 1)])
        try database.bindings.flush()
        database.bindings.saveBindings(aor: alice, [])
        try database.bindings.flush()
        XCTAssertEqual(try database.bindings.loadBindings(), [])
    }

    func testManySavesCostFewTransactions() throws {
        let database = try openDatabase()
        let commits = CommitCounter()
        database.pool.add(transactionObserver: commits, extent: .databaseLifetime)
        let started = Date()
        for index in 0..<2_000 {
            let aor = "sip:user\(index % 500)@huiyi.local"
            database.bindings.saveBindings(aor: aor, [binding(aor, "<sip:u@127.0.0.1:\(5000 + index % 500)>", cseq: UInt32(index))])
        }
        let enqueueTime = Date().timeIntervalSince(started)
        try database.bindings.flush()
        XCTAssertLessThan(enqueueTime, 1.0, "saving must not wait for the disk")
        XCTAssertLessThanOrEqual(commits.count, 5, "2,000 saves within a few intervals should share transactions")
        let loaded = try database.bindings.loadBindings()
        XCTAssertEqual(loaded.count, 500)
        XCTAssertEqual(loaded.first { $0.aor == "sip:user0@huiyi.local" }?.cseq, 1_500, "the last save wins")
    }

    func testTheBackgroundWriterCommitsWithoutAFlush() throws {
        let database = try openDatabase()
        let alice = "sip:alice@huiyi.local"
        database.bindings.saveBindings(aor: alice, [binding(alice, "<sip:alice@127.0.0.1:5070>", cseq: 1)])
        let deadline = Date().addingTimeInterval(5)
        while try database.bindings.listBindings().isEmpty, Date() < deadline { usleep(5_000) }
        XCTAssertEqual(try database.bindings.listBindings().map(\.cseq), [1])
    }
}

/// Counts committed write transactions on the pool's writer.
private final class CommitCounter: TransactionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var commits = 0
    var count: Int { lock.withLock { commits } }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { lock.withLock { commits += 1 } }
    func databaseDidRollback(_ db: Database) {}
}
