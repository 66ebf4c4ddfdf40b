/// The admin API's view of the server: room and call operations from the conference service, meetings from the
/// meeting service.
import AdminAPI
import Foundation
import SIPServices
import Store

struct AdminFacade: AdminOperations {
    let conference: ConferenceService
    let meetingService: MeetingService
    let sip: SIPCoreRunner
    /// SIP accounts, with the realm their digests are made for (the domain).
    let accountStore: AccountStore
    let realm: String

    func status() async throws -> ServerStatus {
        var status = try await conference.status()
        (status.meetingsRunning, status.alarms) = try await meetingService.status()
        return status
    }
    func rooms() async throws -> [RoomSummary] { try await conference.rooms() }
    func room(_ room: String) async throws -> RoomSummary { try await conference.room(room) }
    func createRoom(_ request: RoomRequest) async throws -> RoomSummary { try await conference.createRoom(request) }
    func updateRoom(_ room: String, _ request: RoomRequest) async throws -> RoomSummary {
        try await conference.updateRoom(room, request)
    }
    func removeRoom(_ room: String) async throws { try await conference.removeRoom(room) }
    func participants(in room: String) async throws -> [ParticipantSummary] {
        try await conference.participants(in: room)
    }
    func setMuted(_ muted: Bool, participant: UInt32, in room: String) async throws -> ParticipantSummary {
        try await conference.setMuted(muted, participant: participant, in: room)
    }
    func kick(participant: UInt32, from room: String) async throws {
        try await conference.kick(participant: participant, from: room)
    }
    func setLocked(_ locked: Bool, room: String) async throws -> RoomSummary {
        try await conference.setLocked(locked, room: room)
    }
    func dial(room: String, uri: String) async throws -> DialSummary { try await conference.dial(room: room, uri: uri) }
    func metrics() async throws -> String { HuiyiMetrics.render() }
    func callRecords(room: String?, since: Double?, limit: Int) async throws -> [CallRecordSummary] {
        try await conference.callRecords(room: room, since: since, limit: limit)
    }
    func auditEntries(since: Double?, limit: Int) async throws -> [AuditSummary] {
        try await conference.auditEntries(since: since, limit: limit)
    }
    func scheduleMeeting(_ request: MeetingRequest) async throws -> MeetingSummary {
        try await meetingService.schedule(request)
    }
    func meetings(room: String?, state: String?) async throws -> [MeetingSummary] {
        try await meetingService.meetings(room: room, state: state)
    }
    func meeting(_ id: String) async throws -> MeetingSummary { try await meetingService.meeting(id) }
    func cancelMeeting(_ id: String) async throws -> MeetingSummary { try await meetingService.cancel(id) }
    func startMeeting(_ id: String) async throws -> MeetingSummary { try await meetingService.startNow(id) }
    func endMeeting(_ id: String) async throws -> MeetingSummary { try await meetingService.endNow(id) }
    func skipMeetingOccurrence(_ id: String, on day: String) async throws -> MeetingSummary {
        try await meetingService.skip(id, on: day)
    }
    func redialMeetingSite(_ id: String, site: String) async throws -> MeetingSummary {
        try await meetingService.redial(id, site: site)
    }
    func meetingAttendance(_ id: String, sittings: Int) async throws -> [AttendanceSummary] {
        try await meetingService.attendance(id, sittings: sittings)
    }
    func bindings() async throws -> [BindingSummary] {
        let now = Date()
        return BindingSummary.list(try await sip.liveBindings().get(), now: now)
    }

    func accounts() async throws -> [AccountSummaryDTO] {
        let utc = ISO8601DateFormatter()  // one per listing: creating one costs more than formatting with it
        return try accountStore.list().map { Self.summary($0, utc) }
    }

    func addAccount(username: String, password: String) async throws -> AccountSummaryDTO {
        try Self.mapping { () throws(AccountStoreError) in
            try accountStore.add(username: username, password: password, realm: realm)
        }
        return try await account(username)
    }

    func setAccountPassword(username: String, password: String) async throws -> AccountSummaryDTO {
        try Self.mapping { () throws(AccountStoreError) in
            try accountStore.setPassword(username: username, password: password, realm: realm)
        }
        return try await account(username)
    }

    func removeAccount(username: String) async throws {
        try Self.mapping { () throws(AccountStoreError) in try accountStore.remove(username: username) }
    }

    private func account(_ username: String) async throws -> AccountSummaryDTO {
        guard let summary = try await accounts().first(where: { $0.username == username }) else {
            throw AdminError.notFound("no account \(username); see huiyi account list")
        }
        return summary
    }

    private static func summary(_ account: AccountSummary, _ utc: ISO8601DateFormatter) -> AccountSummaryDTO {
        AccountSummaryDTO(username: account.username, realm: account.realm, created: utc.string(from: account.createdAt))
    }

    /// The store's refusals as the API's: 400 for bad input, 404 for no such account, 409 for a duplicate.
    private static func mapping(_ body: () throws(AccountStoreError) -> Void) throws {
        do {
            try body()
        } catch {
            switch error {
            case .invalidUsername, .emptyPassword, .emptyRealm: throw AdminError.badRequest(error.description)
            case .duplicateAccount: throw AdminError(.conflict, error.description)
            case .noSuchAccount: throw AdminError.notFound(error.description)
            case .database: throw AdminError.unavailable(error.description)
            }
        }
    }

    func audit(action: String, target: String, source: String, details: String) async {
        await conference.audit(action: action, target: target, source: source, details: details)
    }
}

extension BindingSummary {
    /// Bindings as the API and `huiyi binding list` show them, their time left counted from `now` (one formatter for
    /// the listing: creating one costs more than formatting with it).
    public static func list(_ bindings: [StoredBinding], now: Date) -> [BindingSummary] {
        let utc = ISO8601DateFormatter()
        return bindings.map { BindingSummary($0, now: now, utc: utc) }
    }

    init(_ binding: StoredBinding, now: Date, utc: ISO8601DateFormatter) {
        self.init(aor: binding.aor, contact: binding.contact, q: binding.q, expires: utc.string(from: binding.expiresAt),
                  expiresInSeconds: max(0, Int(binding.expiresAt.timeIntervalSince(now).rounded(.down))),
                  flow: binding.flow, instanceID: binding.instanceID, callID: binding.callID, cseq: binding.cseq,
                  updated: utc.string(from: binding.updatedAt))
    }
}
