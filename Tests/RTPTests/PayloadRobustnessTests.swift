import XCTest
@testable import RTP

/// Random payloads fed to the depacketizers and payload parsers: no crash, typed errors only,
/// and nothing delivered that the input could not have produced.
final class PayloadRobustnessTests: XCTestCase {
    func testDepacketizersSurviveRandomPackets() {
        var rng = SeededGenerator(seed: 6184)
        var h264 = H264Depacketizer()
        var vp8 = VP8Depacketizer()
        var detector = TelephoneEventDetector()
        var sequence: UInt16 = 0
        var timestamp: UInt32 = 0
        for _ in 0..<20000 {
            // Mostly in order, sometimes jumping, duplicating or going back.
            sequence &+= [0, 1, 1, 1, 2, 65535].randomElement(using: &rng)!
            if Bool.random(using: &rng) { timestamp &+= 3000 }
            let payload = rng.bytes(Int.random(in: 0...40, using: &rng))
            let marker = Int.random(in: 0..<4, using: &rng) == 0
            for event in h264.push(sequenceNumber: sequence, timestamp: timestamp, marker: marker, payload: payload[...]) {
                if case .accessUnit(let unit) = event {
                    XCTAssertTrue(unit.isKeyframe || unit.nalUnits.allSatisfy { !$0.isEmpty })
                }
            }
            _ = vp8.push(sequenceNumber: sequence, timestamp: timestamp, marker: marker, payload: payload[...])
            do {
                _ = try detector.receive(timestamp: timestamp, payload: payload[...])
                _ = try VP8PayloadDescriptor.parse(payload[...])
                _ = try AudioLevel(parsing: payload[...])
            } catch {
                XCTAssertNotNil(error as PayloadFormatError?)
            }
        }
    }
}
