/// What the admin API can ask of the server (docs/ADMIN-API.md): the composition layer implements it; this target
/// only speaks HTTP and JSON.

/// The server's side of every endpoint. Errors thrown should be `AdminError`s (anything else becomes a 500).
public protocol AdminOperations: Sendable {
    func status() async throws -> ServerStatus
    func rooms() async throws -> [RoomSummary]
    func room(_ room: String) async throws -> RoomSummary
    func createRoom(_ request: RoomRequest) async throws -> RoomSummary
    /// Replaces the room's definition (its name stays).
    func updateRoom(_ room: String, _ request: RoomRequest) async throws -> RoomSummary
    func removeRoom(_ room: String) async throws
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
    func scheduleMeeting(_ request: MeetingRequest) async throws -> MeetingSummary
    /// Bookings by start, optionally of one room (name or number) and in one state (`running` lists what runs now).
    func meetings(room: String?, state: String?) async throws -> [MeetingSummary]
    func meeting(_ id: String) async throws -> MeetingSummary
    func cancelMeeting(_ id: String) async throws -> MeetingSummary
    func startMeeting(_ id: String) async throws -> MeetingSummary
    func endMeeting(_ id: String) async throws -> MeetingSummary
    /// Calls off the occurrence of a repeating meeting that starts on a local day (`YYYY-MM-DD`, the meeting's zone).
    func skipMeetingOccurrence(_ id: String, on day: String) async throws -> MeetingSummary
    /// Calls a site missing from the running meeting again now, as the first call of a fresh series.
    func redialMeetingSite(_ id: String, site: String) async throws -> MeetingSummary
    /// Each invited site's attendance of the booking's `sittings` newest sittings, newest first.
    func meetingAttendance(_ id: String, sittings: Int) async throws -> [AttendanceSummary]
    /// The registrar's live bindings, by address of record.
    func bindings() async throws -> [BindingSummary]
    func accounts() async throws -> [AccountSummaryDTO]
    func addAccount(username: String, password: String) async throws -> AccountSummaryDTO
    func setAccountPassword(username: String, password: String) async throws -> AccountSummaryDTO
    func removeAccount(username: String) async throws
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
    /// Calls in progress, answered or not.
    public var calls: Int
    /// Meetings running now.
    public var meetingsRunning: Int
    /// Sites still missing from running meetings after every call, as `MEETING/SITE`.
    public var alarms: [String]

    public init(version: String, uptimeSeconds: Int, domain: String, rooms: Int, liveRooms: Int, participants: Int,
                calls: Int, meetingsRunning: Int = 0, alarms: [String] = []) {
        self.calls = calls
        self.meetingsRunning = meetingsRunning
        self.alarms = alarms
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.domain = domain
        self.rooms = rooms
        self.liveRooms = liveRooms
        self.participants = participants
    }

    enum CodingKeys: String, CodingKey {
        case version, domain, rooms, participants, calls, alarms
        case uptimeSeconds = "uptime_s", liveRooms = "live_rooms", meetingsRunning = "meetings_running"
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

/// The body of `POST /meetings/{id}/skip`.
public struct DayBody: Codable, Sendable, Equatable {
    /// `YYYY-MM-DD`, in the meeting's zone.
    public var on: String

    public init(on: String) { self.on = on }
}

/// The body of `POST /meetings/{id}/redial`.
public struct SiteBody: Codable, Sendable, Equatable {
    public var site: String

    public init(site: String) { self.site = site }
}

/// The body of `POST /meetings`: times as the operator wrote them, parsed by the server (its clock decides what
/// `+10m` means and whether a time is past).
public struct MeetingRequest: Codable, Sendable, Equatable {
    public var room: String
    /// `YYYY-MM-DD HH:MM[:SS]` (in `time_zone`), ISO 8601 with an offset, or `+10m` / `+5s` / `+1h30m`.
    public var at: String
    /// `90m`, `1h30m`, `2h`, `45s`, or minutes.
    public var duration: String
    public var title: String?
    /// Site names of the room; all of them when absent.
    public var sites: [String]?
    /// `none`, `daily`, `weekdays`, `weekly`.
    public var repeats: String?
    /// An IANA zone such as `Asia/Shanghai`; the server's default when absent.
    public var timeZone: String?

    public init(room: String, at: String, duration: String, title: String? = nil, sites: [String]? = nil,
                repeats: String? = nil, timeZone: String? = nil) {
        self.room = room
        self.at = at
        self.duration = duration
        self.title = title
        self.sites = sites
        self.repeats = repeats
        self.timeZone = timeZone
    }

    enum CodingKeys: String, CodingKey {
        case room, at, duration, title, sites
        case repeats = "repeat", timeZone = "time_zone"
    }
}

/// One site of a meeting as `huiyi meeting show` lists it.
public struct MeetingSiteSummary: Codable, Sendable, Equatable {
    public var site: String
    /// `awaiting start`, `dialing`, `waiting to redial`, `connected`, `alarm`, `not invited`.
    public var state: String
    public var attempt: Int?
    /// Why the last call failed (busy, no answer, unreachable, rejected (404)).
    public var reason: String?
    /// ISO 8601 UTC: connected or alarmed since, or when the next call goes out.
    public var since: String?
    public var alarm: Bool

    public init(site: String, state: String, attempt: Int?, reason: String?, since: String?, alarm: Bool) {
        self.site = site
        self.state = state
        self.attempt = attempt
        self.reason = reason
        self.since = since
        self.alarm = alarm
    }
}

public struct MeetingSummary: Codable, Sendable, Equatable {
    public var id: String
    public var room: String
    public var title: String
    /// The booked start, ISO 8601 with the meeting's offset, and its zone.
    public var start: String
    public var timeZone: String
    public var durationSeconds: Int
    public var repeats: String
    public var state: String
    public var running: Bool
    /// The next (or current) occurrence's start and end, ISO 8601 UTC.
    public var nextStart: String?
    public var nextEnd: String?
    public var sites: [MeetingSiteSummary]
    /// Sites whose alarm is raised.
    public var alarms: [String]
    /// Local days (`YYYY-MM-DD`) whose occurrence of the series was called off.
    public var skipped: [String]

    public init(id: String, room: String, title: String, start: String, timeZone: String, durationSeconds: Int,
                repeats: String, state: String, running: Bool, nextStart: String?, nextEnd: String?,
                sites: [MeetingSiteSummary], alarms: [String], skipped: [String] = []) {
        self.id = id
        self.room = room
        self.title = title
        self.start = start
        self.timeZone = timeZone
        self.durationSeconds = durationSeconds
        self.repeats = repeats
        self.state = state
        self.running = running
        self.nextStart = nextStart
        self.nextEnd = nextEnd
        self.sites = sites
        self.alarms = alarms
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey {
        case id, room, title, start, state, running, sites, alarms, skipped
        case timeZone = "time_zone", durationSeconds = "duration_s", repeats = "repeat"
        case nextStart = "next_start", nextEnd = "next_end"
    }
}

/// One site's attendance of one sitting of a meeting (`huiyi meeting attendance`).
public struct AttendanceSummary: Codable, Sendable, Equatable {
    public var meeting: String
    /// The occurrence's index in its series, 0 for the first.
    public var occurrence: Int
    /// When the sitting started, ISO 8601 UTC (a sitting resumed after a restart starts again).
    public var sittingStart: String
    public var room: String
    public var site: String
    /// `present` or `away` while the meeting runs; `attended` or `missed` once it is over.
    public var outcome: String
    /// Calls placed to the site in the sitting.
    public var calls: Int
    /// ISO 8601 UTC: when the site first came in, and when it last left.
    public var joinedAt: String?
    public var leftAt: String?
    public var secondsPresent: Int
    /// Why the last failed call failed (busy, no answer, unreachable, rejected (404)).
    public var lastFailure: String?
    /// ISO 8601 UTC: when the site's alarm was raised, if it was.
    public var alarmedAt: String?

    public init(meeting: String, occurrence: Int, sittingStart: String, room: String, site: String, outcome: String,
                calls: Int, joinedAt: String?, leftAt: String?, secondsPresent: Int, lastFailure: String?,
                alarmedAt: String?) {
        self.meeting = meeting
        self.occurrence = occurrence
        self.sittingStart = sittingStart
        self.room = room
        self.site = site
        self.outcome = outcome
        self.calls = calls
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.secondsPresent = secondsPresent
        self.lastFailure = lastFailure
        self.alarmedAt = alarmedAt
    }

    enum CodingKeys: String, CodingKey {
        case meeting, occurrence, room, site, outcome, calls
        case sittingStart = "sitting_start", joinedAt = "joined_at", leftAt = "left_at"
        case secondsPresent = "seconds_present", lastFailure = "last_failure", alarmedAt = "alarmed_at"
    }
}

/// The body of `POST /rooms` and `PUT /rooms/{room}`: a room as a room file writes it (Rooms/README.md).
public struct RoomRequest: Codable, Sendable, Equatable {
    public var name: String?
    public var title: String?
    public var number: String
    public var pin: String?
    public var moderatorPin: String?
    public var access: String?
    public var srtp: String?
    public var maxParticipants: Int?
    public var speakers: Int?
    public var sites: [SiteSummary]?

    public init(name: String?, title: String? = nil, number: String, pin: String? = nil, moderatorPin: String? = nil,
                access: String? = nil, srtp: String? = nil, maxParticipants: Int? = nil, speakers: Int? = nil,
                sites: [SiteSummary]? = nil) {
        self.name = name
        self.title = title
        self.number = number
        self.pin = pin
        self.moderatorPin = moderatorPin
        self.access = access
        self.srtp = srtp
        self.maxParticipants = maxParticipants
        self.speakers = speakers
        self.sites = sites
    }

    enum CodingKeys: String, CodingKey {
        case name, title, number, pin, access, srtp, speakers, sites
        case moderatorPin = "moderator_pin", maxParticipants = "max_participants"
    }
}

/// A registrar binding (RFC 3261 §10.3): an address of record reachable at a contact until it expires.
public struct BindingSummary: Codable, Sendable, Equatable {
    public var aor: String
    public var contact: String
    public var q: Double?
    /// ISO 8601, UTC.
    public var expires: String
    public var expiresInSeconds: Int
    /// The connection or source address the REGISTER came over (RFC 5626 flow).
    public var flow: String?
    public var instanceID: String?
    public var callID: String
    public var cseq: UInt32
    /// ISO 8601, UTC: the last REGISTER that refreshed it.
    public var updated: String

    public init(aor: String, contact: String, q: Double?, expires: String, expiresInSeconds: Int, flow: String?,
                instanceID: String?, callID: String, cseq: UInt32, updated: String) {
        self.aor = aor
        self.contact = contact
        self.q = q
        self.expires = expires
        self.expiresInSeconds = expiresInSeconds
        self.flow = flow
        self.instanceID = instanceID
        self.callID = callID
        self.cseq = cseq
        self.updated = updated
    }

    enum CodingKeys: String, CodingKey {
        case aor, contact, q, expires, flow, cseq, updated
        case expiresInSeconds = "expires_in_s", instanceID = "instance_id", callID = "call_id"
    }
}

/// A SIP account as the API shows it: never its password or digest hashes.
public struct AccountSummaryDTO: Codable, Sendable, Equatable {
    public var username: String
    public var realm: String
    /// ISO 8601, UTC.
    public var created: String

    public init(username: String, realm: String, created: String) {
        self.username = username
        self.realm = realm
        self.created = created
    }
}

/// The body of `POST /accounts` (with `username`) and `PUT /accounts/{name}/password` (without).
public struct AccountRequest: Codable, Sendable, Equatable {
    public var username: String?
    public var password: String

    public init(username: String? = nil, password: String) {
        self.username = username
        self.password = password
    }
}
