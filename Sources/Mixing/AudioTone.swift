/// Pure tones: generation, and measurement of one tone's level against everything else (a least-squares sine fit).
import Foundation
public enum AudioTone {
    /// `samplesPerChannel` instants of a sine at `frequency` Hz and `amplitude` (full scale 1.0) on every channel,
    /// starting at instant `offset` so consecutive frames join without a phase jump.
    public static func frame(
        frequency: Double, amplitude: Double = 0.5, sampleRate: Int, channels: Int = 1, samplesPerChannel: Int,
        offset: Int = 0, format: AudioSampleFormat = .int16
    ) -> AudioFrame {
        var frame = AudioFrame(format: format, sampleRate: sampleRate, channels: channels)
        frame.reshape(format: format, sampleRate: sampleRate, channels: channels, samplesPerChannel: samplesPerChannel)
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        func value(_ instant: Int) -> Double { amplitude * sin(step * Double(offset + instant)) }
        switch format {
        case .int16:
            frame.withMutableInt16Samples { samples in
                for instant in 0..<samplesPerChannel {
                    let sample = AudioSampleConversion.int16(Float(value(instant)))
                    for channel in 0..<channels { samples[instant * channels + channel] = sample }
                }
            }
        case .float32:
            frame.withMutableFloatSamples { samples in
                for instant in 0..<samplesPerChannel {
                    for channel in 0..<channels { samples[instant * channels + channel] = Float(value(instant)) }
                }
            }
        }
        return frame
    }

    /// Signal-to-residual ratio in dB of the `frequency` component of `samples` (one channel, any phase and delay):
    /// the best-fitting sine/cosine pair plus offset is the signal, what remains is noise and distortion.
    public static func signalToNoise(_ samples: [Double], frequency: Double, sampleRate: Int) -> Double {
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        // Normal equations for x ≈ a·sin + b·cos + c.
        var m = [[Double]](repeating: [Double](repeating: 0, count: 3), count: 3)
        var v = [Double](repeating: 0, count: 3)
        for (instant, x) in samples.enumerated() {
            let basis = [sin(step * Double(instant)), cos(step * Double(instant)), 1.0]
            for row in 0..<3 {
                v[row] += basis[row] * x
                for column in 0..<3 { m[row][column] += basis[row] * basis[column] }
            }
        }
        let coefficients = solve3(m, v)
        var signal = 0.0
        var residual = 0.0
        for (instant, x) in samples.enumerated() {
            let fit = coefficients[0] * sin(step * Double(instant)) + coefficients[1] * cos(step * Double(instant))
            signal += fit * fit
            let error = x - fit - coefficients[2]
            residual += error * error
        }
        guard residual > 0 else { return .infinity }
        return 10 * log10(signal / residual)
    }

    /// One channel of interleaved frames, as doubles, for `signalToNoise`.
    public static func channel(_ channel: Int, of frames: [AudioFrame]) -> [Double] {
        frames.flatMap { frame in
            frame.floatSamples.enumerated().filter { $0.offset % frame.channels == channel }.map { Double($0.element) }
        }
    }

    /// Cramer's rule; the basis matrix is well conditioned for any window longer than a period.
    private static func solve3(_ m: [[Double]], _ v: [Double]) -> [Double] {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        guard d != 0 else { return [0, 0, 0] }
        return (0..<3).map { column in
            var replaced = m
            for row in 0..<3 { replaced[row][column] = v[row] }
            return det(replaced) / d
        }
    }
}
