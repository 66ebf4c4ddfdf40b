import SIP

/// One address the server listens on for SIP (RFC 3261 §18.2.1): a transport, an IP literal and a port.
///
/// Written in configuration as `udp:127.0.0.1:5060`, `tcp:[::1]:5060` or `tls:0.0.0.0:5061`.
public struct SIPListenerSpec: Sendable, Hashable, CustomStringConvertible {
    public var transport: SIPTransportKind
    /// The local IP literal to bind, IPv6 without brackets ("0.0.0.0", "::", "127.0.0.1", "::1").
    public var host: String
    /// The local port; 0 asks the system for a free one (the bound port is reported by `start()`).
    public var port: Int

    public init(transport: SIPTransportKind, host: String, port: Int) {
        self.transport = transport
        self.host = host
        self.port = port
    }

    /// Parses `transport:host:port`, with an IPv6 host in brackets; nil when the text is not of that shape.
    public init?(_ text: String) {
        guard let firstColon = text.firstIndex(of: ":"),
              let transport = SIPTransportKind(token: text[..<firstColon]) else { return nil }
        let hostPort = text[text.index(after: firstColon)...]
        guard let portColon = hostPort.lastIndex(of: ":"), let port = Int(hostPort[hostPort.index(after: portColon)...]),
              (0...65_535).contains(port) else { return nil }
        var host = hostPort[..<portColon]
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = host.dropFirst().dropLast()
        } else if host.contains(":") {
            return nil  // an IPv6 literal must be bracketed, or its last group would read as the port
        }
        guard !host.isEmpty else { return nil }
        self.init(transport: transport, host: String(host), port: port)
    }

    /// True when the host is an IPv6 literal.
    public var isIPv6: Bool { host.contains(":") }

    public var description: String {
        "\(transport.rawValue.lowercased()):" + (isIPv6 ? "[\(host)]" : host) + ":\(port)"
    }
}
