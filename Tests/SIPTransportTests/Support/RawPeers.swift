import NIOCore
import NIOPosix

/// A plain TCP client that records every byte it receives, standing in for a SIP phone on a stream transport.
final class RawStreamClient: Sendable {
    let channel: any Channel
    let received: Inbox<[UInt8]>

    private init(channel: any Channel, received: Inbox<[UInt8]>) {
        self.channel = channel
        self.received = received
    }

    static func connect(host: String, port: Int, group: any EventLoopGroup) async throws -> RawStreamClient {
        let received = Inbox<[UInt8]>()
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(inbox: received))
                }
            }
            .connect(host: host, port: port).get()
        return RawStreamClient(channel: channel, received: received)
    }

    var localPort: Int? { channel.localAddress?.port }

    func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }

    func write(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
    }

    /// Reads until `count` bytes have arrived (or the deadline passes) and returns what arrived.
    func receive(count: Int, within timeout: Duration = .seconds(5)) async -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count, let chunk = await received.next(within: timeout) { bytes += chunk }
        return bytes
    }

    /// True if the server closes the connection within the deadline.
    func isClosedByPeer(within timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !channel.isActive { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !channel.isActive
    }

    func close() async {
        try? await channel.close()
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let inbox: Inbox<[UInt8]>
        init(inbox: Inbox<[UInt8]>) { self.inbox = inbox }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            inbox.put(Array(unwrapInboundIn(data).readableBytesView))
        }
    }
}

/// A UDP socket that records each datagram with its source, standing in for a SIP phone on UDP.
final class RawDatagramPeer: Sendable {
    let channel: any Channel
    let received: Inbox<AddressedEnvelope<ByteBuffer>>

    private init(channel: any Channel, received: Inbox<AddressedEnvelope<ByteBuffer>>) {
        self.channel = channel
        self.received = received
    }

    static func bind(host: String, group: any EventLoopGroup) async throws -> RawDatagramPeer {
        let received = Inbox<AddressedEnvelope<ByteBuffer>>()
        let channel = try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(inbox: received))
                }
            }
            .bind(host: host, port: 0).get()
        return RawDatagramPeer(channel: channel, received: received)
    }

    var localPort: Int? { channel.localAddress?.port }

    func send(_ text: String, to host: String, port: Int) async throws {
        let address = try SocketAddress(ipAddress: host, port: port)
        let envelope = AddressedEnvelope(remoteAddress: address, data: channel.allocator.buffer(string: text))
        try await channel.writeAndFlush(envelope).get()
    }

    func close() async {
        try? await channel.close()
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let inbox: Inbox<AddressedEnvelope<ByteBuffer>>
        init(inbox: Inbox<AddressedEnvelope<ByteBuffer>>) { self.inbox = inbox }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            inbox.put(unwrapInboundIn(data))
        }
    }
}
