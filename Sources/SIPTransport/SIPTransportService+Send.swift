import Logging
import NIOCore
import SIP

/// Sending (RFC 3261 §18.1.1 requests, §18.2.2 responses): UDP from a listener's socket so the peer sees the address
/// it sent to (RFC 3581 `rport` and NAT bindings depend on it); TCP/TLS over the flow's connection while it is open,
/// else over another open connection to the same address, else over a new one.
extension SIPTransportService {
    /// Sends one serialized message. The returned future says whether it was handed to the kernel; failures are also
    /// logged at debug level, so a caller that does not care may ignore it.
    @discardableResult
    public func send(_ bytes: [UInt8], to flow: SIPFlow) -> EventLoopFuture<Void> {
        let sending: EventLoopFuture<Void>
        switch flow.transport {
        case .udp: sending = sendDatagram(bytes, to: flow)
        case .tcp, .tls: sending = sendOverConnection(bytes, to: flow)
        }
        let logger = logger
        sending.whenFailure { error in
            logger.debug("cannot send \(bytes.count) bytes to \(flow): \(error)")
        }
        return sending
    }

    private func failed(_ error: SIPTransportError) -> EventLoopFuture<Void> {
        group.any().makeFailedFuture(error)
    }

    private func sendDatagram(_ bytes: [UInt8], to flow: SIPFlow) -> EventLoopFuture<Void> {
        guard let address = try? SocketAddress(ipAddress: flow.remoteHost, port: flow.remotePort) else {
            return failed(.invalidAddress(host: flow.remoteHost, port: flow.remotePort))
        }
        guard let listeners = running.withLock({ $0?.listeners }) else { return failed(.notRunning) }
        guard let socket = listeners.first(where: { $0.spec.transport == .udp && $0.spec.isIPv6 == address.isIPv6 })
        else {
            return failed(.noListener(transport: .udp, ipv6: address.isIPv6))
        }
        let channel = socket.channel
        let envelope = AddressedEnvelope(remoteAddress: address, data: channel.allocator.buffer(bytes: bytes))
        if channel.eventLoop.inEventLoop, socket.readCycle?.isReading == true {
            // Answering inside the listener's read burst: the handler flushes once at its end.
            return channel.write(envelope)
        }
        return channel.writeAndFlush(envelope)
    }

    private func sendOverConnection(_ bytes: [UInt8], to flow: SIPFlow) -> EventLoopFuture<Void> {
        guard let tls = running.withLock({ $0?.tls }) else { return failed(.notRunning) }
        if let id = flow.connectionID, let channel = connections.channel(id: id), channel.isActive {
            return write(bytes, on: channel)
        }
        let remote = SIPConnectionRegistry.RemoteKey(flow)
        if let open = connections.channel(to: remote), open.channel.isActive {
            return write(bytes, on: open.channel)
        }
        switch connections.joinOrStartConnect(to: remote, on: group.next()) {
        case .joined(let pending):
            return pending.flatMap { self.write(bytes, on: $0) }
        case .started(let promise):
            let connections = connections
            promise.futureResult.whenComplete { _ in connections.finishConnect(to: remote) }
            promise.completeWith(openConnection(to: remote, tls: tls.client))
            return promise.futureResult.flatMap { self.write(bytes, on: $0) }
        }
    }

    private func write(_ bytes: [UInt8], on channel: any Channel) -> EventLoopFuture<Void> {
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    }
}
