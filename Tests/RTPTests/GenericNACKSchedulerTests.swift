import XCTest
@testable import RTP

final class GenericNACKSchedulerTests: XCTestCase {
    private func nack(_ s: inout GenericNACKScheduler, at ms: Int64, rtt: Int64 = 50) -> [UInt16]? {
        s.nack(now: .milliseconds(ms), roundTripTime: .milliseconds(rtt), senderSSRC: 1, mediaSSRC: 2)?
            .lostSequenceNumbers
    }

    func testGapIsRequestedAfterTheReorderingDelayAndRepeatedEachRoundTrip() {
        var scheduler = GenericNACKScheduler()
        scheduler.received(sequenceNumber: 65534, at: .milliseconds(0))
        scheduler.received(sequenceNumber: 2, at: .milliseconds(20))  // 65535, 0, 1 missing across the wrap
        XCTAssertEqual(scheduler.missingSequenceNumbers, [65535, 0, 1])
        XCTAssertNil(nack(&scheduler, at: 25), "reordering may still fill the gap")
        XCTAssertEqual(nack(&scheduler, at: 30), [65535, 0, 1])
        XCTAssertNil(nack(&scheduler, at: 60), "not again before one round trip")
        scheduler.received(sequenceNumber: 0, at: .milliseconds(70))  // retransmission arrives
        XCTAssertEqual(nack(&scheduler, at: 80), [65535, 1])
        XCTAssertEqual(scheduler.recovered, 1)
    }

    func testReorderedPacketCancelsTheRequest() {
        var scheduler = GenericNACKScheduler()
        scheduler.received(sequenceNumber: 10, at: .zero)
        scheduler.received(sequenceNumber: 12, at: .milliseconds(1))
        scheduler.received(sequenceNumber: 11, at: .milliseconds(3))
        XCTAssertNil(nack(&scheduler, at: 50))
    }

    func testGivesUpAfterTheMaximumRequests() {
        var configuration = GenericNACKScheduler.Configuration()
        configuration.maximumRequests = 3
        var scheduler = GenericNACKScheduler(configuration: configuration)
        scheduler.received(sequenceNumber: 1, at: .zero)
        scheduler.received(sequenceNumber: 3, at: .zero)
        let requests = stride(from: 10, through: 1000, by: 10).compactMap { nack(&scheduler, at: Int64($0), rtt: 0) }
        XCTAssertEqual(requests.count, 3)
        XCTAssertEqual(scheduler.abandoned, 1)
        XCTAssertEqual(scheduler.missingSequenceNumbers, [])
    }

    func testWideGapAsksForAKeyframeInstead() {
        var scheduler = GenericNACKScheduler()
        scheduler.received(sequenceNumber: 1, at: .zero)
        XCTAssertTrue(scheduler.received(sequenceNumber: 2000, at: .zero))
        XCTAssertNil(nack(&scheduler, at: 100))
    }
}
