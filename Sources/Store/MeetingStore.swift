/// Meetings in SQLite (`MeetingRepository`): one row per booking, the booking itself as JSON beside the columns
/// SQL needs (room, start), so a schema change of `Meeting` needs no migration of its own; and one row per site and
/// sitting for attendance. Writes go through GRDB's writer queue in the order asked, off the caller's thread.
import Conference
import Foundation
import GRDB

public final class MeetingStore: MeetingRepository, Sendable {
    private let pool: DatabasePool
    private let onWriteError: @Sendable (any Error) -> Void
    private let clock: @Sendable () -> Date

    init(pool: DatabasePool, clock: @escaping @Sendable () -> Date,
         onWriteError: @escaping @Sendable (any Error) -> Void) {
        self.pool = pool
        self.clock = clock
        self.onWriteError = onWriteError
    }

    public func loadMeetings() throws -> [Meeting] {
        let decoder = JSONDecoder()
        return try pool.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM meetings ORDER BY start, id").map {
                try decoder.decode(Meeting.self, from: Data($0.utf8))
            }
        }
    }

    public func save(_ meeting: Meeting, completion: @escaping @Sendable ((any Error)?) -> Void) {
        let row: MeetingRow
        do {
            row = try MeetingRow(meeting, updatedAt: clock())
        } catch {
            completion(error)
            return
        }
        let onWriteError = self.onWriteError
        pool.asyncWrite({ db in try row.upsert(db) }, completion: { _, result in
            switch result {
            case .success: completion(nil)
            case .failure(let error):
                onWriteError(error)
                completion(error)
            }
        })
    }

    /// Saves and returns once the booking is committed (tools and tests).
    public func saveNow(_ meeting: Meeting) throws {
        let row = try MeetingRow(meeting, updatedAt: clock())
        try pool.write { db in try row.upsert(db) }
    }

    public func delete(_ id: MeetingID) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM meetings WHERE id = ?", arguments: [id.description]) }
    }

    public func record(_ attendance: [MeetingAttendance]) {
        guard !attendance.isEmpty else { return }
        let now = clock().timeIntervalSince1970
        let onWriteError = self.onWriteError
        pool.asyncWrite({ db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO meeting_attendance (meeting_id, occurrence, sitting_start, site, position, room, outcome,
                    calls, joined_at, left_at, seconds_present, last_failure, alarmed_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(meeting_id, occurrence, sitting_start, site) DO UPDATE SET position = excluded.position,
                    room = excluded.room, outcome = excluded.outcome, calls = excluded.calls,
                    joined_at = excluded.joined_at, left_at = excluded.left_at,
                    seconds_present = excluded.seconds_present, last_failure = excluded.last_failure,
                    alarmed_at = excluded.alarmed_at, updated_at = excluded.updated_at
                """)
            for (position, row) in attendance.enumerated() {
                try statement.execute(arguments: [
                    row.meetingID.description, row.occurrence, row.sittingStart.timeIntervalSince1970, row.site,
                    position, row.room, row.outcome.rawValue, row.calls, row.joinedAt?.timeIntervalSince1970,
                    row.leftAt?.timeIntervalSince1970, row.secondsPresent, row.lastFailure?.description,
                    row.alarmedAt?.timeIntervalSince1970, now,
                ])
            }
        }, completion: { _, result in
            if case .failure(let error) = result { onWriteError(error) }
        })
    }

    public func attendance(of id: MeetingID, sittings: Int) throws -> [MeetingAttendance] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM meeting_attendance
                WHERE meeting_id = ?1 AND sitting_start IN (
                    SELECT DISTINCT sitting_start FROM meeting_attendance WHERE meeting_id = ?1
                    ORDER BY sitting_start DESC LIMIT ?2)
                ORDER BY sitting_start DESC, position
                """, arguments: [id.description, sittings]).map { row in
                MeetingAttendance(
                    meetingID: id, occurrence: row["occurrence"], room: row["room"],
                    sittingStart: Date(timeIntervalSince1970: row["sitting_start"]), site: row["site"],
                    outcome: MeetingAttendance.Outcome(rawValue: row["outcome"]) ?? .missed, calls: row["calls"],
                    joinedAt: (row["joined_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    leftAt: (row["left_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    secondsPresent: row["seconds_present"],
                    lastFailure: (row["last_failure"] as String?).flatMap(DialFailure.init(description:)),
                    alarmedAt: (row["alarmed_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }
}

/// A booking as its row: the columns SQL filters and sorts on, and the booking as JSON.
private struct MeetingRow: Sendable {
    var id: String
    var room: String
    var start: Double
    var data: String
    var updatedAt: Double

    init(_ meeting: Meeting, updatedAt: Date) throws {
        id = meeting.id.description
        room = meeting.room
        start = meeting.start.timeIntervalSince1970
        data = String(decoding: try JSONEncoder().encode(meeting), as: UTF8.self)
        self.updatedAt = updatedAt.timeIntervalSince1970
    }

    func upsert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO meetings (id, room, start, data, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET room = excluded.room, start = excluded.start, data = excluded.data,
                updated_at = excluded.updated_at
            """, arguments: [id, room, start, data, updatedAt])
    }
}
