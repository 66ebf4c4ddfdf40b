/// Someone in a room: who they are (as their SIP From header named them, RFC 3261 §20.20), their role and state.
import Foundation

public struct Participant: Sendable, Hashable {
    public let id: ParticipantID
    public var caller: Caller
    public var role: ParticipantRole
    public var isMuted: Bool
    /// Wall-clock time of joining, as handed in by the driver (for listings and call records).
    public let joinedAt: Date
}

/// Who is calling: the display name and URI of the SIP From header.
public struct Caller: Sendable, Hashable {
    public var displayName: String?
    public var uri: String

    public init(displayName: String? = nil, uri: String) {
        self.displayName = displayName
        self.uri = uri
    }
}
