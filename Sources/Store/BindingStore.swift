/// RFC 3261 §10.3: registrar bindings kept across restarts, written behind so a REGISTER never waits for disk.
import Dispatch
import Foundation
import GRDB
import SIPServices
import Synchronization

/// `saveBindings` only records the new binding set of an AOR; one background writer commits everything pending in
/// a single transaction at most every `coalescingInterval`. An AOR saved several times in between is written once,
/// with its last binding set, so a thousand REGISTERs a second cost a few dozen transactions.
public final class BindingStore: BindingPersistence, Sendable {
    /// How long a save may wait for company before it is written.
    public let coalescingInterval: Duration
    /// After a failed background write, the next attempt waits this long (the pending sets are kept).
    public let retryInterval: Duration

    private let pool: DatabasePool
    /// Serialises flushes: the timer-driven one and `flush()` never overlap, so commits stay in save order.
    private let writer = DispatchQueue(label: "huiyi.store.bindings")
    private let state = Mutex(PendingWrites())
    private let onBackgroundWriteError: @Sendable (any Error) -> Void

    private struct PendingWrites {
        var bindingsByAOR: [String: [StoredBinding]] = [:]
        var flushScheduled = false
    }

    init(
        pool: DatabasePool, coalescingInterval: Duration = .milliseconds(20), retryInterval: Duration = .seconds(1),
        onBackgroundWriteError: @escaping @Sendable (any Error) -> Void
    ) {
        self.pool = pool
        self.coalescingInterval = coalescingInterval
        self.retryInterval = retryInterval
        self.onBackgroundWriteError = onBackgroundWriteError
    }

    public func loadBindings() throws -> [StoredBinding] {
        try listBindings()
    }

    /// Committed bindings (pending saves not yet flushed are not included), optionally for one AOR.
    public func listBindings(aor: String? = nil) throws(BindingStoreError) -> [StoredBinding] {
        do {
            return try pool.read { db in
                if let aor {
                    return try Row.fetchAll(
                        db, sql: "SELECT * FROM bindings WHERE aor = ? ORDER BY contact", arguments: [aor]
                    ).map(StoredBinding.init(row:))
                }
                return try Row.fetchAll(db, sql: "SELECT * FROM bindings ORDER BY aor, contact")
                    .map(StoredBinding.init(row:))
            }
        } catch {
            throw .database(reason: "\(error)")
        }
    }

    public func saveBindings(aor: String, _ bindings: [StoredBinding]) {
        let mustSchedule = state.withLock { state in
            state.bindingsByAOR[aor] = bindings
            defer { state.flushScheduled = true }
            return !state.flushScheduled
        }
        if mustSchedule { schedule(after: coalescingInterval) }
    }

    /// Writes everything pending now and waits for it: at shutdown, and in tests.
    public func flush() throws(BindingStoreError) {
        let result = writer.sync { Result { try writePending() } }
        if case .failure(let error) = result { throw .database(reason: "\(error)") }
    }

    /// Saves not yet committed, by AOR (for metrics and tests).
    public var pendingAORCount: Int { state.withLock { $0.bindingsByAOR.count } }

    private func schedule(after delay: Duration) {
        writer.asyncAfter(deadline: .now() + delay.seconds) { [self] in
            do {
                try writePending()
            } catch {
                onBackgroundWriteError(error)
                schedule(after: retryInterval)
            }
        }
    }

    /// Runs on `writer`. Takes the pending sets and commits them in one transaction; on failure puts back those
    /// that were not saved again meanwhile (a newer set wins) and rethrows.
    private func writePending() throws {
        let batch = state.withLock { state in
            defer {
                state.bindingsByAOR.removeAll()
                state.flushScheduled = false
            }
            return state.bindingsByAOR
        }
        guard !batch.isEmpty else { return }
        do {
            try pool.write { db in
                for (aor, bindings) in batch {
                    try db.execute(sql: "DELETE FROM bindings WHERE aor = ?", arguments: [aor])
                    // OR REPLACE: a set naming one contact twice keeps the last, instead of failing the whole batch.
                    for binding in bindings {
                        try db.execute(
                            sql: """
                                INSERT OR REPLACE INTO bindings
                                (aor, contact, q, expires_at, call_id, cseq, flow, instance_id, updated_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: binding.databaseArguments(aor: aor)
                        )
                    }
                }
            }
        } catch {
            state.withLock { state in
                for (aor, bindings) in batch where state.bindingsByAOR[aor] == nil {
                    state.bindingsByAOR[aor] = bindings
                }
            }
            throw error
        }
    }
}

extension StoredBinding {
    init(row: Row) {
        self.init(
            aor: row["aor"], contact: row["contact"], q: row["q"],
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]), callID: row["call_id"],
            cseq: UInt32(clamping: row["cseq"] as Int64), flow: row["flow"], instanceID: row["instance_id"],
            updatedAt: Date(timeIntervalSince1970: row["updated_at"])
        )
    }

    /// Column values in the order of the INSERT above. The AOR is the one saved under, which is the set's key.
    func databaseArguments(aor: String) -> StatementArguments {
        [
            aor, contact, q, expiresAt.timeIntervalSince1970, callID, Int64(cseq), flow, instanceID,
            updatedAt.timeIntervalSince1970,
        ]
    }
}
