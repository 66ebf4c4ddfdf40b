/// A media description: the `m=` line and the lines up to the next one (RFC 8866 §5.14).

/// `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`, with its own `i=`, `c=`, `b=`, `k=` and `a=` lines.
public struct MediaDescription: Sendable, Hashable, AttributeCarrying {
    public var media: MediaType
    /// The transport port; 0 refuses or disables the stream (RFC 3264 §5.1, §6).
    public var port: UInt16
    /// The `/<number of ports>` suffix, when present.
    public var portCount: Int?
    public var proto: TransportProtocol
    /// Payload type numbers for RTP profiles, other tokens for other transports; kept as strings, in order.
    public var formats: [String]
    /// `i=`: a title for the stream.
    public var title: String?
    /// `c=` lines; usually none (the session's applies) or one.
    public var connections: [ConnectionData]
    public var bandwidths: [Bandwidth]
    /// `k=` (obsolete, RFC 8866 §5.12), kept as written.
    public var encryptionKey: String?
    /// `a=` lines, in order.
    public var attributes: [Attribute]
    /// Lines of a type SDP does not define, kept as written (type letter and value).
    public var unknownLines: [UnknownLine]

    public init(
        media: MediaType, port: UInt16, portCount: Int? = nil, proto: TransportProtocol, formats: [String],
        title: String? = nil, connections: [ConnectionData] = [], bandwidths: [Bandwidth] = [],
        encryptionKey: String? = nil, attributes: [Attribute] = [], unknownLines: [UnknownLine] = []
    ) {
        self.media = media
        self.port = port
        self.portCount = portCount
        self.proto = proto
        self.formats = formats
        self.title = title
        self.connections = connections
        self.bandwidths = bandwidths
        self.encryptionKey = encryptionKey
        self.attributes = attributes
        self.unknownLines = unknownLines
    }

    /// The first `c=` line of this section.
    public var connection: ConnectionData? {
        get { connections.first }
        set { connections = newValue.map { [$0] } ?? [] }
    }

    /// The `m=` line's value, without `m=`.
    public var encoded: String {
        var text = media.rawValue + " " + String(port)
        if let portCount { text += "/\(portCount)" }
        text += " " + proto.rawValue
        for format in formats { text += " " + format }
        return text
    }
}

/// The media type of an `m=` line (RFC 8866 §5.14); other values are kept as written.
public enum MediaType: Sendable, Hashable {
    case audio, video, text, application, message, image
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "audio": self = .audio
        case "video": self = .video
        case "text": self = .text
        case "application": self = .application
        case "message": self = .message
        case "image": self = .image
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .audio: "audio"
        case .video: "video"
        case .text: "text"
        case .application: "application"
        case .message: "message"
        case .image: "image"
        case .other(let name): name
        }
    }
}

/// The transport protocol of an `m=` line, kept as written (RFC 8866 §5.14; RFC 3551, 3711, 4585, 5124, 5764).
public struct TransportProtocol: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// RTP with the audio/video profile (RFC 3551).
    public static let rtpAVP: TransportProtocol = "RTP/AVP"
    /// SRTP (RFC 3711), keyed in SDP by SDES (RFC 4568).
    public static let rtpSAVP: TransportProtocol = "RTP/SAVP"
    /// RTP with RTCP feedback (RFC 4585).
    public static let rtpAVPF: TransportProtocol = "RTP/AVPF"
    /// SRTP with RTCP feedback (RFC 5124).
    public static let rtpSAVPF: TransportProtocol = "RTP/SAVPF"
    /// SRTP keyed by DTLS (RFC 5764), as WebRTC uses.
    public static let udpTLSRTPSAVPF: TransportProtocol = "UDP/TLS/RTP/SAVPF"

    /// Plain RTP: `RTP/AVP` or `RTP/AVPF`.
    public var isPlainRTP: Bool { self == .rtpAVP || self == .rtpAVPF }
    /// SRTP keyed in the SDP itself: `RTP/SAVP` or `RTP/SAVPF`.
    public var isSDESSecureRTP: Bool { self == .rtpSAVP || self == .rtpSAVPF }
}

/// A line whose type letter SDP does not define, kept so that a description survives a round trip.
public struct UnknownLine: Sendable, Hashable {
    public var type: Character
    public var value: String

    public init(type: Character, value: String) {
        self.type = type
        self.value = value
    }
}
