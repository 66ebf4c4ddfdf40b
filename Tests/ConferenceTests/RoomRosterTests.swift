import Foundation
import Testing
@testable import Conference

/// Who gets into a live room: capacity, the chair's lock, and the records kept for each participant.
@Suite struct RoomRosterTests {
    let noon = Date(timeIntervalSince1970: 1_800_000_000)

    func caller(_ user: String) -> Caller { Caller(displayName: user.capitalized, uri: "sip:\(user)@example.com") }

    @Test func callersAreAdmittedWithIncreasingIDs() {
        var roster = RoomRoster(maxParticipants: 10)
        #expect(roster.admit(caller: caller("alice"), role: .chair, at: noon) == .admitted(ParticipantID(rawValue: 1)))
        #expect(roster.admit(caller: caller("bob"), role: .participant, at: noon) == .admitted(ParticipantID(rawValue: 2)))
        let alice = roster[ParticipantID(rawValue: 1)]
        #expect(alice?.caller == Caller(displayName: "Alice", uri: "sip:alice@example.com"))
        #expect(alice?.role == .chair)
        #expect(alice?.isMuted == false)
        #expect(alice?.joinedAt == noon)
        #expect(roster.participants.map(\.caller.uri) == ["sip:alice@example.com", "sip:bob@example.com"])
    }

    @Test func idsAreNotReusedAfterSomeoneLeaves() {
        var roster = RoomRoster(maxParticipants: 10)
        _ = roster.admit(caller: caller("alice"), role: .participant, at: noon)
        _ = roster.admit(caller: caller("bob"), role: .participant, at: noon)
        #expect(roster.remove(ParticipantID(rawValue: 2))?.caller.uri == "sip:bob@example.com")
        #expect(roster.remove(ParticipantID(rawValue: 2)) == nil)
        #expect(roster.admit(caller: caller("carol"), role: .participant, at: noon) == .admitted(ParticipantID(rawValue: 3)))
        #expect(roster.count == 2)
    }

    @Test func aFullRoomRefusesWithBusyHere() throws {
        var roster = RoomRoster(room: try Room(name: "small", number: "8200", maxParticipants: 2))
        _ = roster.admit(caller: caller("alice"), role: .participant, at: noon)
        _ = roster.admit(caller: caller("bob"), role: .participant, at: noon)
        let refusal = AdmissionRefusal.full(max: 2)
        #expect(roster.admit(caller: caller("carol"), role: .participant, at: noon) == .refused(refusal))
        #expect(roster.admit(caller: caller("chair"), role: .chair, at: noon) == .refused(refusal), "capacity binds chairs too")
        #expect(refusal.statusCode == 486)
        #expect(refusal.reasonPhrase == "Busy Here")
        #expect(refusal.warningText == "room is full (2 participants)")
        #expect(roster.count == 2)
        roster.remove(ParticipantID(rawValue: 1))
        #expect(roster.admit(caller: caller("carol"), role: .participant, at: noon) == .admitted(ParticipantID(rawValue: 3)))
    }

    @Test func aLockedRoomRefusesAllButChairs() {
        var roster = RoomRoster(maxParticipants: 10)
        roster.isLocked = true
        #expect(roster.admit(caller: caller("bob"), role: .participant, at: noon) == .refused(.locked))
        #expect(AdmissionRefusal.locked.statusCode == 480)
        #expect(AdmissionRefusal.locked.reasonPhrase == "Temporarily Unavailable")
        #expect(AdmissionRefusal.locked.warningText == "room is locked")
        #expect(roster.admit(caller: caller("alice"), role: .chair, at: noon) == .admitted(ParticipantID(rawValue: 1)))
        roster.isLocked = false
        #expect(roster.admit(caller: caller("bob"), role: .participant, at: noon) == .admitted(ParticipantID(rawValue: 2)))
    }

    @Test func muteAndRoleChangeOnlyTheirParticipant() {
        var roster = RoomRoster(maxParticipants: 10)
        _ = roster.admit(caller: caller("alice"), role: .participant, at: noon)
        _ = roster.admit(caller: caller("bob"), role: .participant, muted: true, at: noon)
        let alice = ParticipantID(rawValue: 1)
        let bob = ParticipantID(rawValue: 2)
        #expect(roster[bob]?.isMuted == true)
        let changed = [roster.setMuted(true, for: alice), roster.setMuted(false, for: bob), roster.setRole(.chair, for: bob)]
        #expect(changed == [true, true, true])
        #expect(roster[alice]?.isMuted == true && roster[alice]?.role == .participant)
        #expect(roster[bob]?.isMuted == false && roster[bob]?.role == .chair)
        let stranger = ParticipantID(rawValue: 9)
        let changedStranger = [roster.setMuted(true, for: stranger), roster.setRole(.chair, for: stranger)]
        #expect(changedStranger == [false, false])
        #expect(roster.count == 2)
    }
}
