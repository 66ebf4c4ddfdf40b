import XCTest
@testable import Mixing

/// ITU-T G.711 µ-law and A-law: silence codes, sign conventions, segment boundaries, quantisation error.
final class G711Tests: XCTestCase {
    private func muSegment(_ code: UInt8) -> Int { Int((~code >> 4) & 0x07) }
    private func aSegment(_ code: UInt8) -> Int { Int(((code ^ 0x55) >> 4) & 0x07) }

    func testSilenceCodes() {
        XCTAssertEqual(G711.muLaw(0), 0xFF)
        XCTAssertEqual(G711.aLaw(0), 0xD5)
        XCTAssertEqual(G711.linear(muLaw: 0xFF), 0)
        XCTAssertEqual(G711.linear(aLaw: 0xD5), 8, "A-law has no zero level: silence decodes to the smallest positive one")
    }

    func testSignBitIsSetForPositiveSamplesInBothLaws() {
        for sample: Int16 in [8, 100, 1000, 20000, 32767] {
            XCTAssertNotEqual(G711.muLaw(sample) & 0x80, 0, "µ-law +\(sample)")
            XCTAssertNotEqual(G711.aLaw(sample) & 0x80, 0, "A-law +\(sample)")
            XCTAssertEqual(G711.muLaw(-sample) & 0x80, 0, "µ-law -\(sample)")
            XCTAssertEqual(G711.aLaw(-sample) & 0x80, 0, "A-law -\(sample)")
        }
    }

    func testFullScaleCodesAndLevels() {
        XCTAssertEqual(G711.muLaw(32767), 0x80)
        XCTAssertEqual(G711.muLaw(-32768), 0x00)
        XCTAssertEqual(G711.aLaw(32767), 0xAA)
        XCTAssertEqual(G711.aLaw(-32768), 0x2A)
        XCTAssertEqual(G711.linear(muLaw: 0x80), 32124)
        XCTAssertEqual(G711.linear(muLaw: 0x00), -32124)
        XCTAssertEqual(G711.linear(aLaw: 0xAA), 32256)
        XCTAssertEqual(G711.linear(aLaw: 0x2A), -32256)
    }

    func testMuLawSegmentBoundariesOfTable2a() {
        // Decision values starting segments 1...7, in 14-bit units (G.711 Table 2a).
        for (index, boundary) in [31, 95, 223, 479, 991, 2015, 4063].enumerated() {
            XCTAssertEqual(muSegment(G711.muLaw(Int16((boundary - 1) * 4))), index, "below \(boundary)")
            XCTAssertEqual(muSegment(G711.muLaw(Int16(boundary * 4))), index + 1, "at \(boundary)")
        }
    }

    func testALawSegmentBoundariesOfTable1a() {
        // Decision values starting segments 1...7, in 13-bit units (G.711 Table 1a).
        for (index, boundary) in [32, 64, 128, 256, 512, 1024, 2048].enumerated() {
            XCTAssertEqual(aSegment(G711.aLaw(Int16((boundary - 1) * 8))), index, "below \(boundary)")
            XCTAssertEqual(aSegment(G711.aLaw(Int16(boundary * 8))), index + 1, "at \(boundary)")
        }
    }

    func testDecodedLevelsAreMonotonicWithTheSegmentStep() {
        for code in 0x80...0xFE {
            // Larger magnitude has the smaller positive µ-law code.
            let step = G711.linear(muLaw: UInt8(code)) - G711.linear(muLaw: UInt8(code + 1))
            let segment = muSegment(UInt8(code))
            if muSegment(UInt8(code + 1)) == segment { XCTAssertEqual(Int(step), 8 << segment, "µ-law \(code)") }
            XCTAssertGreaterThan(step, 0)
        }
        for magnitude in 0..<127 {
            let lower = UInt8(magnitude) ^ 0xD5
            let upper = UInt8(magnitude + 1) ^ 0xD5
            let step = Int(G711.linear(aLaw: upper)) - Int(G711.linear(aLaw: lower))
            let segment = magnitude >> 4
            if (magnitude + 1) >> 4 == segment { XCTAssertEqual(step, segment < 2 ? 16 : 16 << (segment - 1)) }
            XCTAssertGreaterThan(step, 0)
        }
    }

    func testTablesMatchTheReferenceRulesAndRoundTripWithinOneStep() {
        for value in Int(Int16.min)...Int(Int16.max) {
            let sample = Int16(value)
            let mu = G711.muLaw(sample)
            let a = G711.aLaw(sample)
            XCTAssertEqual(mu, G711.referenceMuLawEncode(sample))
            XCTAssertEqual(a, G711.referenceALawEncode(sample))
            let muStep = 8 << muSegment(mu)
            let aStep = aSegment(a) < 2 ? 16 : 16 << (aSegment(a) - 1)
            let muError = abs(value - Int(G711.linear(muLaw: mu)))
            let aError = abs(value - Int(G711.linear(aLaw: a)))
            if muError > muStep || aError > aStep {
                XCTFail("\(value): µ-law error \(muError) > \(muStep) or A-law error \(aError) > \(aStep)")
                return
            }
        }
    }

    func testToneThroughBothLawsKeepsTheCompandingSNR() throws {
        for law in [G711Law.muLaw, .aLaw] {
            var encoder = G711Encoder(law: law)
            var decoder = G711Decoder(law: law)
            var decoded: [AudioFrame] = []
            for index in 0..<25 {
                let frame = AudioTone.frame(
                    frequency: 1000, amplitude: 0.5, sampleRate: 8000, samplesPerChannel: 160, offset: index * 160)
                let payload = try encoder.encode(frame)
                XCTAssertEqual(payload.count, 160)
                decoded.append(try decoder.decode(payload))
            }
            let snr = AudioTone.signalToNoise(AudioTone.channel(0, of: decoded), frequency: 1000, sampleRate: 8000)
            // G.711 gives about 38 dB for a loud sine (G.712 requires ≥ 35 dB near full scale).
            XCTAssertGreaterThan(snr, 33, "\(law)")
        }
    }

    func testEncoderRejectsAnotherRate() {
        var encoder = G711Encoder(law: .muLaw)
        let frame = AudioTone.frame(frequency: 440, sampleRate: 16000, samplesPerChannel: 320)
        XCTAssertThrowsError(try encoder.encode(frame)) { error in
            guard case .unsupportedFrame? = error as? AudioCodecError else { return XCTFail("\(error)") }
        }
    }
}
