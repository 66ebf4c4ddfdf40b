import SIP

/// One message as it came off the wire (RFC 3261 §18.1.2, §18.2.1), before parsing.
public struct InboundSIPMessage: Sendable {
    /// The datagram, or exactly one framed message from a stream.
    public var bytes: [UInt8]
    /// Where it came from; pass it back to `SIPTransportService.send` to answer over the same path.
    public var flow: SIPFlow
    /// The listener it arrived on, with the port actually bound. For a connection this server opened, the listener of
    /// the same transport and address family (whose address belongs in Via), or the connection's local address if none.
    public var local: SIPListenerSpec

    public init(bytes: [UInt8], flow: SIPFlow, local: SIPListenerSpec) {
        self.bytes = bytes
        self.flow = flow
        self.local = local
    }
}
