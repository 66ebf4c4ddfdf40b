/// Prompts as 48 kHz mono float samples: sines at about -18 dBFS, each tone faded in and out over 10 ms so none clicks.
import Foundation
import Mixing

public struct PromptRenderer: Sendable {
    public let sampleRate: Int
    /// Peak level of every tone in dBFS (a full-scale sine is 0 dBFS, AES17).
    public let level: Double
    public let fade: Duration
    private var cache: [Prompt: [Float]] = [:]

    public init(sampleRate: Int = 48_000, level: Double = -18, fade: Duration = .milliseconds(10)) {
        precondition(sampleRate > 0 && level <= 0, "prompts need a positive rate and a level at or below full scale")
        self.sampleRate = sampleRate
        self.level = level
        self.fade = fade
    }

    /// `prompt` rendered, from the cache after the first time.
    public mutating func samples(for prompt: Prompt) -> [Float] {
        if let cached = cache[prompt] { return cached }
        let rendered = render(prompt.tonePattern)
        cache[prompt] = rendered
        return rendered
    }

    /// `pattern` rendered without caching.
    public func render(_ pattern: PromptTonePattern) -> [Float] {
        let amplitude = pow(10, level / 20)
        var samples: [Float] = []
        samples.reserveCapacity(sampleCount(pattern.duration))
        for segment in pattern.segments {
            let count = sampleCount(segment.duration)
            guard let frequency = segment.frequency else {
                samples.append(contentsOf: repeatElement(0, count: count))
                continue
            }
            var tone = AudioTone.frame(
                frequency: frequency, amplitude: amplitude, sampleRate: sampleRate, samplesPerChannel: count,
                format: .float32
            ).floatSamples
            applyFades(to: &tone)
            samples.append(contentsOf: tone)
        }
        return samples
    }

    /// Raised-cosine (Hann half-window) ramps at both ends; shortened to half the tone if the tone is short.
    private func applyFades(to tone: inout [Float]) {
        let length = min(sampleCount(fade), tone.count / 2)
        guard length > 0 else { return }
        for index in 0..<length {
            let gain = Float(0.5 - 0.5 * cos(Double.pi * Double(index) / Double(length)))
            tone[index] *= gain
            tone[tone.count - 1 - index] *= gain
        }
    }

    private func sampleCount(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * sampleRate + Int((Double(attoseconds) * Double(sampleRate) / 1e18).rounded())
    }
}
