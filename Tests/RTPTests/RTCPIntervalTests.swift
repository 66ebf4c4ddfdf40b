import XCTest
@testable import RTP

final class RTCPIntervalTests: XCTestCase {
    func testSmallSessionUsesTheMinimumInterval() {
        // 64 kb/s: RTCP gets 400 octets/s; two members of 100-octet reports need far less than 5 s.
        let interval = RTCPInterval(sessionBandwidthBitsPerSecond: 64000)
        XCTAssertEqual(interval.deterministicInterval(members: 2, senders: 2, weSent: true, initial: false), 5)
        XCTAssertEqual(interval.deterministicInterval(members: 2, senders: 2, weSent: true, initial: true), 2.5)
    }

    func testLargeSessionScalesWithMembersAndSplitsSenderBandwidth() {
        var interval = RTCPInterval(sessionBandwidthBitsPerSecond: 64000, initialPacketSize: 100)
        // 1000 receivers, 10 senders: receivers share 75% of 400 octets/s → 990 × 100 / 300 = 330 s.
        XCTAssertEqual(interval.deterministicInterval(members: 1000, senders: 10, weSent: false, initial: false), 330,
                       accuracy: 0.001)
        // Senders share 25%: 10 × 100 / 100 = 10 s.
        XCTAssertEqual(interval.deterministicInterval(members: 1000, senders: 10, weSent: true, initial: false), 10,
                       accuracy: 0.001)
        interval.recordPacket(size: 260)
        XCTAssertEqual(interval.averagePacketSize, 110)
    }

    func testRandomizedIntervalStaysWithinTheA7Bounds() {
        let interval = RTCPInterval(sessionBandwidthBitsPerSecond: 64000)
        var rng = SeededGenerator(seed: 3550)
        var seen: [Double] = []
        for _ in 0..<1000 {
            let t = interval.interval(members: 2, senders: 1, weSent: false, initial: false, using: &rng).seconds
            seen.append(t)
            XCTAssertGreaterThanOrEqual(t, 5 * 0.5 / RTCPInterval.compensation)
            XCTAssertLessThan(t, 5 * 1.5 / RTCPInterval.compensation)
        }
        XCTAssertGreaterThan(seen.max()! - seen.min()!, 3, "spread, not a fixed period")
    }

    func testSenderReportExtrapolatesTheRTPTimestamp() throws {
        var sender = SenderStatistics(ssrc: 9, clockRate: 48000)
        XCTAssertFalse(sender.hasSent)
        sender.sent(timestamp: 0xFFFF_FF00, payloadOctets: 100, at: .milliseconds(1000))
        sender.sent(timestamp: 0xFFFF_FF00 &+ 960, payloadOctets: 120, at: .milliseconds(1020))
        let ntp = NTPTimestamp(unixNanoseconds: 1_767_225_600_000_000_000)
        let sr = sender.makeSenderReport(now: .milliseconds(1030), ntp: ntp)
        XCTAssertEqual(sr.packetCount, 2)
        XCTAssertEqual(sr.octetCount, 220)
        XCTAssertEqual(sr.rtpTimestamp, 0xFFFF_FF00 &+ 960 &+ 480, "10 ms at 48 kHz after the last packet, wrapped")
        XCTAssertEqual(try SenderReport(parsing: sr.serialized()), sr)
    }
}
