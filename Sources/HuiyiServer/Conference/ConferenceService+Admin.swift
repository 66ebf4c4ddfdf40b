/// What operators see and do through the admin API (docs/ADMIN-API.md): rooms, live participants with their media
/// statistics, mute, kick, lock, dial-out, and the metrics page.
import AdminAPI
import Conference
import Foundation
import MediaTransport
import Mixing
import NIOCore
import SIPServices

extension ConferenceService {
    func status() async throws -> ServerStatus {
        try await loop.submit {
            let state = self.state.value
            return ServerStatus(
                version: HuiyiVersion.current, uptimeSeconds: Int(Date().timeIntervalSince(state.startedAt)),
                domain: self.settings.domain, rooms: state.directory.count, liveRooms: state.rooms.count,
                participants: state.rooms.values.reduce(0) { $0 + $1.roster.count }, calls: state.calls.count)
        }.get()
    }

    func rooms() async throws -> [RoomSummary] {
        try await loop.submit { self.state.value.directory.rooms.map { self.summary(of: $0) } }.get()
    }

    func room(_ room: String) async throws -> RoomSummary {
        try await loop.submit { try self.summary(of: self.lookUp(room)) }.get()
    }

    func createRoom(_ request: RoomRequest) async throws -> RoomSummary {
        guard let name = request.name else {
            throw AdminError.badRequest("name: missing; give the room a name such as \"boardroom\"")
        }
        let room = try Self.room(named: name, from: request)
        return try await loop.submit {
            do {
                try self.state.value.directory.add(room)
            } catch let error as RoomDirectoryError {
                throw AdminError(.conflict, error.message)
            }
            do {
                try self.roomStore?.save(room)
            } catch {
                _ = self.state.value.directory.remove(named: room.name)
                throw AdminError.unavailable("the room could not be saved: \(error)")
            }
            self.logger.notice("room created", metadata: ["room": "\(room.name)", "number": "\(room.number)"])
            return self.summary(of: room)
        }.get()
    }

    func updateRoom(_ roomName: String, _ request: RoomRequest) async throws -> RoomSummary {
        try await loop.submit {
            let old = try self.lookUp(roomName)
            if let name = request.name, name.lowercased() != old.name {
                throw AdminError.badRequest("name: a room keeps its name (\(old.name)); create another room instead")
            }
            // PINs are never sent back to clients, so an update without them keeps them; "" removes one.
            var request = request
            request.pin = request.pin.map { $0.isEmpty ? nil : $0 } ?? old.pin
            request.moderatorPin = request.moderatorPin.map { $0.isEmpty ? nil : $0 } ?? old.moderatorPin
            let room = try Self.room(named: old.name, from: request)
            _ = self.state.value.directory.remove(named: old.name)
            do {
                try self.state.value.directory.add(room)
            } catch let error as RoomDirectoryError {
                try? self.state.value.directory.add(old)
                throw AdminError(.conflict, error.message)
            }
            do {
                try self.roomStore?.save(room)
            } catch {
                _ = self.state.value.directory.remove(named: room.name)
                try? self.state.value.directory.add(old)
                throw AdminError.unavailable("the room could not be saved: \(error)")
            }
            // New calls follow the new definition; calls in progress keep what they agreed.
            self.state.value.rooms[room.name]?.room = room
            self.logger.notice("room updated", metadata: ["room": "\(room.name)"])
            return self.summary(of: room)
        }.get()
    }

    func removeRoom(_ roomName: String) async throws {
        try await loop.submit {
            let room = try self.lookUp(roomName)
            if let live = self.state.value.rooms[room.name], live.roster.count > 0 {
                throw AdminError(.conflict, "room \(room.name) has \(live.roster.count) participant(s); "
                    + "remove them first (huiyi participant kick) or wait for the meeting to end")
            }
            do {
                try self.roomStore?.deleteRoom(named: room.name)
            } catch {
                throw AdminError.unavailable("the room could not be removed: \(error)")
            }
            _ = self.state.value.directory.remove(named: room.name)
            self.state.value.locked.remove(room.name)
            self.logger.notice("room removed", metadata: ["room": "\(room.name)"])
        }.get()
    }

    /// A room from an API request, checked as a room file is (errors name the key).
    private static func room(named name: String, from request: RoomRequest) throws -> Room {
        let sites = (request.sites ?? []).map { RoomSite(name: $0.name, title: $0.title, uri: $0.uri) }
        let result = Result { () throws(RoomDefinitionError) -> Room in
            try Room.validated(
                name: name, title: request.title, number: request.number, pin: request.pin,
                moderatorPin: request.moderatorPin, access: request.access, srtp: request.srtp,
                maxParticipants: request.maxParticipants, speakers: request.speakers, sites: sites)
        }
        switch result {
        case .success(let room): return room
        case .failure(let error): throw AdminError.badRequest(error.description)
        }
    }

    func participants(in roomName: String) async throws -> [ParticipantSummary] {
        let (live, calls) = try await loop.submit { () throws -> (LiveRoom?, [CallHandle: Call]) in
            let room = try self.lookUp(roomName)
            return (self.state.value.rooms[room.name], self.state.value.calls)
        }.get()
        guard let live else { return [] }
        let legs = try await live.media.snapshot().get()
        let formatter = ISO8601DateFormatter()  // one per listing: creating one costs more than formatting
        return live.roster.participants.map { participant in
            let mediaID = Mixing.ParticipantID(participant.id.rawValue)
            let call = live.calls[mediaID].flatMap { calls[$0] }
            return Self.summary(of: participant, call: call, leg: legs[mediaID], formatter: formatter)
        }
    }

    func setMuted(_ muted: Bool, participant id: UInt32, in roomName: String) async throws -> ParticipantSummary {
        try await loop.submit {
            let room = try self.lookUp(roomName)
            guard var live = self.state.value.rooms[room.name],
                  live.roster.setMuted(muted, for: Conference.ParticipantID(rawValue: id)) else {
                throw AdminError.notFound("no participant \(id) in \(room.name); see huiyi participant list \(room.name)")
            }
            live.media.setMuted(muted, Mixing.ParticipantID(id))
            self.state.value.rooms[room.name] = live
        }.get()
        guard let summary = try await participants(in: roomName).first(where: { $0.id == id }) else {
            throw AdminError.notFound("participant \(id) left meanwhile")
        }
        return summary
    }

    func kick(participant id: UInt32, from roomName: String) async throws {
        try await loop.submit {
            let room = try self.lookUp(roomName)
            guard let handle = self.state.value.rooms[room.name]?.calls[Mixing.ParticipantID(id)] else {
                throw AdminError.notFound("no participant \(id) in \(room.name); see huiyi participant list \(room.name)")
            }
            self.logger.notice("participant removed by an operator", metadata: [
                "room": "\(room.name)", "participant": "\(id)", "call": "\(handle)",
            ])
            self.execute(.hangUp(handle, reason: ConferenceService.operatorRemoval))
        }.get()
    }

    func setLocked(_ locked: Bool, room roomName: String) async throws -> RoomSummary {
        try await loop.submit {
            let room = try self.lookUp(roomName)
            if locked { self.state.value.locked.insert(room.name) } else { self.state.value.locked.remove(room.name) }
            self.state.value.rooms[room.name]?.roster.isLocked = locked
            self.logger.notice(locked ? "room locked" : "room unlocked", metadata: ["room": "\(room.name)"])
            return self.summary(of: room)
        }.get()
    }

    func dial(room: String, uri: String) async throws -> DialSummary {
        do {
            let receipt = try await dial(room: room, uri: uri).get()
            return DialSummary(room: receipt.room, participant: receipt.participant, call: receipt.call.description)
        } catch let error as DialOutError {
            switch error {
            case .unknownRoom: throw AdminError.notFound(error.description + "; see huiyi room list")
            case .badURI: throw AdminError.badRequest(error.description)
            case .refused: throw AdminError(.conflict, error.description)
            case .unreachable, .noMedia: throw AdminError.unavailable(error.description)
            }
        }
    }

    func callRecords(room: String?, since: Double?, limit: Int) async throws -> [CallRecordSummary] {
        guard let records else { return [] }
        let formatter = ISO8601DateFormatter()
        return try records.callRecords(room: room, since: since.map(Date.init(timeIntervalSince1970:)), limit: limit)
            .map { record in
                CallRecordSummary(
                    call: record.call, room: record.room, party: record.party, direction: record.direction.rawValue,
                    startedAt: formatter.string(from: record.startedAt),
                    answeredAt: record.answeredAt.map(formatter.string(from:)),
                    endedAt: formatter.string(from: record.endedAt), endReason: record.endReason, codec: record.codec,
                    srtp: record.srtp, packetsIn: record.packetsIn, packetsOut: record.packetsOut, lost: record.lost,
                    jitterMilliseconds: record.jitterMilliseconds, roundTripMilliseconds: record.roundTripMilliseconds)
            }
    }

    func auditEntries(since: Double?, limit: Int) async throws -> [AuditSummary] {
        guard let records else { return [] }
        let formatter = ISO8601DateFormatter()
        return try records.auditEntries(since: since.map(Date.init(timeIntervalSince1970:)), limit: limit).map {
            AuditSummary(at: formatter.string(from: $0.at), actor: $0.actor, action: $0.action, target: $0.target,
                         source: $0.source, details: $0.details)
        }
    }

    func audit(action: String, target: String, source: String, details: String) async {
        records?.append(AuditEntry(at: Date(), actor: "admin-api", action: action, target: target, source: source,
                                   details: details))
        logger.notice("operator action", metadata: [
            "action": "\(action)", "target": "\(target)", "source": "\(source)", "details": "\(details)",
        ])
    }

    // MARK: Helpers (on `loop`)

    private func lookUp(_ name: String) throws -> Room {
        let directory = state.value.directory
        guard let room = directory.room(forUser: name) else {
            throw AdminError.notFound("no room \(name); see huiyi room list")
        }
        return room
    }

    private func summary(of room: Room) -> RoomSummary {
        RoomSummary(
            name: room.name, title: room.title, number: room.number, access: room.access.rawValue,
            srtp: room.srtp.rawValue, maxParticipants: room.maxParticipants, speakers: room.speakers,
            sites: room.sites.map { SiteSummary(name: $0.name, title: $0.title, uri: $0.uri) },
            participants: state.value.rooms[room.name]?.roster.count ?? 0,
            locked: state.value.locked.contains(room.name))
    }

    private static func summary(of participant: Participant, call: Call?, leg: LegSnapshot?,
                                formatter: ISO8601DateFormatter) -> ParticipantSummary {
        ParticipantSummary(
            id: participant.id.rawValue, name: participant.caller.displayName, uri: participant.caller.uri,
            role: "\(participant.role)", codec: call?.negotiated?.codec.encodingName,
            srtp: call?.negotiated?.crypto != nil, talking: leg?.talking ?? false, muted: participant.isMuted,
            packetsIn: leg?.received ?? 0, packetsOut: leg?.sent ?? 0, lost: leg?.lost ?? 0,
            jitterMilliseconds: leg?.jitterMilliseconds ?? 0, roundTripMilliseconds: leg?.roundTripMilliseconds,
            connectedSince: formatter.string(from: participant.joinedAt))
    }
}

/// The version `huiyi status` reports.
enum HuiyiVersion {
    static let current = "0.4.0"
}
