import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SIP

/// TCP and TLS connections (RFC 3261 §18.3): accepted ones within the per-address limit, opened ones on demand, both
/// framed by `SIPStreamHandler` and reaped when idle.
extension SIPTransportService {
    /// Raised to make the server bootstrap close an accepted connection over the per-address limit.
    struct ConnectionLimitReached: Error {}

    func initializeAccepted(_ channel: any Channel, listener: SIPListenerSpec, tls: NIOSSLContext?) -> EventLoopFuture<Void> {
        guard let remote = channel.remoteAddress, let host = remote.ipAddress else {
            return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        }
        let limit = configuration.maxConnectionsPerAddress
        guard connections.admitInbound(from: host, limit: limit) else {
            logger.notice("refusing \(listener.transport.rawValue) connection from \(host): \(limit) already open")
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        let id = connections.makeConnectionID()
        let flow = remote.sipFlow(listener.transport, connectionID: id)
        var local = listener
        local.port = channel.parent?.localAddress?.port ?? listener.port
        connections.register(channel, id: id, remote: .init(flow))
        let connections = connections
        channel.closeFuture.whenComplete { _ in
            // Free the address's place before the connection disappears from the registry, so whoever sees it gone
            // can rely on a new connection from that address being admitted.
            connections.releaseInbound(from: host)
            connections.remove(id: id)
        }
        logger.debug("accepted connection \(flow)")
        return channel.eventLoop.makeCompletedFuture {
            if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
            try addStreamHandlers(to: channel, flow: flow, local: local)
        }
    }

    /// Opens a connection to `remote` and registers it, so later sends to the same address reuse it (§18.1.1).
    func openConnection(to remote: SIPConnectionRegistry.RemoteKey, tls: NIOSSLContext) -> EventLoopFuture<any Channel> {
        let id = connections.makeConnectionID()
        let flow = SIPFlow(transport: remote.transport, remoteHost: remote.host, remotePort: remote.port, connectionID: id)
        let local = listener(for: remote.transport, ipv6: remote.host.contains(":"))
        let literal = try? SocketAddress(ipAddress: remote.host, port: remote.port)
        // SNI carries names only; for an IP literal the peer's certificate is checked against the connected address.
        let serverHostname = literal == nil ? remote.host : nil
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    if remote.transport == .tls {
                        let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverHostname)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try addStreamHandlers(to: channel, flow: flow, local: local)
                }
            }
        let connecting = literal.map { bootstrap.connect(to: $0) } ?? bootstrap.connect(host: remote.host, port: remote.port)
        let connections = connections
        let logger = logger
        return connecting.map { channel in
            connections.register(channel, id: id, remote: remote)
            channel.closeFuture.whenComplete { _ in connections.remove(id: id) }
            logger.debug("opened connection \(flow)")
            return channel
        }
    }

    private func addStreamHandlers(to channel: any Channel, flow: SIPFlow, local: SIPListenerSpec?) throws {
        let idle = TimeAmount.nanoseconds(configuration.idleConnectionTimeout.nanoseconds)
        let limits = SIPStreamFramer.Limits(
            maxHeaderSectionSize: configuration.maxHeaderSectionSize,
            maxMessageSize: configuration.maxMessageSize
        )
        let sync = channel.pipeline.syncOperations
        try sync.addHandler(IdleStateHandler(allTimeout: idle))
        try sync.addHandler(SIPStreamHandler(flow: flow, local: local, limits: limits, logger: logger, onMessage: onMessage))
    }

    /// The listener whose address belongs in Via for a connection this server opened: same transport, preferably the
    /// same address family. Nil when there is none; the connection's own local address is reported instead.
    private func listener(for transport: SIPTransportKind, ipv6: Bool) -> SIPListenerSpec? {
        let candidates = listeners.filter { $0.transport == transport }
        return candidates.first { $0.isIPv6 == ipv6 } ?? candidates.first
    }
}
