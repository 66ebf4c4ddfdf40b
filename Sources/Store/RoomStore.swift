/// Rooms in SQLite (`RoomRepository`): the live truth. Room files are synced in at start — their rooms replaced, rooms
/// of deleted files dropped — while rooms created through the admin API stay until removed there.
import Conference
import Foundation
import GRDB

public final class RoomStore: RoomRepository, Sendable {
    private let pool: DatabasePool

    init(pool: DatabasePool) { self.pool = pool }

    private struct StoredSite: Codable {
        var name: String
        var title: String
        var uri: String
    }

    public func loadRooms() throws -> [Room] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rooms ORDER BY name").map { row in
                let sites = try JSONDecoder().decode([StoredSite].self, from: Data((row["sites"] as String).utf8))
                return try Room.validated(
                    name: row["name"], title: row["title"], number: row["number"], pin: row["pin"],
                    moderatorPin: row["moderator_pin"], access: row["access"], srtp: row["srtp"],
                    maxParticipants: row["max_participants"], speakers: row["speakers"],
                    sites: sites.map { RoomSite(name: $0.name, title: $0.title, uri: $0.uri) })
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
        let sites = String(decoding: try JSONEncoder().encode(
            room.sites.map { StoredSite(name: $0.name, title: $0.title, uri: $0.uri) }), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO rooms (name, title, number, pin, moderator_pin, access, srtp, max_participants, speakers, sites,
                source, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET title = excluded.title, number = excluded.number, pin = excluded.pin,
                moderator_pin = excluded.moderator_pin, access = excluded.access, srtp = excluded.srtp,
                max_participants = excluded.max_participants, speakers = excluded.speakers, sites = excluded.sites,
                source = excluded.source, updated_at = excluded.updated_at
            """, arguments: [room.name, room.title, room.number, room.pin, room.moderatorPin, room.access.rawValue,
                             room.srtp.rawValue, room.maxParticipants, room.speakers, sites, source,
                             Date().timeIntervalSince1970])
    }
}
