/// Who is in one live room: admission against its capacity and lock, ids, mute and role of each participant.
import Foundation

public struct RoomRoster: Sendable {
    /// The answer to a caller asking to join.
    public enum Admission: Sendable, Hashable {
        case admitted(ParticipantID)
        case refused(AdmissionRefusal)
    }

    public let maxParticipants: Int
    /// While locked, only chairs are admitted.
    public var isLocked: Bool
    private var participantsByID: [ParticipantID: Participant] = [:]
    private var lastID: UInt32 = 0

    public init(maxParticipants: Int, isLocked: Bool = false) {
        precondition(maxParticipants > 0, "a room holds at least one participant")
        self.maxParticipants = maxParticipants
        self.isLocked = isLocked
    }

    public init(room: Room) { self.init(maxParticipants: room.maxParticipants) }

    /// Everyone in the room, in order of joining.
    public var participants: [Participant] { participantsByID.values.sorted { $0.id < $1.id } }

    public var count: Int { participantsByID.count }

    public subscript(id: ParticipantID) -> Participant? { participantsByID[id] }

    /// Admits `caller` unless the room is locked (chairs may still join) or full (for chairs too: the room's
    /// capacity is what its media resources were sized for).
    public mutating func admit(
        caller: Caller, role: ParticipantRole, muted: Bool = false, at joinedAt: Date
    ) -> Admission {
        if isLocked, role != .chair { return .refused(.locked) }
        if participantsByID.count >= maxParticipants { return .refused(.full(max: maxParticipants)) }
        lastID += 1
        let id = ParticipantID(rawValue: lastID)
        participantsByID[id] = Participant(id: id, caller: caller, role: role, isMuted: muted, joinedAt: joinedAt)
        return .admitted(id)
    }

    /// Takes `id` out of the room, returning their record if they were in it.
    @discardableResult
    public mutating func remove(_ id: ParticipantID) -> Participant? {
        participantsByID.removeValue(forKey: id)
    }

    /// Mutes or unmutes `id`; false if no such participant.
    @discardableResult
    public mutating func setMuted(_ muted: Bool, for id: ParticipantID) -> Bool {
        guard participantsByID[id] != nil else { return false }
        participantsByID[id]?.isMuted = muted
        return true
    }

    /// Changes `id`'s role (a participant who later keys in the moderator PIN becomes chair); false if no such one.
    @discardableResult
    public mutating func setRole(_ role: ParticipantRole, for id: ParticipantID) -> Bool {
        guard participantsByID[id] != nil else { return false }
        participantsByID[id]?.role = role
        return true
    }
}
