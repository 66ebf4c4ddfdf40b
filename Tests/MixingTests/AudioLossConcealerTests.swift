import XCTest
@testable import Mixing

/// Pitch-repetition concealment (G.711 Appendix I style) through the G.711 decoder.
final class AudioLossConcealerTests: XCTestCase {
    private func correlation(_ x: [Int16], _ y: [Int16]) -> Double {
        let a = x.map(Double.init)
        let b = y.map(Double.init)
        let cross = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        let energy = (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return energy > 0 ? cross / energy : 0
    }

    func testALostFrameContinuesTheVoicedSignalThenFadesToSilence() throws {
        var encoder = G711Encoder(law: .aLaw)
        var decoder = G711Decoder(law: .aLaw)
        for index in 0..<5 {
            let frame = AudioTone.frame(frequency: 250, sampleRate: 8000, samplesPerChannel: 160, offset: index * 160)
            _ = try decoder.decode(try encoder.encode(frame))
        }
        var concealed = AudioFrame(sampleRate: 8000, channels: 1)
        try decoder.decodeLoss(samplesPerChannel: 160, into: &concealed)
        XCTAssertEqual(concealed.samplesPerChannel, 160)
        let truth = AudioTone.frame(frequency: 250, sampleRate: 8000, samplesPerChannel: 160, offset: 5 * 160)
        XCTAssertGreaterThan(correlation(concealed.int16Samples, truth.int16Samples), 0.9)

        for _ in 0..<3 { try decoder.decodeLoss(samplesPerChannel: 160, into: &concealed) }
        XCTAssertTrue(concealed.int16Samples.allSatisfy { $0 == 0 }, "silent after the fade-out")
    }

    func testConcealmentBeforeAnyAudioIsSilence() throws {
        var decoder = G711Decoder(law: .muLaw)
        var frame = AudioFrame(sampleRate: 8000, channels: 1)
        try decoder.decodeLoss(samplesPerChannel: 240, into: &frame)
        XCTAssertEqual(frame.samplesPerChannel, 240)
        XCTAssertTrue(frame.int16Samples.allSatisfy { $0 == 0 })
    }
}
