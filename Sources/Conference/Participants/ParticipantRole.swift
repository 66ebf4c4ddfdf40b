/// What a participant may do in a room: a chair (moderator) can join a locked room and run the meeting.
public enum ParticipantRole: String, Sendable, Hashable, CaseIterable {
    case participant
    case chair
}
