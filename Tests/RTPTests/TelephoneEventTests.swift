import XCTest
@testable import RTP

final class TelephoneEventTests: XCTestCase {
    func testWireFormat() throws {
        // Digit 1, end bit, volume 10, duration 2240 — the SIPp capture's end packet.
        let event = try TelephoneEvent(parsing: hexBytes("018a08c0")[...])
        XCTAssertEqual(event, TelephoneEvent(event: 1, isEnd: true, volume: 10, duration: 2240))
        XCTAssertEqual(event.serialized(), hexBytes("018a08c0"))
        XCTAssertEqual(event.digit, "1")
        XCTAssertThrowsError(try TelephoneEvent(parsing: [1, 2, 3][...])) {
            XCTAssertEqual($0 as? PayloadFormatError, .truncated(needed: 4, available: 3))
        }
    }

    func testDigitMapping() {
        for digit in "0123456789*#ABCD" {
            let code = TelephoneEvent.event(for: digit)
            XCTAssertEqual(code.map { TelephoneEvent(event: $0, duration: 0).digit }, digit)
        }
        XCTAssertNil(TelephoneEvent(event: 16, duration: 0).digit, "flash is not a digit")
    }

    func testSIPpCapturesYieldEachDigitOnce() throws {
        let cases: [(String, Character)] = (0...9).map { ("dtmf_2833_\($0)", Character(String($0))) }
            + [("dtmf_2833_star", "*"), ("dtmf_2833_pound", "#")]
        for (name, expected) in cases {
            var detector = TelephoneEventDetector()
            var digits: [Character] = []
            let packets = try PcapReader.fixture(name)
            XCTAssertEqual(packets.count, 10, name)
            for udp in packets {
                let packet = try RTPPacket.parse(udp.udpPayload)
                XCTAssertEqual(packet.payloadType, 101)
                let detections = try detector.receive(
                    timestamp: packet.timestamp, payload: packet.payload(in: udp.udpPayload))
                digits += detections.compactMap(\.digit)
                if let detection = detections.first { XCTAssertEqual(detection.duration, 2240, name) }
            }
            XCTAssertEqual(digits, [expected], name)
        }
    }

    func testLostEndPacketsReportedWhenNextEventStarts() throws {
        var detector = TelephoneEventDetector()
        XCTAssertEqual(try detector.receive(timestamp: 1000, payload: TelephoneEvent(event: 5, duration: 160).serialized()[...]), [])
        let detections = try detector.receive(
            timestamp: 3000, payload: TelephoneEvent(event: 6, duration: 160).serialized()[...])
        XCTAssertEqual(detections.map(\.digit), ["5"])
        let end = TelephoneEvent(event: 6, isEnd: true, duration: 800).serialized()[...]
        XCTAssertEqual(try detector.receive(timestamp: 3000, payload: end).map(\.digit), ["6"])
        XCTAssertEqual(try detector.receive(timestamp: 3000, payload: end), [], "repeated end packet")
        // A late continuation packet of the first event is not a new digit.
        XCTAssertEqual(try detector.receive(timestamp: 1000, payload: TelephoneEvent(event: 5, duration: 320).serialized()[...]), [])
        let next = TelephoneEvent(event: 7, isEnd: true, duration: 800).serialized()[...]
        XCTAssertEqual(try detector.receive(timestamp: 5000, payload: next).map(\.digit), ["7"])
    }

    func testAudioLevelValue() throws {
        let level = try AudioLevel(parsing: [0x80 | 30][...])
        XCTAssertTrue(level.voiceActivity)
        XCTAssertEqual(level.dBov, -30)
        XCTAssertEqual(AudioLevel(voiceActivity: false, level: 127).serialized, 127)
        XCTAssertThrowsError(try AudioLevel(parsing: [][...]))
    }

    func testAudioLevelFromSamples() {
        // A full-scale square wave is 0 dBov; at amplitude 0.1 it is −20 dBov.
        XCTAssertEqual(AudioLevel(voiceActivity: true, samples: [Float](repeating: 1, count: 160)).level, 0)
        XCTAssertEqual(AudioLevel(voiceActivity: true, samples: (0..<160).map { $0 % 2 == 0 ? Float(0.1) : -0.1 }).level, 20)
        XCTAssertEqual(AudioLevel(voiceActivity: false, samples: [Float](repeating: 0, count: 160)).level, 127)
    }

    func testAudioLevelTravelsInOneByteExtension() throws {
        let ext = try RTPHeaderExtension(elements: [HeaderExtensionElement(id: 1, value: [AudioLevel(voiceActivity: true, level: 42).serialized])])
        let bytes = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, headerExtension: ext)
            .serialized(payload: [0xFF])
        let packet = try RTPPacket.parse(bytes)
        let level = try AudioLevel(parsing: try XCTUnwrap(packet.extensionElement(id: 1, in: bytes)))
        XCTAssertEqual(level, AudioLevel(voiceActivity: true, level: 42))
    }

    func testG711CaptureIsAStreamOfThirtyMillisecondPackets() throws {
        let packets = try PcapReader.fixture("g711a")
        XCTAssertEqual(packets.count, 236)
        var stats = ReceiverStatistics(ssrc: 0xDEE0_EE8F, clockRate: 8000)
        let origin = packets[0].microseconds
        for udp in packets {
            let packet = try RTPPacket.parse(udp.udpPayload)
            XCTAssertEqual(packet.payloadType, 8)
            XCTAssertEqual(packet.payloadRange.count, 240)
            stats.update(packet, arrival: MediaInstant(nanoseconds: (udp.microseconds - origin) * 1000))
        }
        XCTAssertEqual(stats.received, 235, "first packet spent in probation")
        XCTAssertEqual(stats.cumulativeLost, 0)
        // Captured arrivals wobble by well under a packet time: jitter is a few ms at 8 kHz.
        XCTAssertLessThan(stats.jitter, 8 * 10)
    }
}
