import NIOCore
import NIOEmbedded
import XCTest

@testable import SIP
@testable import SIPTransport

/// The stream handler in isolation (RFC 3261 §18.3 framing, RFC 5626 §3.5.1 keep-alive answers), without sockets.
final class SIPStreamHandlerTests: XCTestCase {
    private let flow = SIPFlow(transport: .tcp, remoteHost: "192.0.2.4", remotePort: 40_123, connectionID: 7)
    private let listener = SIPListenerSpec(transport: .tcp, host: "0.0.0.0", port: 5060)

    private func makeChannel(
        limits: SIPStreamFramer.Limits = .init()
    ) throws -> (EmbeddedChannel, Inbox<InboundSIPMessage>) {
        let inbox = Inbox<InboundSIPMessage>()
        let handler = SIPStreamHandler(
            flow: flow, local: listener, limits: limits, logger: .init(label: "test"), onMessage: { inbox.put($0) }
        )
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: SocketAddress(ipAddress: "192.0.2.4", port: 40_123)).wait()
        return (channel, inbox)
    }

    private func write(_ bytes: some Sequence<UInt8>, to channel: EmbeddedChannel) throws {
        try channel.writeInbound(channel.allocator.buffer(bytes: Array(bytes)))
    }

    private func outbound(_ channel: EmbeddedChannel) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { bytes += buffer.readableBytesView }
        return bytes
    }

    func testDripFedMessageIsDeliveredOnceWithItsFlowAndListener() async throws {
        let (channel, inbox) = try makeChannel()
        let message = Array(SIPSamples.options().utf8)
        for byte in message.dropLast() { try write([byte], to: channel) }
        XCTAssertTrue(inbox.pending.isEmpty, "nothing is delivered before the last byte")
        try write(message.suffix(1), to: channel)
        let delivered = await inbox.next(within: .seconds(1))
        XCTAssertEqual(delivered?.bytes, message)
        XCTAssertEqual(delivered?.flow, flow)
        XCTAssertEqual(delivered?.local, listener)
        XCTAssertTrue(inbox.pending.isEmpty)
    }

    func testSeveralMessagesInOneReadAreDeliveredInOrder() async throws {
        let (channel, inbox) = try makeChannel()
        let first = SIPSamples.options(callID: "first")
        let second = SIPSamples.okResponse(callID: "second")
        try write(Array((first + second + first).utf8), to: channel)
        let delivered = inbox.pending.map { String(decoding: $0.bytes, as: UTF8.self) }
        XCTAssertEqual(delivered, [first, second, first])
    }

    func testPingIsAnsweredWithOneCRLFAndPongIsIgnored() throws {
        let (channel, inbox) = try makeChannel()
        try write(Array("\r\n\r\n".utf8), to: channel)
        XCTAssertEqual(try outbound(channel), Array("\r\n".utf8))
        try write(Array("\r\n".utf8) + Array(SIPSamples.options().utf8), to: channel)
        XCTAssertEqual(try outbound(channel), [], "a pong needs no answer")
        XCTAssertEqual(inbox.pending.count, 1)
        XCTAssertTrue(channel.isActive)
    }

    func testTwoPingsInOneReadGetTwoPongs() throws {
        let (channel, _) = try makeChannel()
        try write(Array("\r\n\r\n\r\n\r\n".utf8), to: channel)
        XCTAssertEqual(try outbound(channel), Array("\r\n\r\n".utf8))
    }

    func testFramingErrorClosesWithoutAnsweringOrDeliveringLaterMessages() throws {
        let (channel, inbox) = try makeChannel()
        let noLength = "MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n"
        try write(Array((noLength + "\r\n\r\n" + SIPSamples.options()).utf8), to: channel)
        XCTAssertFalse(channel.isActive, "a desynchronised stream must be closed")
        XCTAssertEqual(try outbound(channel), [], "nothing is sent after a framing error")
        XCTAssertTrue(inbox.pending.isEmpty)
    }

    func testOversizeMessageClosesTheConnection() throws {
        let (channel, inbox) = try makeChannel(limits: .init(maxHeaderSectionSize: 1024, maxMessageSize: 200))
        try write(Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 500\r\n\r\n".utf8), to: channel)
        XCTAssertFalse(channel.isActive)
        XCTAssertTrue(inbox.pending.isEmpty)
    }

    func testIdleEventClosesTheConnection() throws {
        let (channel, _) = try makeChannel()
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.all)
        XCTAssertFalse(channel.isActive)
    }

    func testOtherUserEventsPassThrough() throws {
        let (channel, _) = try makeChannel()
        channel.pipeline.fireUserInboundEventTriggered("something else")
        XCTAssertTrue(channel.isActive)
    }
}
