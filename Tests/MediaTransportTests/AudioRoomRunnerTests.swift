import Logging
import Mixing
import NIOCore
import NIOPosix
import RTP
import Testing
@testable import MediaTransport

/// The runner over real UDP sockets on 127.0.0.1: a leg's socket takes RTP and digits in, and the room's mix goes
/// back to where the peer's packets come from (RFC 4961).
@Suite struct AudioRoomRunnerTests {
    typealias Datagrams = NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

    @Test func aLegOverUDPIsHeardAndAnswered() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let ports = RTPPortAllocator(range: 47200...47299)
        let (events, sink) = AsyncStream.makeStream(of: RoomMediaEvent.self)
        let runner = AudioRoomRunner(loop: group.next(), configuration: .init(), ports: ports,
                                     logger: Logger(label: "test"), onEvent: { sink.yield($0) })
        let phone = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0) { channel in
            channel.eventLoop.makeCompletedFuture { try Datagrams(wrappingChannelSynchronously: channel) }
        }
        // The SDP names the discard port; only latching onto the phone's source brings the media back to it.
        let id = ParticipantID(1)
        let parameters = AudioLegParameters(codec: .pcmu, payloadType: 0, telephoneEventPayloadType: 101,
                                            remoteRTP: try SocketAddress(ipAddress: "127.0.0.1", port: 9))
        let port = try await runner.addLeg(id, parameters: parameters, bindHost: "127.0.0.1").get()
        runner.admit(id)
        let room = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        #expect(ports.range.contains(port) && port % 2 == 0)

        var peer = TonePeer(1, port: 4000, frequency: 400)
        try await phone.executeThenClose { inbound, outbound in
            for _ in 0..<10 {
                try await outbound.write(AddressedEnvelope(remoteAddress: room,
                                                           data: ByteBuffer(bytes: peer.nextAudioPacket())))
            }
            for packet in peer.keyPress("#") {
                try await outbound.write(AddressedEnvelope(remoteAddress: room, data: ByteBuffer(bytes: packet)))
            }

            let answer = try await within(.seconds(2)) {
                var datagrams = inbound.makeAsyncIterator()
                return try await datagrams.next()
            }
            let reply = try #require(answer)
            #expect(reply.remoteAddress == room, "from the leg's RTP socket")
            let packet = try RTPPacket.parse(Array(reply.data.readableBytesView))
            #expect(packet.payloadType == 0)
            #expect(packet.payloadRange.count == 160)

            let digit = try await within(.seconds(2)) {
                var iterator = events.makeAsyncIterator()
                return await iterator.next()
            }
            #expect(digit == .digit(id, "#"))
        }

        let snapshot = try await runner.snapshot().get()
        // RFC 3550 A.1 counts a source's packets from the second one in sequence; the digit's are not audio.
        #expect(snapshot[id]?.received == 9)
        #expect((snapshot[id]?.sent ?? 0) > 0)
        runner.removeLeg(id)
        _ = try await runner.snapshot().get()  // after the removal, on the same loop
        #expect(ports.reservedCount == 0)
        try await runner.close().get()
        try await group.shutdownGracefully()
    }
}

/// Runs `body`, failing with `TimedOut` if it takes longer than `limit`.
func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { tasks in
        tasks.addTask { try await body() }
        tasks.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut(limit: limit)
        }
        defer { tasks.cancelAll() }
        return try await tasks.next()!
    }
}

struct TimedOut: Error { var limit: Duration }
