import NIOCore
import SIP

extension SocketAddress {
    /// The SIP flow for a peer at this address (RFC 3261 §18.2.1 records the source address of each request).
    func sipFlow(_ transport: SIPTransportKind, connectionID: UInt64? = nil) -> SIPFlow {
        SIPFlow(transport: transport, remoteHost: ipAddress ?? "", remotePort: port ?? 0, connectionID: connectionID)
    }

    var isIPv6: Bool {
        if case .v6 = self { return true }
        return false
    }
}
