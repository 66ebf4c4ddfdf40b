/// Why a caller may not join a room, with the SIP final response (RFC 3261 §21.4) and Warning text to send.
public enum AdmissionRefusal: Sendable, Hashable, Error {
    /// The room holds `max` participants already: 486 Busy Here (§21.4.24).
    case full(max: Int)
    /// The chair locked the room and the caller is not a chair: 480 Temporarily Unavailable (§21.4.18).
    case locked

    /// The status code of the final response.
    public var statusCode: Int {
        switch self {
        case .full: 486
        case .locked: 480
        }
    }

    /// The standard reason phrase for `statusCode`.
    public var reasonPhrase: String {
        switch self {
        case .full: "Busy Here"
        case .locked: "Temporarily Unavailable"
        }
    }

    /// A short explanation for a Warning header (RFC 3261 §20.43) or the caller's screen.
    public var warningText: String {
        switch self {
        case .full(let max): "room is full (\(max) participants)"
        case .locked: "room is locked"
        }
    }
}
