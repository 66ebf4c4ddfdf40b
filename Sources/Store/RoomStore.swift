/// Rooms in SQLite (`RoomRepository`): the live truth. Room files are synced in at start — their rooms replaced, rooms
/// of deleted files dropped — while rooms created through the admin API stay until removed there.
import Conference
import Foundation
import GRDB

public final class RoomStore: RoomRepository, Sendable {
    private let pool: DatabasePool

    init(pool: DatabasePool) { self.pool = pool }

    public func loadRooms() throws -> [Room] {
        try pool.read { db in
            var sites: [String: [RoomSite]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM room_sites ORDER BY room, position") {
                sites[row["room"], default: []].append(RoomSite(name: row["name"], title: row["title"], uri: row["uri"]))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM rooms ORDER BY name").map { row in
                try Room.validated(
                    name: row["name"], title: row["title"], number: row["number"], pin: row["pin"],
                    moderatorPin: row["moderator_pin"], access: row["access"], srtp: row["srtp"],
                    maxParticipants: row["max_participants"], speakers: row["speakers"],
                    sites: sites[row["name"]] ?? [])
            }
        }
    }

    public func syncFileRooms(_ rooms: [Room]) throws {
        try pool.write { db in
            for room in rooms { try Self.upsert(room, source: "file", db) }
            let names = rooms.map(\.name)
            let placeholders = names.map { _ in "?" }.joined(separator: ", ")
            try db.execute(sql: "DELETE FROM rooms WHERE source = 'file'"
                               + (names.isEmpty ? "" : " AND name NOT IN (\(placeholders))"),
                           arguments: StatementArguments(names))
        }
    }

    public func save(_ room: Room) throws {
        try pool.write { db in try Self.upsert(room, source: "api", db) }
    }

    public func deleteRoom(named name: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM rooms WHERE name = ?", arguments: [name]) }
    }

    private static func upsert(_ room: Room, source: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO rooms (name, title, number, pin, moderator_pin, access, srtp, max_participants, speakers,
                source, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET title = excluded.title, number = excluded.number, pin = excluded.pin,
                moderator_pin = excluded.moderator_pin, access = excluded.access, srtp = excluded.srtp,
                max_participants = excluded.max_participants, speakers = excluded.speakers,
                source = excluded.source, updated_at = excluded.updated_at
            """, arguments: [room.name, room.title, room.number, room.pin, room.moderatorPin, room.access.rawValue,
                             room.srtp.rawValue, room.maxParticipants, room.speakers, source,
                             Date().timeIntervalSince1970])
        try db.execute(sql: "DELETE FROM room_sites WHERE room = ?", arguments: [room.name])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO room_sites (room, position, name, title, uri) VALUES (?, ?, ?, ?, ?)
            """)
        for (position, site) in room.sites.enumerated() {
            try insert.execute(arguments: [room.name, position, site.name, site.title, site.uri])
        }
    }
}
