/// A session description: the session-level lines and the media descriptions that follow (RFC 8866 §5).

/// An SDP session description. Parse one with ``init(parsing:)``; write one with ``encoded``.
///
/// Lines are written back in the order RFC 8866 §5 prescribes; attributes keep their order.
public struct SessionDescription: Sendable, Hashable, AttributeCarrying {
    /// `o=`.
    public var origin: Origin
    /// `s=`: the session name, `-` when there is none worth giving.
    public var sessionName: String
    /// `i=`.
    public var information: String?
    /// `u=`.
    public var uri: String?
    /// `e=` lines.
    public var emails: [String]
    /// `p=` lines.
    public var phones: [String]
    /// The session-level `c=`, which applies to every media section without its own.
    public var connection: ConnectionData?
    public var bandwidths: [Bandwidth]
    /// `t=` lines with their `r=` lines. Written as `t=0 0` when empty.
    public var timings: [Timing]
    /// `z=`, kept as written.
    public var timeZones: String?
    /// `k=` (obsolete, RFC 8866 §5.12), kept as written.
    public var encryptionKey: String?
    /// Session-level `a=` lines, in order.
    public var attributes: [Attribute]
    /// Session-level lines of a type SDP does not define, kept as written.
    public var unknownLines: [UnknownLine]
    /// `m=` sections, in order.
    public var media: [MediaDescription]

    public init(
        origin: Origin, sessionName: String = "-", information: String? = nil, uri: String? = nil,
        emails: [String] = [], phones: [String] = [], connection: ConnectionData? = nil,
        bandwidths: [Bandwidth] = [], timings: [Timing] = [Timing()], timeZones: String? = nil,
        encryptionKey: String? = nil, attributes: [Attribute] = [], unknownLines: [UnknownLine] = [],
        media: [MediaDescription] = []
    ) {
        self.origin = origin
        self.sessionName = sessionName
        self.information = information
        self.uri = uri
        self.emails = emails
        self.phones = phones
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.timeZones = timeZones
        self.encryptionKey = encryptionKey
        self.attributes = attributes
        self.unknownLines = unknownLines
        self.media = media
    }

    /// Where a media section's packets go: its own `c=` if it has one, else the session's (RFC 8866 §5.7).
    public func connection(for media: MediaDescription) -> ConnectionData? {
        media.connection ?? connection
    }
}
