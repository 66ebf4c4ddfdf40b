/// The transport a message travelled on (RFC 3261 §18; the Via `transport` token).
public enum SIPTransportKind: String, Sendable, Hashable, CaseIterable {
    case udp = "UDP"
    case tcp = "TCP"
    case tls = "TLS"

    /// Reliable transports carry no retransmissions (RFC 3261 §17.1.1.2, §17.1.2.2).
    public var isReliable: Bool { self != .udp }

    /// Parses a Via transport token case-insensitively ("udp", "TLS", ...).
    public init?(token: some StringProtocol) {
        switch token.uppercased() {
        case "UDP": self = .udp
        case "TCP": self = .tcp
        case "TLS": self = .tls
        default: return nil
        }
    }
}
