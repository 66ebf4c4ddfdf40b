import SIP

/// Why the SIP transports could not start or send, with what to change.
public enum SIPTransportError: Error, Sendable, CustomStringConvertible {
    /// A TLS listener is configured without certificate files.
    case tlsFilesMissing(listener: SIPListenerSpec)
    /// The certificate or key could not be loaded.
    case tlsFilesUnreadable(path: String, reason: String)
    /// A listener's address could not be bound.
    case bindFailed(listener: SIPListenerSpec, reason: String)
    /// A destination is not an IP literal where one is needed (UDP sends take literals; resolve names first).
    case invalidAddress(host: String, port: Int)
    /// No UDP listener of the destination's address family exists to send from.
    case noListener(transport: SIPTransportKind, ipv6: Bool)
    /// The service is not running.
    case notRunning
    /// `start()` was called on a service that is already running; call `shutdown()` first.
    case alreadyRunning

    public var description: String {
        switch self {
        case .tlsFilesMissing(let listener):
            "listener \(listener) uses TLS but no certificate and key are configured (run Tools/dev-cert.sh for a development pair)"
        case .tlsFilesUnreadable(let path, let reason):
            "cannot load TLS file \(path): \(reason)"
        case .bindFailed(let listener, let reason):
            "cannot listen on \(listener): \(reason) (is another process using the port, or the address not local?)"
        case .invalidAddress(let host, let port):
            "\(host):\(port) is not an IP address and port"
        case .noListener(let transport, let ipv6):
            "no \(transport.rawValue) listener on an \(ipv6 ? "IPv6" : "IPv4") address to send from; add one to the listeners"
        case .notRunning:
            "the SIP transport service is not running"
        case .alreadyRunning:
            "the SIP transport service is already running; shut it down before starting it again"
        }
    }
}
