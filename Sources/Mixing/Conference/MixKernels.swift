/// The per-sample loops of the conference mix, over raw float buffers of equal length (no boxing, no allocation).
public enum MixKernels {
    /// Mean of the squares: the power whose dBov is the block's level.
    @inlinable
    public static func meanSquare(_ samples: UnsafeBufferPointer<Float>) -> Float {
        guard !samples.isEmpty else { return 0 }
        // Four accumulators let the compiler vectorise the sum.
        var sums: (Float, Float, Float, Float) = (0, 0, 0, 0)
        var index = 0
        while index + 4 <= samples.count {
            sums.0 += samples[index] * samples[index]
            sums.1 += samples[index + 1] * samples[index + 1]
            sums.2 += samples[index + 2] * samples[index + 2]
            sums.3 += samples[index + 3] * samples[index + 3]
            index += 4
        }
        var total = (sums.0 + sums.1) + (sums.2 + sums.3)
        while index < samples.count {
            total += samples[index] * samples[index]
            index += 1
        }
        return total / Float(samples.count)
    }

    /// `mix += source`.
    @inlinable
    public static func add(_ source: UnsafeBufferPointer<Float>, into mix: UnsafeMutableBufferPointer<Float>) {
        for index in 0..<min(source.count, mix.count) { mix[index] += source[index] }
    }

    /// `output = mix - own`: a talker's mix-minus from the full mix and its own contribution.
    @inlinable
    public static func subtract(
        _ own: UnsafeBufferPointer<Float>, from mix: UnsafeBufferPointer<Float>,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        for index in 0..<min(own.count, mix.count, output.count) { output[index] = mix[index] - own[index] }
    }

    /// `output = source`.
    @inlinable
    public static func copy(_ source: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        for index in 0..<min(source.count, output.count) { output[index] = source[index] }
    }

    /// `output = 0`.
    @inlinable
    public static func clear(_ output: UnsafeMutableBufferPointer<Float>) {
        output.update(repeating: 0)
    }
}
