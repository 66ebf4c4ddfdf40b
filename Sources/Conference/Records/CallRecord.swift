/// A call detail record: one leg of a room, from its start to its end, with what its media did (RFC 3550 §6.4
/// loss, jitter and round-trip time as the leg measured them).
import Foundation

public struct CallRecord: Sendable, Hashable, Codable {
    public enum Direction: String, Sendable, Hashable, Codable {
        /// The party called the room.
        case incoming
        /// The room called the party (dial-out).
        case outgoing
    }

    /// The SIP Call-ID and this side's tag.
    public var call: String
    public var room: String
    /// The site's or caller's address.
    public var party: String
    public var direction: Direction
    public var startedAt: Date
    /// When the call was answered; nil for a call that never was (busy, no answer, cancelled, refused).
    public var answeredAt: Date?
    public var endedAt: Date
    /// Why it ended, in words ("hung up by the caller", "486 Busy Here", "no media for 30 s").
    public var endReason: String
    public var codec: String?
    public var srtp: Bool
    public var packetsIn: Int
    public var packetsOut: Int
    public var lost: Int
    public var jitterMilliseconds: Double
    public var roundTripMilliseconds: Double?

    public init(call: String, room: String, party: String, direction: Direction, startedAt: Date, answeredAt: Date?,
                endedAt: Date, endReason: String, codec: String? = nil, srtp: Bool = false, packetsIn: Int = 0,
                packetsOut: Int = 0, lost: Int = 0, jitterMilliseconds: Double = 0,
                roundTripMilliseconds: Double? = nil) {
        self.call = call
        self.room = room
        self.party = party
        self.direction = direction
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.codec = codec
        self.srtp = srtp
        self.packetsIn = packetsIn
        self.packetsOut = packetsOut
        self.lost = lost
        self.jitterMilliseconds = jitterMilliseconds
        self.roundTripMilliseconds = roundTripMilliseconds
    }
}

/// An operator's action, for the audit log: who did what to what, when, from where.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var at: Date
    /// Who: `admin-api` for holders of the admin token, `cli` for local commands, `scheduler` for the server itself.
    public var actor: String
    /// What: `kick`, `mute`, `unmute`, `lock`, `unlock`, `dial`, `meeting.schedule`, …
    public var action: String
    /// To what: `room/citywide`, `room/citywide/participant/3`, `meeting/…`.
    public var target: String
    /// From where: the client's address.
    public var source: String
    /// Anything else worth keeping (the dialled URI, the new value).
    public var details: String

    public init(at: Date, actor: String, action: String, target: String, source: String, details: String = "") {
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.source = source
        self.details = details
    }
}

/// Where call detail records and audit entries are kept (SQLite here; another database later). Appending must not
/// block the caller: it runs on the signalling loop.
public protocol ConferenceRecords: Sendable {
    func append(_ record: CallRecord)
    func append(_ entry: AuditEntry)
    /// Records ended at or after `since`, newest first, optionally for one room.
    func callRecords(room: String?, since: Date?, limit: Int) throws -> [CallRecord]
    /// Audit entries at or after `since`, newest first.
    func auditEntries(since: Date?, limit: Int) throws -> [AuditEntry]
}

/// Where meetings and their attendance are kept between restarts (SQLite here). Writes never block the caller: they
/// are queued in the order asked and committed one after another, and `save`'s completion says when the booking is
/// durable (an operator's booking is confirmed only then, and survives a `kill -9`).
public protocol MeetingRepository: Sendable {
    func loadMeetings() throws -> [Meeting]
    /// Queues the booking's save; `completion` gets nil once it is committed, else the error.
    func save(_ meeting: Meeting, completion: @escaping @Sendable ((any Error)?) -> Void)
    func delete(_ id: MeetingID) throws
    /// Queues attendance rows, each replacing the row of the same sitting and site.
    func record(_ attendance: [MeetingAttendance])
    /// The attendance of booking `id`: its `sittings` newest sittings, newest first, sites in dialling order.
    func attendance(of id: MeetingID, sittings: Int) throws -> [MeetingAttendance]
}

extension MeetingRepository {
    /// Queues the booking's save; a failure is reported through the store's own error handler.
    public func save(_ meeting: Meeting) { save(meeting) { _ in } }
}

/// Where rooms are kept (the store is the live truth; room files are synced into it at start).
public protocol RoomRepository: Sendable {
    /// Every stored room.
    func loadRooms() throws -> [Room]
    /// Replaces the rooms that came from files with `rooms` (rooms created through the API stay).
    func syncFileRooms(_ rooms: [Room]) throws
    /// Saves a room created or changed through the API.
    func save(_ room: Room) throws
    func deleteRoom(named name: String) throws
}
