/// RFC 3261 §22.4: account lookups for the registrar, served from memory and revalidated against the database's
/// account version at most every `revalidationInterval`.
import Foundation
import GRDB
import SIPServices

struct DirectoryCache: Sendable {
    /// Beyond this many cached accounts the cache starts over: it bounds memory against username scans.
    static let capacity = 10_000

    /// `account_version` the entries were read under (it changes with every insert, update or delete of an account).
    var version: Int64?
    /// When `version` was last compared with the database (monotonic).
    var checkedAt: ContinuousClock.Instant?
    /// Username → credentials of accounts that exist. Unknown names are not cached, so an account added by
    /// `huiyi account add` in another process is found on its first REGISTER.
    var entries: [String: AccountCredentials] = [:]
}

extension AccountStore: AccountDirectory {
    /// A cached hit costs no database access while the last revalidation is younger than `revalidationInterval`; a
    /// password change or removal therefore reaches a running server within that interval, a new account at once.
    /// If the database cannot be read, the last cached answer is used, so a transient lock does not log users out.
    public func credentials(username: String, realm: String) -> AccountCredentials? {
        let now = ContinuousClock.now
        let interval = revalidationInterval
        let fresh = cache.withLock { cache -> AccountCredentials? in
            guard let checkedAt = cache.checkedAt, now - checkedAt < interval else { return nil }
            return cache.entries[username]
        }
        let found: AccountCredentials?
        if let fresh {
            found = fresh
        } else {
            do {
                found = try lookupConnection.read { db in try lookup(username, db, now: now) }
            } catch {
                found = cache.withLock { $0.entries[username] }
            }
        }
        // HA1 is bound to the realm it was computed with: another realm's HA1 would never verify.
        guard let found, found.realm == realm else { return nil }
        return found
    }

    private func lookup(_ username: String, _ db: Database, now: ContinuousClock.Instant) throws -> AccountCredentials? {
        let version = try Int64.fetchOne(db, sql: "SELECT version FROM account_version WHERE id = 1") ?? 0
        let cached = cache.withLock { cache -> AccountCredentials? in
            if cache.version != version {
                cache.version = version
                cache.entries.removeAll(keepingCapacity: true)
            }
            cache.checkedAt = now
            return cache.entries[username]
        }
        if let cached { return cached }
        let row = try Row.fetchOne(
            db, sql: "SELECT username, realm, ha1_md5, ha1_sha256 FROM accounts WHERE username = ?",
            arguments: [username]
        )
        guard let credentials = row.map({
            AccountCredentials(
                username: $0["username"], realm: $0["realm"], ha1MD5: $0["ha1_md5"], ha1SHA256: $0["ha1_sha256"]
            )
        }) else { return nil }
        cache.withLock { cache in
            guard cache.version == version else { return }
            if cache.entries.count >= DirectoryCache.capacity { cache.entries.removeAll(keepingCapacity: true) }
            cache.entries[username] = credentials
        }
        return credentials
    }
}
