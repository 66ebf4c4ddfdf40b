import NIOCore
import SIP
import SIPTransport
import XCTest

/// UDP and TCP on real loopback sockets (RFC 3261 §18): messages reach `onMessage` with the right flow, and replies
/// go back the way the request came.
final class SIPTransportServiceTests: TransportTestCase {
    func testStartReportsTheBoundPorts() async throws {
        let (_, bound, _) = try await startService(["udp:127.0.0.1:0", "tcp:[::1]:0"])
        XCTAssertEqual(bound.map(\.transport), [.udp, .tcp])
        XCTAssertEqual(bound.map(\.host), ["127.0.0.1", "::1"])
        XCTAssertTrue(bound.allSatisfy { $0.port > 0 }, "\(bound)")
    }

    func testUDPDatagramOverIPv4ArrivesAndTheReplyComesFromTheListenerSocket() async throws {
        try await checkUDPRoundTrip(host: "127.0.0.1")
    }

    func testUDPDatagramOverIPv6ArrivesAndTheReplyComesFromTheListenerSocket() async throws {
        try await checkUDPRoundTrip(host: "::1")
    }

    private func checkUDPRoundTrip(host: String) async throws {
        let (service, listener, inbox) = try await startService(.udp, on: host)
        let phone = try await datagramPeer(host)
        try await phone.send(SIPSamples.options(transport: "UDP"), to: host, port: listener.port)

        let request = await inbox.next()
        XCTAssertEqual(text(request), SIPSamples.options(transport: "UDP"))
        XCTAssertEqual(request?.flow, SIPFlow(transport: .udp, remoteHost: host, remotePort: phone.localPort!))
        XCTAssertEqual(request?.local, listener)

        try await service.send(Array(SIPSamples.okResponse().utf8), to: request!.flow).get()
        let reply = await phone.received.next()
        XCTAssertEqual(reply.map { String(buffer: $0.data) }, SIPSamples.okResponse())
        // RFC 3581: the reply must come from the address the request was sent to, or NATs drop it.
        XCTAssertEqual(reply?.remoteAddress.port, listener.port)
    }

    func testABurstOfDatagramsIsDeliveredWithoutLoss() async throws {
        let (_, listener, inbox) = try await startService(.udp, on: "127.0.0.1")
        let phone = try await datagramPeer("127.0.0.1")
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: listener.port)
        let count = 1_000
        // Written without waiting for each, as a registration benchmark does; the receive buffer absorbs the burst.
        for index in 0..<count {
            let datagram = phone.channel.allocator.buffer(string: SIPSamples.options(callID: "burst-\(index)", transport: "UDP"))
            let envelope = AddressedEnvelope(remoteAddress: address, data: datagram)
            if index % 100 == 99 {
                try await phone.channel.writeAndFlush(envelope).get()
            } else {
                phone.channel.write(envelope, promise: nil)
            }
        }
        var callIDs = Set<String>()
        while callIDs.count < count, let message = await inbox.next(within: .seconds(5)) {
            callIDs.insert(String(decoding: message.bytes, as: UTF8.self))
        }
        XCTAssertEqual(callIDs.count, count)
    }

    func testStartingTwiceIsRefused() async throws {
        let (service, _, _) = try await startService(["udp:127.0.0.1:0"])
        do {
            _ = try await service.start()
            XCTFail("started twice")
        } catch SIPTransportError.alreadyRunning {}
    }

    func testUDPSendWithoutAListenerOfThatFamilyFails() async throws {
        let (service, _, _) = try await startService(["udp:127.0.0.1:0"])
        let flow = SIPFlow(transport: .udp, remoteHost: "::1", remotePort: 5060)
        do {
            try await service.send(Array("x".utf8), to: flow).get()
            XCTFail("sent to IPv6 without an IPv6 listener")
        } catch SIPTransportError.noListener(transport: .udp, ipv6: true) {}
    }

    func testTCPMessagesOverIPv4ArriveFramedWithTheConnectionFlow() async throws {
        try await checkTCPRoundTrip(host: "127.0.0.1")
    }

    func testTCPMessagesOverIPv6ArriveFramedWithTheConnectionFlow() async throws {
        try await checkTCPRoundTrip(host: "::1")
    }

    private func checkTCPRoundTrip(host: String) async throws {
        let (service, listener, inbox) = try await startService(.tcp, on: host)
        let phone = try await connect(host, listener.port)
        // Two requests in one segment and a ping in between: framing must split them.
        try await phone.write(SIPSamples.options(callID: "one") + "\r\n\r\n" + SIPSamples.options(callID: "two"))

        let first = await inbox.next()
        let second = await inbox.next()
        XCTAssertEqual(text(first), SIPSamples.options(callID: "one"))
        XCTAssertEqual(text(second), SIPSamples.options(callID: "two"))
        let flow = try XCTUnwrap(first?.flow)
        XCTAssertEqual(flow.transport, .tcp)
        XCTAssertEqual(flow.remoteHost, host)
        XCTAssertEqual(flow.remotePort, phone.localPort)
        XCTAssertNotNil(flow.connectionID)
        XCTAssertEqual(second?.flow, flow, "both came over the same connection")
        XCTAssertEqual(first?.local, listener)
        let pong = await phone.receive(count: 2)
        XCTAssertEqual(pong, Array("\r\n".utf8), "the ping is answered with a pong")

        // RFC 3261 §18.2.2: the response goes back over the connection the request arrived on.
        try await service.send(Array(SIPSamples.okResponse().utf8), to: flow).get()
        let reply = await phone.receive(count: SIPSamples.okResponse().utf8.count)
        XCTAssertEqual(String(decoding: reply, as: UTF8.self), SIPSamples.okResponse())
    }

    func testTCPFramingErrorClosesTheConnection() async throws {
        let (_, bound, inbox) = try await startService(["tcp:127.0.0.1:0"])
        let phone = try await connect("127.0.0.1", bound[0].port)
        try await phone.write("OPTIONS sip:carol@chicago.com SIP/2.0\r\nCall-ID: x\r\n\r\n")
        let closed = await phone.isClosedByPeer()
        XCTAssertTrue(closed, "a message without Content-Length on a stream must close it (§18.3)")
        XCTAssertTrue(inbox.pending.isEmpty)
    }

    func testSendToANewAddressOpensOneConnectionAndReusesIt() async throws {
        let (server, serverBound, serverInbox) = try await startService(["tcp:127.0.0.1:0"])
        let (client, _, clientInbox) = try await startService([])
        let destination = SIPFlow(transport: .tcp, remoteHost: "127.0.0.1", remotePort: serverBound[0].port)

        // Two sends at once must share one connect rather than race to open two.
        let sends = [
            client.send(Array(SIPSamples.options(callID: "a").utf8), to: destination),
            client.send(Array(SIPSamples.options(callID: "b").utf8), to: destination),
        ]
        for send in sends { try await send.get() }
        let first = await serverInbox.next()
        let second = await serverInbox.next()
        XCTAssertEqual(Set([text(first), text(second)]), [SIPSamples.options(callID: "a"), SIPSamples.options(callID: "b")])
        XCTAssertEqual(first?.flow, second?.flow, "both requests used one connection")
        XCTAssertEqual(client.openConnectionCount, 1)

        // The server answers over that connection; the client receives it on the connection it opened.
        try await server.send(Array(SIPSamples.okResponse().utf8), to: first!.flow).get()
        let reply = await clientInbox.next()
        XCTAssertEqual(text(reply), SIPSamples.okResponse())
        XCTAssertEqual(reply?.flow.remotePort, serverBound[0].port)
        XCTAssertEqual(reply?.local.transport, .tcp)

        // A later send to the same address reuses the connection.
        try await client.send(Array(SIPSamples.options(callID: "c").utf8), to: destination).get()
        let third = await serverInbox.next()
        XCTAssertEqual(third?.flow, first?.flow)
        XCTAssertEqual(client.openConnectionCount, 1)
    }

    func testSendOverAClosedConnectionFallsBackToANewOne() async throws {
        let (server, bound, inbox) = try await startService(["tcp:127.0.0.1:0"])
        let (client, _, clientInbox) = try await startService([])
        let destination = SIPFlow(transport: .tcp, remoteHost: "127.0.0.1", remotePort: bound[0].port)
        try await client.send(Array(SIPSamples.options(callID: "a").utf8), to: destination).get()
        let received = await inbox.next()
        let request = try XCTUnwrap(received)
        try await server.send(Array(SIPSamples.okResponse().utf8), to: request.flow).get()
        let reply = await clientInbox.next()
        let stale = try XCTUnwrap(reply?.flow)
        XCTAssertNotNil(stale.connectionID)

        // The server goes away and comes back on the same port; the client's connection closes meanwhile.
        try await server.shutdown()
        let (_, rebound, reinbox) = try await startService(["tcp:127.0.0.1:\(bound[0].port)"])
        XCTAssertEqual(rebound[0].port, bound[0].port)
        let deadline = ContinuousClock.now + .seconds(5)
        while client.openConnectionCount > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        XCTAssertEqual(client.openConnectionCount, 0)

        // A flow naming the closed connection is sent over a fresh connection to the same address.
        try await client.send(Array(SIPSamples.options(callID: "b").utf8), to: stale).get()
        let second = await reinbox.next()
        XCTAssertEqual(text(second), SIPSamples.options(callID: "b"))
        XCTAssertNotEqual(second?.flow.remotePort, request.flow.remotePort, "a new connection has a new source port")
    }

    func testBindingAPortInUseFailsWithTheListenerNamed() async throws {
        let (_, bound, _) = try await startService(["tcp:127.0.0.1:0"])
        do {
            _ = try await startService(["tcp:127.0.0.1:\(bound[0].port)"])
            XCTFail("bound a port already in use")
        } catch SIPTransportError.bindFailed(let listener, _) {
            XCTAssertEqual(listener.port, bound[0].port)
        }
    }

    func testShutdownClosesOpenConnections() async throws {
        let (service, bound, inbox) = try await startService(["tcp:127.0.0.1:0"])
        let phone = try await connect("127.0.0.1", bound[0].port)
        try await phone.write(SIPSamples.options())
        _ = await inbox.next()
        try await service.shutdown()
        let closed = await phone.isClosedByPeer()
        XCTAssertTrue(closed)
        XCTAssertEqual(service.listeners, [])
    }
}
