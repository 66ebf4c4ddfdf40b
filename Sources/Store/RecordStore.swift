/// Call detail records and the audit log in SQLite (`ConferenceRecords`): appended without blocking the caller
/// (GRDB's asynchronous writes commit within milliseconds, so a `kill -9` loses at most what was in flight),
/// listed newest first.
import Conference
import Foundation
import GRDB

public final class RecordStore: ConferenceRecords, Sendable {
    private let pool: DatabasePool
    private let onWriteError: @Sendable (any Error) -> Void

    init(pool: DatabasePool, onWriteError: @escaping @Sendable (any Error) -> Void) {
        self.pool = pool
        self.onWriteError = onWriteError
    }

    public func append(_ record: CallRecord) {
        let onWriteError = self.onWriteError
        pool.asyncWrite({ db in
            try db.execute(sql: """
                INSERT INTO call_records (call, room, party, direction, started_at, answered_at, ended_at, end_reason,
                    codec, srtp, packets_in, packets_out, lost, jitter_ms, rtt_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    record.call, record.room, record.party, record.direction.rawValue,
                    record.startedAt.timeIntervalSince1970, record.answeredAt?.timeIntervalSince1970,
                    record.endedAt.timeIntervalSince1970, record.endReason, record.codec, record.srtp,
                    record.packetsIn, record.packetsOut, record.lost, record.jitterMilliseconds,
                    record.roundTripMilliseconds,
                ])
        }, completion: { _, result in
            if case .failure(let error) = result { onWriteError(error) }
        })
    }

    public func append(_ entry: AuditEntry) {
        let onWriteError = self.onWriteError
        pool.asyncWrite({ db in
            try db.execute(sql: """
                INSERT INTO audit_log (at, actor, action, target, source, details) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [entry.at.timeIntervalSince1970, entry.actor, entry.action, entry.target,
                                 entry.source, entry.details])
        }, completion: { _, result in
            if case .failure(let error) = result { onWriteError(error) }
        })
    }

    public func callRecords(room: String?, since: Date?, limit: Int) throws -> [CallRecord] {
        try pool.read { db in
            var sql = "SELECT * FROM call_records WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let room {
                sql += " AND room = ?"
                arguments += [room]
            }
            if let since {
                sql += " AND ended_at >= ?"
                arguments += [since.timeIntervalSince1970]
            }
            sql += " ORDER BY ended_at DESC, id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                CallRecord(
                    call: row["call"], room: row["room"], party: row["party"],
                    direction: CallRecord.Direction(rawValue: row["direction"]) ?? .incoming,
                    startedAt: Date(timeIntervalSince1970: row["started_at"]),
                    answeredAt: (row["answered_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    endedAt: Date(timeIntervalSince1970: row["ended_at"]), endReason: row["end_reason"],
                    codec: row["codec"], srtp: row["srtp"], packetsIn: row["packets_in"], packetsOut: row["packets_out"],
                    lost: row["lost"], jitterMilliseconds: row["jitter_ms"], roundTripMilliseconds: row["rtt_ms"])
            }
        }
    }

    public func auditEntries(since: Date?, limit: Int) throws -> [AuditEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM audit_log WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?
                """, arguments: [since?.timeIntervalSince1970 ?? 0, limit]).map { row in
                AuditEntry(at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], action: row["action"],
                           target: row["target"], source: row["source"], details: row["details"])
            }
        }
    }
}
