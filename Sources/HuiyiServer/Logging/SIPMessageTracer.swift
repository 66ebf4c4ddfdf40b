import Logging
import SIP

/// Writes every SIP message sent and received to the log when `trace_sip` is on, with secrets masked.
///
/// Messages are logged at `info` so that tracing can be switched on without also switching on debug output
/// from everything else.
public struct SIPMessageTracer: Sendable {
    public enum Direction: String, Sendable {
        case received = "received from"
        case sent = "sent to"
    }

    public var logger: Logger
    public var isEnabled: Bool

    public init(logger: Logger, isEnabled: Bool) {
        self.logger = logger
        self.isEnabled = isEnabled
    }

    public init(configuration: ServerConfiguration, logger: Logger) {
        self.init(logger: logger, isEnabled: configuration.traceSIP)
    }

    /// Logs `message` (the text as it travels on the wire) exchanged with `remote` (`udp:192.0.2.1:5060`).
    public func trace(_ direction: Direction, remote: String, transport: SIPTransportKind, message: String) {
        guard isEnabled else { return }
        let heading = "SIP \(direction.rawValue) \(remote) over \(transport.rawValue), \(message.utf8.count) bytes"
        logger.info("\(heading)\n\(SIPTraceRedaction.masked(message))")
    }
}
