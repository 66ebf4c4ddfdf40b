import Logging
import NIOCore
import SIP

/// Turns one TCP or TLS connection's bytes into SIP messages with `SIPStreamFramer` (RFC 3261 §18.3), answers CRLF
/// keep-alive pings with a pong (RFC 5626 §3.5.1), and closes the connection on a framing error or when idle.
final class SIPStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let pong: [UInt8] = [0x0D, 0x0A]

    private var framer: SIPStreamFramer
    private let flow: SIPFlow
    /// The listener reported with each message; for a connection this server opened with no listener of its kind,
    /// the connection's own local address, filled in on first use.
    private var local: SIPListenerSpec?
    private let logger: Logger
    private let onMessage: @Sendable (InboundSIPMessage) -> Void
    /// Set once the connection is being closed: whatever is still in flight must not be delivered or answered.
    private var closing = false

    init(
        flow: SIPFlow,
        local: SIPListenerSpec?,
        limits: SIPStreamFramer.Limits,
        logger: Logger,
        onMessage: @escaping @Sendable (InboundSIPMessage) -> Void
    ) {
        self.framer = SIPStreamFramer(limits: limits)
        self.flow = flow
        self.local = local
        self.onMessage = onMessage
        var logger = logger
        logger[metadataKey: "sip.flow"] = "\(flow)"
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let buffer = unwrapInboundIn(data)
        framer.feed(buffer.readableBytesView)
        var pongs = 0
        while let event = framer.next() {
            switch event {
            case .message(let bytes):
                logger.trace("stream message received", metadata: ["sip.bytes": "\(bytes.count)"])
                onMessage(InboundSIPMessage(bytes: bytes, flow: flow, local: localListener(context)))
            case .keepAlivePing:
                pongs += 1
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: Self.pong)), promise: nil)
            case .keepAlivePong:
                break
            case .error(let error):
                // The stream is out of sync (§18.3): nothing more can be read or answered reliably on it.
                logger.notice("closing connection: \(error)")
                closing = true
                context.close(promise: nil)
                return
            }
        }
        if pongs > 0 { context.flush() }
    }

    private func localListener(_ context: ChannelHandlerContext) -> SIPListenerSpec {
        if let local { return local }
        let address = context.channel.localAddress
        let found = SIPListenerSpec(transport: flow.transport, host: address?.ipAddress ?? "", port: address?.port ?? 0)
        local = found
        return found
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            logger.debug("closing idle connection")
            closing = true
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Resets and TLS failures are the peer's business; the connection is unusable either way.
        logger.debug("closing connection after error: \(error)")
        closing = true
        context.close(promise: nil)
    }
}
