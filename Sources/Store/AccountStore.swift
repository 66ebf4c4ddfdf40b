/// RFC 3261 §22 / RFC 7616 §3.4.2: digest accounts — usernames with HA1 values, never passwords.
import Foundation
import GRDB
import SIPServices
import Synchronization

/// What an account listing shows: never the HA1 values.
public struct AccountSummary: Sendable, Equatable {
    public var username: String
    public var realm: String
    public var createdAt: Date

    public init(username: String, realm: String, createdAt: Date) {
        self.username = username
        self.realm = realm
        self.createdAt = createdAt
    }
}

/// The account table, and the `AccountDirectory` the registrar authenticates against.
///
/// Thread-safe. Lookups (`credentials(username:realm:)`) are served from a cache revalidated against the database's
/// account version (changed by any process's `huiyi account ...`) at most every `revalidationInterval`; unknown
/// names always go to the database, so a new account registers at once. See `AccountStore+Directory.swift`.
public final class AccountStore: Sendable {
    let pool: DatabasePool
    /// A dedicated read-only connection for lookups, off the writer's path.
    let lookupConnection: DatabaseQueue
    let cache = Mutex(DirectoryCache())
    /// How long a cached account is trusted before the account version is read again. Every REGISTER needs a lookup,
    /// so this keeps the database off the signalling path; changes by another process show within it.
    public let revalidationInterval: Duration
    private let clock: @Sendable () -> Date

    init(pool: DatabasePool, path: String, busyTimeout: Duration, revalidationInterval: Duration,
         clock: @escaping @Sendable () -> Date) throws {
        self.pool = pool
        self.clock = clock
        self.revalidationInterval = revalidationInterval
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout.seconds)
        lookupConnection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Creates an account; the password is turned into HA1 values at once and then forgotten.
    public func add(username: String, password: String, realm: String) throws(AccountStoreError) {
        let credentials = try Self.credentials(username: username, password: password, realm: realm)
        let now = clock().timeIntervalSince1970
        try write { db in
            if try Self.exists(username, db) { throw AccountStoreError.duplicateAccount(username: username) }
            try db.execute(
                sql: """
                    INSERT INTO accounts (username, realm, ha1_md5, ha1_sha256, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [username, realm, credentials.ha1MD5, credentials.ha1SHA256, now, now]
            )
        }
    }

    /// Replaces an account's password (and realm: HA1 depends on both).
    public func setPassword(username: String, password: String, realm: String) throws(AccountStoreError) {
        let credentials = try Self.credentials(username: username, password: password, realm: realm)
        let now = clock().timeIntervalSince1970
        try write { db in
            try db.execute(
                sql: "UPDATE accounts SET realm = ?, ha1_md5 = ?, ha1_sha256 = ?, updated_at = ? WHERE username = ?",
                arguments: [realm, credentials.ha1MD5, credentials.ha1SHA256, now, username]
            )
            if db.changesCount == 0 { throw AccountStoreError.noSuchAccount(username: username) }
        }
    }

    public func remove(username: String) throws(AccountStoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM accounts WHERE username = ?", arguments: [username])
            if db.changesCount == 0 { throw AccountStoreError.noSuchAccount(username: username) }
        }
    }

    /// All accounts, by username.
    public func list() throws(AccountStoreError) -> [AccountSummary] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT username, realm, created_at FROM accounts ORDER BY username").map {
                    AccountSummary(
                        username: $0["username"], realm: $0["realm"],
                        createdAt: Date(timeIntervalSince1970: $0["created_at"])
                    )
                }
            }
        } catch {
            throw .database(reason: "\(error)")
        }
    }

    private static func credentials(
        username: String, password: String, realm: String
    ) throws(AccountStoreError) -> AccountCredentials {
        try AccountUsername.validate(username)
        guard !password.isEmpty else { throw .emptyPassword(username: username) }
        guard !realm.isEmpty else { throw .emptyRealm }
        return AccountCredentials(username: username, realm: realm, password: password)
    }

    private static func exists(_ username: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE username = ?)", arguments: [username])
            ?? false
    }

    /// Runs one write transaction, passing our own typed errors through and wrapping SQLite's.
    private func write(_ body: @Sendable (Database) throws -> Void) throws(AccountStoreError) {
        do {
            try pool.write(body)
        } catch let error as AccountStoreError {
            throw error
        } catch {
            throw .database(reason: "\(error)")
        }
    }
}
