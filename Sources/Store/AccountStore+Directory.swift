/// RFC 3261 §22.4: account lookups for the registrar, cached and invalidated by `PRAGMA data_version`.
import GRDB
import SIPServices

struct DirectoryCache: Sendable {
    /// Beyond this many cached lookups the cache starts over: it bounds memory against username scans.
    static let capacity = 10_000

    /// The lookup connection's `data_version` the entries were read under.
    var dataVersion: Int64?
    /// Username → credentials, including `nil` for "no such account" so unknown names cost no query either.
    var entries: [String: AccountCredentials?] = [:]
}

extension AccountStore: AccountDirectory {
    /// One `PRAGMA data_version` (no disk I/O when nothing changed) plus, on a cache miss, one indexed query.
    /// If the database cannot be read, the last cached answer is used, so a transient lock does not log users out.
    public func credentials(username: String, realm: String) -> AccountCredentials? {
        let found: AccountCredentials?
        do {
            found = try lookupConnection.read { db in
                let version = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                let cached = cache.withLock { cache -> AccountCredentials?? in
                    if cache.dataVersion != version {
                        cache.dataVersion = version
                        cache.entries.removeAll(keepingCapacity: true)
                    }
                    return cache.entries[username]
                }
                if let cached { return cached }
                let row = try Row.fetchOne(
                    db, sql: "SELECT username, realm, ha1_md5, ha1_sha256 FROM accounts WHERE username = ?",
                    arguments: [username]
                )
                let credentials = row.map {
                    AccountCredentials(
                        username: $0["username"], realm: $0["realm"], ha1MD5: $0["ha1_md5"], ha1SHA256: $0["ha1_sha256"]
                    )
                }
                cache.withLock { cache in
                    guard cache.dataVersion == version else { return }
                    if cache.entries.count >= DirectoryCache.capacity { cache.entries.removeAll(keepingCapacity: true) }
                    cache.entries[username] = .some(credentials)
                }
                return credentials
            }
        } catch {
            found = cache.withLock { $0.entries[username] } ?? nil
        }
        // HA1 is bound to the realm it was computed with: another realm's HA1 would never verify.
        guard let found, found.realm == realm else { return nil }
        return found
    }
}
