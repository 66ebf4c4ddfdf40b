/// Who may enter a standing room, as written in the room's `access` key.
public enum RoomAccess: String, Sendable, Hashable, CaseIterable {
    /// Every caller enters a PIN (the room's or the moderator's) before joining.
    case pin
    /// Only callers authenticated as one of the server's accounts (SIP digest, RFC 3261 §22) may join.
    case account
    /// Anyone who reaches the room's number or name joins.
    case open
}
