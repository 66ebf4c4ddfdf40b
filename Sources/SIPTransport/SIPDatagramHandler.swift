import Logging
import NIOCore
import SIP

/// Delivers each UDP datagram as one message (RFC 3261 §18.1.2, §18.2.1): the parser ignores any octets after the
/// Content-Length body, so the datagram is passed on as it is.
final class SIPDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let logger: Logger
    private let onMessage: @Sendable (InboundSIPMessage) -> Void
    /// The listener with the port actually bound, known once the socket is active.
    private var local: SIPListenerSpec
    private let readCycle: DatagramReadCycle

    init(listener: SIPListenerSpec, logger: Logger, readCycle: DatagramReadCycle,
         onMessage: @escaping @Sendable (InboundSIPMessage) -> Void) {
        self.local = listener
        self.logger = logger
        self.readCycle = readCycle
        self.onMessage = onMessage
    }

    func channelActive(context: ChannelHandlerContext) {
        if let port = context.channel.localAddress?.port { local.port = port }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        readCycle.isReading = true
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        // Stray keep-alive CRLFs (RFC 5626 §4.4.1 uses STUN on UDP, but some clients send CRLF) carry no message.
        guard bytes.contains(where: { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 && $0 != 0x00 }) else { return }
        onMessage(InboundSIPMessage(bytes: bytes, flow: envelope.remoteAddress.sipFlow(.udp), local: local))
    }

    /// The burst is over: everything answered during it goes out with one flush.
    func channelReadComplete(context: ChannelHandlerContext) {
        readCycle.isReading = false
        context.flush()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP port-unreachable from an earlier send surfaces here as ECONNREFUSED; the socket stays usable, and one
        // unreachable peer must not take the listener down for everyone else.
        logger.debug("UDP socket error on \(local): \(error)")
    }
}
