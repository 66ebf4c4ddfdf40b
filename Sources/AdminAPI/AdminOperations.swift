/// What the admin API can ask of the server (docs/ADMIN-API.md): the composition layer implements it; this target
/// only speaks HTTP and JSON.

/// The server's side of every endpoint. Errors thrown should be `AdminError`s (anything else becomes a 500).
public protocol AdminOperations: Sendable {
    func status() async throws -> ServerStatus
    func rooms() async throws -> [RoomSummary]
    func room(_ room: String) async throws -> RoomSummary
    func participants(in room: String) async throws -> [ParticipantSummary]
    func setMuted(_ muted: Bool, participant: UInt32, in room: String) async throws -> ParticipantSummary
    func kick(participant: UInt32, from room: String) async throws
    func setLocked(_ locked: Bool, room: String) async throws -> RoomSummary
    func dial(room: String, uri: String) async throws -> DialSummary
    /// Prometheus text exposition (version 0.0.4).
    func metrics() async throws -> String
    /// Call detail records, newest first.
    func callRecords(room: String?, since: Double?, limit: Int) async throws -> [CallRecordSummary]
    /// The audit log, newest first.
    func auditEntries(since: Double?, limit: Int) async throws -> [AuditSummary]
    /// Notes an operator's successful action (`action` on `target`, from `source`) in the audit log.
    func audit(action: String, target: String, source: String, details: String) async
}

public struct CallRecordSummary: Codable, Sendable, Equatable {
    public var call: String
    public var room: String
    public var party: String
    public var direction: String
    /// ISO 8601, UTC; `answered_at` is absent for a call never answered.
    public var startedAt: String
    public var answeredAt: String?
    public var endedAt: String
    public var endReason: String
    public var codec: String?
    public var srtp: Bool
    public var packetsIn: Int
    public var packetsOut: Int
    public var lost: Int
    public var jitterMilliseconds: Double
    public var roundTripMilliseconds: Double?

    public init(call: String, room: String, party: String, direction: String, startedAt: String,
                answeredAt: String?, endedAt: String, endReason: String, codec: String?, srtp: Bool, packetsIn: Int,
                packetsOut: Int, lost: Int, jitterMilliseconds: Double, roundTripMilliseconds: Double?) {
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

    enum CodingKeys: String, CodingKey {
        case call, room, party, direction, codec, srtp, lost
        case startedAt = "started_at", answeredAt = "answered_at", endedAt = "ended_at", endReason = "end_reason"
        case packetsIn = "packets_in", packetsOut = "packets_out", jitterMilliseconds = "jitter_ms"
        case roundTripMilliseconds = "rtt_ms"
    }
}

public struct AuditSummary: Codable, Sendable, Equatable {
    /// ISO 8601, UTC.
    public var at: String
    public var actor: String
    public var action: String
    public var target: String
    public var source: String
    public var details: String

    public init(at: String, actor: String, action: String, target: String, source: String, details: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.source = source
        self.details = details
    }
}

public struct ServerStatus: Codable, Sendable, Equatable {
    public var version: String
    public var uptimeSeconds: Int
    public var domain: String
    public var rooms: Int
    public var liveRooms: Int
    public var participants: Int

    public init(version: String, uptimeSeconds: Int, domain: String, rooms: Int, liveRooms: Int, participants: Int) {
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.domain = domain
        self.rooms = rooms
        self.liveRooms = liveRooms
        self.participants = participants
    }

    enum CodingKeys: String, CodingKey {
        case version, domain, rooms, participants
        case uptimeSeconds = "uptime_s", liveRooms = "live_rooms"
    }
}

public struct SiteSummary: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var uri: String

    public init(name: String, title: String, uri: String) {
        self.name = name
        self.title = title
        self.uri = uri
    }
}

public struct RoomSummary: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var number: String
    public var access: String
    public var srtp: String
    public var maxParticipants: Int
    public var speakers: Int
    public var sites: [SiteSummary]
    public var participants: Int
    public var locked: Bool

    public init(name: String, title: String, number: String, access: String, srtp: String, maxParticipants: Int,
                speakers: Int, sites: [SiteSummary], participants: Int, locked: Bool) {
        self.name = name
        self.title = title
        self.number = number
        self.access = access
        self.srtp = srtp
        self.maxParticipants = maxParticipants
        self.speakers = speakers
        self.sites = sites
        self.participants = participants
        self.locked = locked
    }

    enum CodingKeys: String, CodingKey {
        case name, title, number, access, srtp, speakers, sites, participants, locked
        case maxParticipants = "max_participants"
    }
}

public struct ParticipantSummary: Codable, Sendable, Equatable {
    public var id: UInt32
    public var name: String?
    public var uri: String
    public var role: String
    public var codec: String?
    public var srtp: Bool
    public var talking: Bool
    public var muted: Bool
    public var packetsIn: Int
    public var packetsOut: Int
    public var lost: Int
    public var jitterMilliseconds: Double
    public var roundTripMilliseconds: Double?
    /// ISO 8601, UTC.
    public var connectedSince: String

    public init(id: UInt32, name: String?, uri: String, role: String, codec: String?, srtp: Bool, talking: Bool,
                muted: Bool, packetsIn: Int, packetsOut: Int, lost: Int, jitterMilliseconds: Double,
                roundTripMilliseconds: Double?, connectedSince: String) {
        self.id = id
        self.name = name
        self.uri = uri
        self.role = role
        self.codec = codec
        self.srtp = srtp
        self.talking = talking
        self.muted = muted
        self.packetsIn = packetsIn
        self.packetsOut = packetsOut
        self.lost = lost
        self.jitterMilliseconds = jitterMilliseconds
        self.roundTripMilliseconds = roundTripMilliseconds
        self.connectedSince = connectedSince
    }

    enum CodingKeys: String, CodingKey {
        case id, name, uri, role, codec, srtp, talking, muted, lost
        case packetsIn = "packets_in", packetsOut = "packets_out", jitterMilliseconds = "jitter_ms"
        case roundTripMilliseconds = "rtt_ms", connectedSince = "connected_since"
    }
}

public struct DialSummary: Codable, Sendable, Equatable {
    public var room: String
    public var participant: UInt32
    public var call: String

    public init(room: String, participant: UInt32, call: String) {
        self.room = room
        self.participant = participant
        self.call = call
    }
}

/// The body of `POST /rooms/{room}/dial`.
public struct DialBody: Codable, Sendable, Equatable {
    public var uri: String

    public init(uri: String) { self.uri = uri }
}
