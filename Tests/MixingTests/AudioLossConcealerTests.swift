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

    /// The gap's faded concealment meets the full-level tone again: the cross-fade keeps the step between samples
    /// near the tone's own slope (A·2π·f/fs) instead of jumping by the fade's lost level.
    func testTheFirstGoodFrameAfterAGapJoinsWithoutAClick() throws {
        // A 36-sample period, so the gap ends 8 samples into one: near the crest, where a level jump is largest.
        let frequency = 8000.0 / 36
        var encoder = G711Encoder(law: .muLaw)
        var decoder = G711Decoder(law: .muLaw)
        func tone(_ index: Int) -> AudioFrame {
            AudioTone.frame(
                frequency: frequency, amplitude: 0.5, sampleRate: 8000, samplesPerChannel: 160, offset: index * 160)
        }
        var output: [Int16] = []
        for index in 0..<4 { output += try decoder.decode(try encoder.encode(tone(index))).int16Samples }
        var frame = AudioFrame(sampleRate: 8000, channels: 1)
        try decoder.decodeLoss(samplesPerChannel: 160, into: &frame)
        output += frame.int16Samples
        output += try decoder.decode(try encoder.encode(tone(5))).int16Samples

        let slope = 0.5 * 32768 * 2 * Double.pi * frequency / 8000
        let junction = output[(5 * 160 - 8)..<(5 * 160 + 40)]
        let largestStep = zip(junction, junction.dropFirst()).map { abs(Int($1) - Int($0)) }.max() ?? 0
        XCTAssertLessThan(Double(largestStep), slope * 1.25, "largest step \(largestStep) at the end of the gap")
    }
}
