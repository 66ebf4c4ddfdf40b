import Mixing
import Testing
@testable import Conference

/// Prompt audio: the right length, quiet ends, no clicks, about -18 dBFS, and each tone at its pattern's frequency.
@Suite struct PromptRendererTests {
    static let sampleRate = 48_000
    static let peak = 0.125_893  // -18 dBFS
    /// Samples in a duration at 48 kHz.
    static func count(_ duration: Duration) -> Int { Int(duration / .milliseconds(1)) * sampleRate / 1000 }

    /// Each tone's samples with the fades cut off, paired with the frequency it should have.
    static func steadyTones(of prompt: Prompt, in samples: [Float]) -> [(frequency: Double, samples: [Double])] {
        var start = 0
        var tones: [(Double, [Double])] = []
        for segment in prompt.tonePattern.segments {
            let length = count(segment.duration)
            if let frequency = segment.frequency {
                let fade = count(.milliseconds(10))
                tones.append((frequency, samples[(start + fade)..<(start + length - fade)].map(Double.init)))
            }
            start += length
        }
        return tones
    }

    /// Frequency from the number of sign changes (two per period).
    static func zeroCrossingFrequency(_ samples: [Double]) -> Double {
        let crossings = zip(samples, samples.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
        return Double(crossings) / 2 * Double(sampleRate) / Double(samples.count)
    }

    @Test func theSpecifiedPatterns() {
        #expect(Prompt.enterPIN.tonePattern.frequencies == [440, 660])
        #expect(Prompt.wrongPIN.tonePattern.frequencies == [300, 300, 300])
        #expect(Prompt.join.tonePattern.frequencies.map { $0.rounded() } == [523, 784])
        #expect(Prompt.leave.tonePattern.frequencies.map { $0.rounded() } == [784, 523])
        #expect(Prompt.enterPIN.tonePattern.segments.compactMap { $0.frequency == nil ? nil : $0.duration }
            == [.milliseconds(150), .milliseconds(150)])
    }

    @Test func everyPromptSoundsDifferentAndShort() {
        let patterns = Prompt.allCases.map(\.tonePattern.frequencies)
        #expect(Set(patterns.map { $0.map { Int($0) } }).count == Prompt.allCases.count)
        for prompt in Prompt.allCases {
            #expect(prompt.tonePattern.duration <= .seconds(1), "\(prompt) is short")
        }
    }

    @Test(arguments: Prompt.allCases)
    func theLengthIsThePatternsDuration(prompt: Prompt) {
        var renderer = PromptRenderer()
        let samples = renderer.samples(for: prompt)
        #expect(samples.count == Self.count(prompt.tonePattern.duration))
        #expect(samples.count == prompt.tonePattern.segments.map { Self.count($0.duration) }.reduce(0, +))
    }

    @Test(arguments: Prompt.allCases)
    func theEndsAreFadedAndNothingClicks(prompt: Prompt) {
        var renderer = PromptRenderer()
        let samples = renderer.samples(for: prompt)
        #expect(abs(samples.first ?? 1) < 1e-6)
        #expect(abs(samples.last ?? 1) < 1e-4)
        // The first and last 2 ms are inside the raised-cosine ramps: under a tenth of the full level.
        #expect(samples.prefix(96).allSatisfy { abs(Double($0)) < Self.peak * 0.1 })
        #expect(samples.suffix(96).allSatisfy { abs(Double($0)) < Self.peak * 0.1 })
        // A sine changes by at most 2π·f·A per second; an unfaded tone edge would jump by up to A at once.
        let highest = prompt.tonePattern.frequencies.max() ?? 0
        let steepest = 2 * Double.pi * highest * Self.peak / Double(Self.sampleRate)
        let largestStep = zip(samples, samples.dropFirst()).map { abs(Double($1 - $0)) }.max() ?? 0
        #expect(largestStep <= steepest * 1.05, "\(prompt): a step of \(largestStep) is a click")
    }

    @Test(arguments: Prompt.allCases)
    func theLevelIsMinus18dBFS(prompt: Prompt) {
        var renderer = PromptRenderer()
        let loudest = renderer.samples(for: prompt).map { abs(Double($0)) }.max() ?? 0
        #expect(abs(loudest - Self.peak) < 0.002, "\(prompt) peaks at \(loudest)")
    }

    @Test(arguments: Prompt.allCases)
    func eachToneIsAtItsPatternsFrequency(prompt: Prompt) {
        var renderer = PromptRenderer()
        let samples = renderer.samples(for: prompt)
        let others = Set(Prompt.allCases.flatMap(\.tonePattern.frequencies))
        for (frequency, steady) in Self.steadyTones(of: prompt, in: samples) {
            let measured = Self.zeroCrossingFrequency(steady)
            #expect(abs(measured - frequency) < frequency * 0.03, "\(prompt): \(frequency) Hz measured as \(measured)")
            let snr = AudioTone.signalToNoise(steady, frequency: frequency, sampleRate: Self.sampleRate)
            #expect(snr > 40, "\(prompt): \(frequency) Hz is a clean sine (\(snr) dB)")
            for other in others where abs(other - frequency) > 50 {
                let leakage = AudioTone.signalToNoise(steady, frequency: other, sampleRate: Self.sampleRate)
                #expect(leakage < 0, "\(prompt): the \(frequency) Hz tone is not \(other) Hz (\(leakage) dB)")
            }
        }
    }

    @Test func gapsAreSilent() {
        var renderer = PromptRenderer()
        let samples = renderer.samples(for: .enterPIN)
        let gap = samples[Self.count(.milliseconds(150))..<Self.count(.milliseconds(200))]
        #expect(gap.allSatisfy { $0 == 0 })
    }

    @Test func renderedSamplesAreCachedAndStable() {
        var renderer = PromptRenderer()
        let first = renderer.samples(for: .welcome)
        #expect(renderer.samples(for: .welcome) == first)
        #expect(renderer.render(Prompt.welcome.tonePattern) == first)
        #expect(renderer.samples(for: .join) != first)
    }

    @Test func anotherRateAndLevelScaleTheSamples() {
        var renderer = PromptRenderer(sampleRate: 16_000, level: -6)
        let samples = renderer.samples(for: .enterPIN)
        #expect(samples.count == 16_000 * 350 / 1000)
        #expect(abs(Double(samples.map(abs).max() ?? 0) - 0.501) < 0.01)
    }
}
