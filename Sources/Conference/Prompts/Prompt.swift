/// The announcements a room plays to callers, each a short tone pattern rather than speech (no language to choose).
public enum Prompt: String, Sendable, Hashable, CaseIterable {
    /// Please key in the PIN.
    case enterPIN
    /// That PIN was wrong.
    case wrongPIN
    /// The PIN was right; joining.
    case welcome
    /// To everyone in the room: someone joined.
    case join
    /// To everyone in the room: someone left.
    case leave
    /// To the caller: the call ends now.
    case goodbye
}
