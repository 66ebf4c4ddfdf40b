/// Meetings in SQLite (`MeetingRepository`): one row per booking, the booking itself as JSON beside the columns
/// SQL needs (room, start), so a schema change of `Meeting` needs no migration of its own.
import Conference
import Foundation
import GRDB

public final class MeetingStore: MeetingRepository, Sendable {
    private let pool: DatabasePool

    init(pool: DatabasePool) { self.pool = pool }

    public func loadMeetings() throws -> [Meeting] {
        let decoder = JSONDecoder()
        return try pool.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM meetings ORDER BY start, id").map {
                try decoder.decode(Meeting.self, from: Data($0.utf8))
            }
        }
    }

    public func save(_ meeting: Meeting) throws {
        let data = String(decoding: try JSONEncoder().encode(meeting), as: UTF8.self)
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO meetings (id, room, start, data, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET room = excluded.room, start = excluded.start, data = excluded.data,
                    updated_at = excluded.updated_at
                """, arguments: [meeting.id.description, meeting.room, meeting.start.timeIntervalSince1970, data,
                                 Date().timeIntervalSince1970])
        }
    }

    public func delete(_ id: MeetingID) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM meetings WHERE id = ?", arguments: [id.description]) }
    }
}
