import Foundation
import SIPServices
import XCTest
@testable import Store

final class AccountStoreTests: StoreTestCase {
    func testAddListAndRemove() throws {
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        let accounts = try openDatabase(clock: { created }).accounts
        try accounts.add(username: "bob", password: "builder", realm: "huiyi.local")
        try accounts.add(username: "alice", password: "wonderland", realm: "huiyi.local")
        XCTAssertEqual(
            try accounts.list(),
            [
                AccountSummary(username: "alice", realm: "huiyi.local", createdAt: created),
                AccountSummary(username: "bob", realm: "huiyi.local", createdAt: created),
            ]
        )
        try accounts.remove(username: "bob")
        XCTAssertEqual(try accounts.list().map(\.username), ["alice"])
    }

    func testStoredHA1ValuesAreTheDigestHA1sAndNoPasswordIsKept() throws {
        let database = try openDatabase()
        try database.accounts.add(username: "alice", password: "wonderland", realm: "huiyi.local")
        let credentials = try XCTUnwrap(database.accounts.credentials(username: "alice", realm: "huiyi.local"))
        XCTAssertEqual(credentials.ha1MD5, DigestAlgorithm.md5.ha1(username: "alice", realm: "huiyi.local", password: "wonderland"))
        XCTAssertEqual(
            credentials.ha1SHA256, DigestAlgorithm.sha256.ha1(username: "alice", realm: "huiyi.local", password: "wonderland")
        )
        let file = try Data(contentsOf: URL(fileURLWithPath: database.path))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: database.path + "-wal"))) ?? Data()
        XCTAssertNil((file + wal).range(of: Data("wonderland".utf8)), "the password must not be stored")
    }

    func testADuplicateAccountIsRefusedByName() throws {
        let accounts = try openDatabase().accounts
        try accounts.add(username: "alice", password: "one", realm: "huiyi.local")
        XCTAssertThrowsError(try accounts.add(username: "alice", password: "two", realm: "huiyi.local")) { error in
            XCTAssertEqual(error as? AccountStoreError, .duplicateAccount(username: "alice"))
            XCTAssertTrue("\(error)".contains("'alice' already exists"))
        }
    }

    func testRemovingOrChangingAMissingAccountIsAnError() throws {
        let accounts = try openDatabase().accounts
        XCTAssertThrowsError(try accounts.remove(username: "ghost")) { error in
            XCTAssertEqual(error as? AccountStoreError, .noSuchAccount(username: "ghost"))
        }
        XCTAssertThrowsError(try accounts.setPassword(username: "ghost", password: "x", realm: "r")) { error in
            XCTAssertEqual(error as? AccountStoreError, .noSuchAccount(username: "ghost"))
        }
    }

    func testSetPasswordReplacesTheHA1s() throws {
        let accounts = try openDatabase().accounts
        try accounts.add(username: "alice", password: "old", realm: "huiyi.local")
        try accounts.setPassword(username: "alice", password: "new", realm: "huiyi.local")
        XCTAssertEqual(
            accounts.credentials(username: "alice", realm: "huiyi.local"),
            AccountCredentials(username: "alice", realm: "huiyi.local", password: "new")
        )
    }

    func testUsernamesMustBeSIPUserParts() throws {
        let accounts = try openDatabase().accounts
        for good in ["alice", "a.b-c_d", "+8613800000000", "x!~*'()&=$,;?/", String(repeating: "a", count: 64)] {
            XCTAssertNoThrow(try accounts.add(username: good, password: "pw", realm: "r"), good)
        }
        for bad in ["", "al ice", "bob@example.com", "ali:ce", "j%20d", "名字", String(repeating: "a", count: 65)] {
            XCTAssertThrowsError(try accounts.add(username: bad, password: "pw", realm: "r"), bad) { error in
                guard case .invalidUsername(bad, _) = error as? AccountStoreError else {
                    return XCTFail("\(bad): \(error)")
                }
            }
        }
        XCTAssertThrowsError(try accounts.add(username: "bob@x", password: "pw", realm: "r")) { error in
            XCTAssertTrue("\(error)".contains("'@' is not allowed; use letters, digits"))
        }
    }

    func testEmptyPasswordOrRealmIsRefused() throws {
        let accounts = try openDatabase().accounts
        XCTAssertThrowsError(try accounts.add(username: "alice", password: "", realm: "r")) { error in
            XCTAssertEqual(error as? AccountStoreError, .emptyPassword(username: "alice"))
        }
        XCTAssertThrowsError(try accounts.add(username: "alice", password: "pw", realm: "")) { error in
            XCTAssertEqual(error as? AccountStoreError, .emptyRealm)
        }
    }

    func testLookupIsRealmBound() throws {
        let accounts = try openDatabase().accounts
        try accounts.add(username: "alice", password: "pw", realm: "huiyi.local")
        XCTAssertNotNil(accounts.credentials(username: "alice", realm: "huiyi.local"))
        XCTAssertNil(accounts.credentials(username: "alice", realm: "other.example"))
        XCTAssertNil(accounts.credentials(username: "nobody", realm: "huiyi.local"))
    }

    func testAnAccountAddedByAnotherProcessIsSeenAtOnce() throws {
        // The server's database, with a lookup cached (including the negative answer for 'carol').
        let server = try openDatabase()
        try server.accounts.add(username: "alice", password: "pw", realm: "huiyi.local")
        XCTAssertNotNil(server.accounts.credentials(username: "alice", realm: "huiyi.local"))
        XCTAssertNil(server.accounts.credentials(username: "carol", realm: "huiyi.local"))

        // `huiyi account add` / `remove` on the same data directory: a second, independent connection set.
        let cli = try openDatabase()
        try cli.accounts.add(username: "carol", password: "pw", realm: "huiyi.local")
        XCTAssertEqual(
            server.accounts.credentials(username: "carol", realm: "huiyi.local"),
            AccountCredentials(username: "carol", realm: "huiyi.local", password: "pw")
        )
        try cli.accounts.remove(username: "alice")
        XCTAssertNil(server.accounts.credentials(username: "alice", realm: "huiyi.local"))
        try cli.accounts.setPassword(username: "carol", password: "changed", realm: "huiyi.local")
        XCTAssertEqual(
            server.accounts.credentials(username: "carol", realm: "huiyi.local")?.ha1SHA256,
            DigestAlgorithm.sha256.ha1(username: "carol", realm: "huiyi.local", password: "changed")
        )
    }

    func testCachedAccountsAreRevalidatedAfterTheIntervalAndNewOnesFoundAtOnce() throws {
        let server = try openDatabase(accountRevalidation: .milliseconds(300))
        let cli = try openDatabase()
        try cli.accounts.add(username: "alice", password: "pw", realm: "huiyi.local")
        XCTAssertNotNil(server.accounts.credentials(username: "alice", realm: "huiyi.local"))
        XCTAssertNil(server.accounts.credentials(username: "bob", realm: "huiyi.local"))
        try cli.accounts.add(username: "bob", password: "pw", realm: "huiyi.local")
        XCTAssertNotNil(server.accounts.credentials(username: "bob", realm: "huiyi.local"), "a new account: at once")
        XCTAssertNotNil(server.accounts.credentials(username: "alice", realm: "huiyi.local"))
        try cli.accounts.remove(username: "alice")
        XCTAssertNotNil(server.accounts.credentials(username: "alice", realm: "huiyi.local"),
                        "within the interval the cached account is served without asking the store")
        Thread.sleep(forTimeInterval: 0.35)
        XCTAssertNil(server.accounts.credentials(username: "alice", realm: "huiyi.local"), "after it, the removal shows")
    }

    func testBindingWritesDoNotDropTheAccountCache() throws {
        let db = try openDatabase(accountRevalidation: .zero)
        try db.accounts.add(username: "alice", password: "pw", realm: "huiyi.local")
        XCTAssertNotNil(db.accounts.credentials(username: "alice", realm: "huiyi.local"))
        let before = db.accounts.cache.withLock { $0.version }
        db.bindings.saveBindings(aor: "sip:alice@huiyi.local", [])
        try db.bindings.flush()
        XCTAssertNotNil(db.accounts.credentials(username: "alice", realm: "huiyi.local"))
        XCTAssertEqual(db.accounts.cache.withLock { $0.version }, before)
        XCTAssertEqual(db.accounts.cache.withLock { $0.entries.count }, 1)
    }

    func testTheStoreAuthenticatesADigestResponse() throws {
        let accounts = try openDatabase().accounts
        try accounts.add(username: "alice", password: "wonderland", realm: "huiyi.local")
        var authenticator = DigestAuthenticator(
            realm: "huiyi.local", directory: accounts, nonces: NonceAuthority(secret: Array("secret".utf8))
        )
        let challenge = authenticator.digestChallenges(now: .zero)[0]
        let ha1 = challenge.algorithm.ha1(username: "alice", realm: "huiyi.local", password: "wonderland")
        let response = challenge.algorithm.response(
            ha1: ha1, nonce: challenge.nonce, nonceCount: "00000001", cnonce: "c", qop: "auth", method: "REGISTER",
            uri: "sip:huiyi.local"
        )
        let authorization = #"Digest username="alice", realm="huiyi.local", nonce="\#(challenge.nonce)", "#
            + #"uri="sip:huiyi.local", response="\#(response)", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="c""#
        XCTAssertEqual(
            authenticator.authenticate(
                method: "REGISTER", requestURI: "sip:huiyi.local", authorizationValues: [authorization], now: .zero
            ),
            .authenticated(username: "alice")
        )
    }
}
