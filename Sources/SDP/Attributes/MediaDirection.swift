/// The direction attributes `a=sendrecv`, `a=sendonly`, `a=recvonly`, `a=inactive` (RFC 8866 §6.7; RFC 3264 §6.1).

/// Which way media flows, from the point of view of the side that wrote the description.
public enum MediaDirection: String, Sendable, Hashable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    /// Whether this side sends media.
    public var sends: Bool { self == .sendrecv || self == .sendonly }
    /// Whether this side receives media.
    public var receives: Bool { self == .sendrecv || self == .recvonly }

    public init(sends: Bool, receives: Bool) {
        switch (sends, receives) {
        case (true, true): self = .sendrecv
        case (true, false): self = .sendonly
        case (false, true): self = .recvonly
        case (false, false): self = .inactive
        }
    }

    /// The direction the other side takes in answer: what one sends, the other receives (RFC 3264 §6.1).
    public var reversed: MediaDirection { MediaDirection(sends: receives, receives: sends) }

    public var attribute: Attribute { Attribute(rawValue) }
}

extension AttributeCarrying {
    /// The direction attribute written here, if any (the last one wins if a peer writes several).
    public var direction: MediaDirection? {
        attributes.lazy.reversed().compactMap { $0.value == nil ? MediaDirection(rawValue: $0.name) : nil }.first
    }
}

extension SessionDescription {
    /// A media section's direction: its own attribute, else the session's, else `sendrecv` (RFC 8866 §6.7).
    public func direction(of media: MediaDescription) -> MediaDirection {
        media.direction ?? direction ?? .sendrecv
    }
}
