import XCTest
@testable import RTP

final class ReceiverStatisticsTests: XCTestCase {
    private func feed(_ stats: inout ReceiverStatistics, _ seqs: [UInt16], start: Int64 = 0) {
        for (i, seq) in seqs.enumerated() {
            stats.update(
                sequenceNumber: seq, timestamp: UInt32(seq) &* 160, arrival: .milliseconds(start + Int64(i) * 20))
        }
    }

    func testProbationThenCountsReceivedAndLost() {
        var stats = ReceiverStatistics(ssrc: 7, clockRate: 8000)
        XCTAssertFalse(stats.update(sequenceNumber: 100, timestamp: 0, arrival: .zero))
        XCTAssertFalse(stats.isValid)
        XCTAssertTrue(stats.update(sequenceNumber: 101, timestamp: 160, arrival: .milliseconds(20)))
        XCTAssertTrue(stats.isValid)
        // 102 and 105 lost.
        feed(&stats, [103, 104, 106, 107, 108, 109], start: 60)
        XCTAssertEqual(stats.expected, 9)
        XCTAssertEqual(stats.received, 7)
        let block = stats.makeReportBlock(now: .milliseconds(200))
        XCTAssertEqual(block.cumulativeLost, 2)
        XCTAssertEqual(block.fractionLost, UInt8(2 * 256 / 9))
        XCTAssertEqual(block.extendedHighestSequence, 109)
        // A.3: the next interval starts afresh.
        feed(&stats, [110, 111], start: 240)
        XCTAssertEqual(stats.makeReportBlock(now: .milliseconds(300)).fractionLost, 0)
    }

    func testSequenceWrapCountsCycles() {
        var stats = ReceiverStatistics(ssrc: 7, clockRate: 8000)
        feed(&stats, [65533, 65534, 65535, 0, 1])
        XCTAssertEqual(stats.extendedHighestSequence, 65536 + 1)
        XCTAssertEqual(stats.cumulativeLost, 0)
    }

    func testLargeJumpIsARestartOnlyAfterTwoSequentialPackets() {
        var stats = ReceiverStatistics(ssrc: 7, clockRate: 8000)
        feed(&stats, [10, 11, 12])
        XCTAssertFalse(stats.update(sequenceNumber: 40000, timestamp: 0, arrival: .milliseconds(100)))
        XCTAssertTrue(stats.update(sequenceNumber: 40001, timestamp: 160, arrival: .milliseconds(120)))
        XCTAssertEqual(stats.extendedHighestSequence, 40001)
        XCTAssertEqual(stats.received, 1)
    }

    func testJitterIsZeroForPerfectPacingAndGrowsWithVariation() {
        var steady = ReceiverStatistics(ssrc: 1, clockRate: 8000)
        feed(&steady, Array(0..<50))
        XCTAssertEqual(steady.jitter, 0, accuracy: 0.001)

        var jittery = ReceiverStatistics(ssrc: 1, clockRate: 8000)
        for i in 0..<200 {
            // Alternate 0 and 10 ms extra delay: |D| = 80 timestamp units, so J converges to 80.
            let extra: Int64 = i % 2 == 0 ? 0 : 10
            jittery.update(
                sequenceNumber: UInt16(i), timestamp: UInt32(i * 160), arrival: .milliseconds(Int64(i) * 20 + extra))
        }
        XCTAssertEqual(jittery.jitter, 80, accuracy: 1)
        XCTAssertEqual(jittery.makeReportBlock(now: .zero).jitter, 79)
    }

    func testLastSenderReportAndDelay() {
        var stats = ReceiverStatistics(ssrc: 1, clockRate: 8000)
        stats.receivedSenderReport(ntpTimestamp: 0x1122_3344_5566_7788, at: .milliseconds(1000))
        let block = stats.makeReportBlock(now: .milliseconds(1500))
        XCTAssertEqual(block.lastSenderReport, 0x3344_5566)
        XCTAssertEqual(block.delaySinceLastSenderReport, 32768)
        // A - LSR - DLSR with A 0.75 s after LSR: 0.25 s round trip.
        let rtt = block.roundTripTime(arrivalNTPMiddle: 0x3344_5566 &+ 49152)
        XCTAssertEqual(rtt, .milliseconds(250))
    }
}
