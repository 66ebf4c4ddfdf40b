import NIOCore
import SIP
import SIPTransport
import XCTest

/// Protection of the stream listeners: the per-address connection limit and idle reaping.
final class SIPConnectionLimitsTests: TransportTestCase {
    func testConnectionBeyondThePerAddressLimitIsClosedAndOthersKeepWorking() async throws {
        let (service, bound, inbox) = try await startService(["tcp:127.0.0.1:0"]) { $0.maxConnectionsPerAddress = 2 }
        let first = try await connect("127.0.0.1", bound[0].port)
        let second = try await connect("127.0.0.1", bound[0].port)
        // Make sure both are accepted and counted before the third arrives.
        try await first.write(SIPSamples.options(callID: "first"))
        try await second.write(SIPSamples.options(callID: "second"))
        _ = await inbox.next()
        _ = await inbox.next()

        let third = try await connect("127.0.0.1", bound[0].port)
        let thirdClosed = await third.isClosedByPeer()
        XCTAssertTrue(thirdClosed, "the connection over the limit is refused")
        XCTAssertEqual(service.openConnectionCount, 2)

        try await first.write(SIPSamples.options(callID: "still open"))
        let delivered = await inbox.next()
        XCTAssertEqual(text(delivered), SIPSamples.options(callID: "still open"))

        // Closing one frees its place for a newcomer.
        await first.close()
        let deadline = ContinuousClock.now + .seconds(5)
        while service.openConnectionCount > 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        XCTAssertEqual(service.openConnectionCount, 1)
        let fourth = try await connect("127.0.0.1", bound[0].port)
        try await fourth.write(SIPSamples.options(callID: "fourth"))
        let admitted = await inbox.next()
        XCTAssertEqual(text(admitted), SIPSamples.options(callID: "fourth"))
    }

    func testIdleConnectionIsReaped() async throws {
        let (service, bound, inbox) = try await startService(["tcp:127.0.0.1:0"]) {
            $0.idleConnectionTimeout = .milliseconds(300)
        }
        let phone = try await connect("127.0.0.1", bound[0].port)
        try await phone.write(SIPSamples.options())
        _ = await inbox.next()
        XCTAssertEqual(service.openConnectionCount, 1)
        let reaped = await phone.isClosedByPeer(within: .seconds(3))
        XCTAssertTrue(reaped, "a connection silent for longer than the idle timeout is closed")
        try await Task.sleep(for: .milliseconds(50))
        XCTAssertEqual(service.openConnectionCount, 0)
    }

    func testKeepAlivesHoldAConnectionOpenPastTheIdleTimeout() async throws {
        let (_, bound, _) = try await startService(["tcp:127.0.0.1:0"]) { $0.idleConnectionTimeout = .seconds(1) }
        let phone = try await connect("127.0.0.1", bound[0].port)
        for _ in 0..<8 {
            try await phone.write("\r\n\r\n")
            try await Task.sleep(for: .milliseconds(200))
        }
        XCTAssertTrue(phone.channel.isActive, "pings every 200 ms keep a 1 s idle timer from firing")
        let pongs = await phone.receive(count: 16)
        XCTAssertEqual(pongs, Array(repeating: Array("\r\n".utf8), count: 8).flatMap { $0 })
    }
}
