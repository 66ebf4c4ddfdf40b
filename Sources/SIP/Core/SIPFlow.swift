/// The transport-level path of one message as the core sees it (RFC 3261 §18): which transport, which remote address,
/// and for TCP/TLS which connection, so that responses go back over the connection the request came in on (§18.2.2).
public struct SIPFlow: Hashable, Sendable, CustomStringConvertible {
    /// UDP, TCP or TLS.
    public var transport: SIPTransportKind
    /// The remote IP address as a literal, IPv6 without brackets ("127.0.0.1", "::1").
    public var remoteHost: String
    /// The remote port.
    public var remotePort: Int
    /// The transport's identifier of the TCP/TLS connection the message used; nil for UDP or when a new
    /// connection may be opened.
    public var connectionID: UInt64?

    public init(transport: SIPTransportKind, remoteHost: String, remotePort: Int, connectionID: UInt64? = nil) {
        self.transport = transport
        self.remoteHost = remoteHost
        self.remotePort = remotePort
        self.connectionID = connectionID
    }

    /// `host:port` with IPv6 hosts in brackets (RFC 5118 §4.1).
    public var remoteHostPort: String {
        remoteHost.contains(":") ? "[\(remoteHost)]:\(remotePort)" : "\(remoteHost):\(remotePort)"
    }

    public var description: String {
        "\(transport.rawValue.lowercased()):\(remoteHostPort)" + (connectionID.map { "#\($0)" } ?? "")
    }
}

extension SIPFlow {
    /// Reads `description` back: `udp:127.0.0.1:5070`, `tcp:[::1]:5060#12`; nil when it is not one.
    public init?(parsing text: some StringProtocol) {
        let text = String(text)
        guard let colon = text.firstIndex(of: ":"),
              let transport = SIPTransportKind(token: String(text[..<colon])) else { return nil }
        var rest = Substring(text[text.index(after: colon)...])
        var connectionID: UInt64?
        if let hash = rest.lastIndex(of: "#") {
            guard let id = UInt64(rest[rest.index(after: hash)...]) else { return nil }
            connectionID = id
            rest = rest[..<hash]
        }
        guard let portColon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: portColon)...]),
              (1...65535).contains(port) else { return nil }
        var host = rest[..<portColon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { return nil }
        self.init(transport: transport, remoteHost: String(host), remotePort: port, connectionID: connectionID)
    }
}
