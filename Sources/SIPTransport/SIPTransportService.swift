import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SIP

/// The SIP transport layer's sockets (RFC 3261 §18): UDP, TCP and TLS listeners, the connections they accept or open,
/// and sending over the right one. Bytes in, bytes out: parsing and transactions belong to the caller.
///
/// Inbound messages are handed to `onMessage` on the event loop of the socket they arrived on; hop to your own loop or
/// actor from there.
public final class SIPTransportService: Sendable {
    let configuration: SIPTransportConfiguration
    let group: any EventLoopGroup
    let logger: Logger
    let onMessage: @Sendable (InboundSIPMessage) -> Void
    let connections = SIPConnectionRegistry()
    let running = LockedState<Running?>(nil)

    struct Listener: Sendable {
        /// As configured, with the port actually bound.
        var spec: SIPListenerSpec
        var channel: any Channel
        /// UDP only: lets a send on the listener's loop during a read burst leave the flush to the burst's end.
        var readCycle: DatagramReadCycle?
    }

    struct Running: Sendable {
        var listeners: [Listener]
        var tls: TLSContexts
    }

    public init(
        configuration: SIPTransportConfiguration,
        eventLoopGroup: any EventLoopGroup,
        logger: Logger,
        onMessage: @escaping @Sendable (InboundSIPMessage) -> Void
    ) {
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
        self.onMessage = onMessage
    }

    /// Binds every listener; returns them with the ports actually bound (a configured port 0 becomes the real one).
    /// If any listener cannot be bound, those already bound are closed again and the error says which failed.
    public func start() async throws -> [SIPListenerSpec] {
        guard running.withLock({ $0 == nil }) else { throw SIPTransportError.alreadyRunning }
        let tls = try Self.makeTLSContexts(configuration.tls)
        if tls.server == nil, let listener = configuration.listeners.first(where: { $0.transport == .tls }) {
            throw SIPTransportError.tlsFilesMissing(listener: listener)
        }
        var bound: [Listener] = []
        do {
            for spec in configuration.listeners {
                bound.append(try await bind(spec, tls: tls))
            }
        } catch {
            for listener in bound { try? await listener.channel.close() }
            throw error
        }
        running.withLock { $0 = Running(listeners: bound, tls: tls) }
        for listener in bound { logger.info("listening for SIP on \(listener.spec)") }
        return bound.map(\.spec)
    }

    /// Closes the listeners and every open connection. Safe to call more than once.
    public func shutdown() async throws {
        let stopped = running.withLock { state in
            defer { state = nil }
            return state
        }
        for listener in stopped?.listeners ?? [] { try? await listener.channel.close() }
        for channel in connections.allChannels() { try? await channel.close() }
    }

    /// The listeners with their bound ports, empty unless running.
    public var listeners: [SIPListenerSpec] {
        running.withLock { $0?.listeners.map(\.spec) ?? [] }
    }

    /// TCP and TLS connections currently open, inbound and outbound.
    public var openConnectionCount: Int { connections.openConnectionCount }

    private func bind(_ spec: SIPListenerSpec, tls: TLSContexts) async throws -> Listener {
        do {
            let channel: any Channel
            var readCycle: DatagramReadCycle?
            switch spec.transport {
            case .udp:
                let cycle = DatagramReadCycle()
                channel = try await bindDatagram(spec, readCycle: cycle)
                readCycle = cycle
            case .tcp, .tls: channel = try await bindStream(spec, tls: tls)
            }
            var bound = spec
            bound.port = channel.localAddress?.port ?? spec.port
            return Listener(spec: bound, channel: channel, readCycle: readCycle)
        } catch {
            throw SIPTransportError.bindFailed(listener: spec, reason: "\(error)")
        }
    }

    /// IPv6 listeners take IPv6 only, so `udp:0.0.0.0:5060` and `udp:[::]:5060` can both be bound.
    private static let ipv6Only = ChannelOptions.Types.SocketOption(level: .ipv6, name: .ipv6_v6only)

    private func bindDatagram(_ spec: SIPListenerSpec, readCycle: DatagramReadCycle) async throws -> any Channel {
        var bootstrap = DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(configuration.udpReceiveBufferSize))
            // Room for the largest datagram: the default allocator would truncate anything over 2 KiB.
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: configuration.maxMessageSize))
            .channelOption(.maxMessagesPerRead, value: 16)
        if spec.isIPv6 { bootstrap = bootstrap.channelOption(Self.ipv6Only, value: 1) }
        let (logger, onMessage) = (logger, onMessage)
        let channel = try await bootstrap.channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    SIPDatagramHandler(listener: spec, logger: logger, readCycle: readCycle, onMessage: onMessage)
                )
            }
        }
        .bind(host: spec.host, port: spec.port).get()
        // The kernel silently caps SO_RCVBUF at net.core.rmem_max; bursts beyond what it holds are dropped unseen.
        let granted = try await channel.getOption(.socketOption(.so_rcvbuf)).get()
        if Int(granted) < configuration.udpReceiveBufferSize {
            logger.notice(
                "UDP receive buffer for \(spec) is \(granted) bytes, not \(configuration.udpReceiveBufferSize): raise net.core.rmem_max"
            )
        }
        return channel
    }

    private func bindStream(_ spec: SIPListenerSpec, tls: TLSContexts) async throws -> any Channel {
        var bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
        if spec.isIPv6 { bootstrap = bootstrap.serverChannelOption(Self.ipv6Only, value: 1) }
        let serverContext = spec.transport == .tls ? tls.server : nil
        return try await bootstrap.childChannelInitializer { [self] channel in
            initializeAccepted(channel, listener: spec, tls: serverContext)
        }
        .bind(host: spec.host, port: spec.port).get()
    }
}
