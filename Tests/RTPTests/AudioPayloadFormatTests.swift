import XCTest
@testable import RTP

final class AudioPayloadFormatTests: XCTestCase {
    func testClockRatesFollowRFC3551AndRFC7587() {
        XCTAssertEqual(AudioPayloadFormat.g722.clockRate, 8000)
        XCTAssertEqual(AudioPayloadFormat.g722.samplingRate, 16000)
        XCTAssertEqual(AudioPayloadFormat.opus(payloadType: 111).timestampIncrement(milliseconds: 20), 960)
        XCTAssertEqual(AudioPayloadFormat.pcma.timestampIncrement(milliseconds: 30), 240)
        XCTAssertEqual(AudioPayloadFormat(payloadType: 9), .g722)
        XCTAssertEqual(AudioPayloadFormat(payloadType: 111, opusPayloadType: 111), .opus(payloadType: 111))
        XCTAssertNil(AudioPayloadFormat(payloadType: 111))
        XCTAssertEqual(AudioPayloadFormat.pcma.frameMilliseconds(payloadOctets: 240), 30)
        XCTAssertEqual(AudioPayloadFormat.g722.frameMilliseconds(payloadOctets: 160), 20)
    }

    func testPacketizerAdvancesSequenceAndTimestampWithWrap() {
        var packetizer = AudioPacketizer(
            format: .opus(payloadType: 111), ssrc: 42, initialSequenceNumber: 65535, initialTimestamp: 0xFFFF_FD00)
        let first = packetizer.nextHeader(milliseconds: 20)
        XCTAssertTrue(first.marker, "first packet of the stream")
        XCTAssertEqual(first.payloadType, 111)
        let second = packetizer.nextHeader(milliseconds: 20)
        XCTAssertFalse(second.marker)
        XCTAssertEqual(second.sequenceNumber, 0)
        XCTAssertEqual(second.timestamp, 0xFFFF_FD00 &+ 960)
        packetizer.skip(milliseconds: 100)
        let afterSilence = packetizer.nextHeader(milliseconds: 20, talkspurtStart: true)
        XCTAssertEqual(afterSilence.sequenceNumber, 1)
        XCTAssertEqual(afterSilence.timestamp, 0xFFFF_FD00 &+ 960 * 7)
        XCTAssertTrue(afterSilence.marker)
    }
}

final class OpusTableOfContentsTests: XCTestCase {
    func testDurationsFromTheTOCByte() throws {
        // Config 1 (SILK NB 20 ms), code 0: one frame of 960 samples.
        XCTAssertEqual(try OpusTableOfContents(parsing: [0x08][...]).durationSamples, 960)
        // Config 31 (CELT FB 20 ms), stereo, code 1: two frames.
        let celt = try OpusTableOfContents(parsing: [0xFD, 0, 0][...])
        XCTAssertEqual(celt.mode, .celt)
        XCTAssertTrue(celt.isStereo)
        XCTAssertEqual(celt.durationSamples, 1920)
        // Config 16 (CELT NB 2.5 ms), code 3 with 6 frames: 15 ms.
        XCTAssertEqual(try OpusTableOfContents(parsing: [0x83, 0x06][...]).durationSamples, 720)
        // Config 13 (Hybrid SWB 20 ms).
        XCTAssertEqual(try OpusTableOfContents(parsing: [0x68][...]).mode, .hybrid)
    }

    func testInvalidPacketsAreRejected() {
        XCTAssertThrowsError(try OpusTableOfContents(parsing: [][...]))
        XCTAssertThrowsError(try OpusTableOfContents(parsing: [0x03][...])) {
            XCTAssertEqual($0 as? PayloadFormatError, .truncated(needed: 2, available: 1))
        }
        XCTAssertThrowsError(try OpusTableOfContents(parsing: [0x03, 0x00][...]), "zero frames")
        // Config 3 (SILK 60 ms) × 3 frames = 180 ms > 120 ms.
        XCTAssertThrowsError(try OpusTableOfContents(parsing: [0x1B, 0x03][...])) {
            XCTAssertEqual($0 as? PayloadFormatError, .outOfRange(field: "Opus packet duration", value: 8640))
        }
    }
}
