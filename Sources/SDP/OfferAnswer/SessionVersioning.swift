/// The `o=` line across a dialog: same session id throughout, version up by one only when the description changes (RFC 3264 §8).

/// The identity this side writes in its `o=` lines (RFC 8866 §5.2).
public struct SessionIdentity: Sendable, Hashable {
    public var username: String
    /// Chosen once per dialog; a numeric string (RFC 8866 §5.2 suggests an NTP timestamp).
    public var sessionID: String
    public var version: UInt64

    public init(username: String = "-", sessionID: String, version: UInt64) {
        self.username = username
        self.sessionID = sessionID
        self.version = version
    }

    /// An origin at `address` for this identity.
    public func origin(address: String) -> Origin {
        Origin(username: username, sessionID: sessionID, sessionVersion: version, address: address)
    }
}

/// Keeps a dialog's descriptions numbered: each description passed to ``stamp(_:)`` gets the dialog's username and
/// session id, the same version as the last one when nothing else changed, and the next version when it did
/// (RFC 3264 §8: "the version MUST be incremented by one" for a changed description and left alone for an
/// unchanged one).
public struct SessionVersioning: Sendable {
    public private(set) var identity: SessionIdentity
    private var last: SessionDescription?

    public init(_ identity: SessionIdentity) {
        self.identity = identity
    }

    /// `description` with this dialog's origin identity and the right version.
    public mutating func stamp(_ description: SessionDescription) -> SessionDescription {
        var candidate = description
        candidate.origin.username = identity.username
        candidate.origin.sessionID = identity.sessionID
        if let last {
            candidate.origin.sessionVersion = last.origin.sessionVersion
            if candidate == last { return last }
            identity.version &+= 1
        }
        candidate.origin.sessionVersion = identity.version
        last = candidate
        return candidate
    }
}
