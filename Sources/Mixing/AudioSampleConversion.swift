/// Conversion between 16-bit and float linear PCM (full scale 32768 ↔ 1.0), with rounding and clipping.
public enum AudioSampleConversion {
    /// Float to 16-bit with rounding and clipping.
    @inlinable
    public static func int16(_ value: Float) -> Int16 {
        let scaled = (value * 32768).rounded()
        return Int16(max(-32768, min(32767, scaled)))
    }

    /// 16-bit to float.
    @inlinable
    public static func float(_ value: Int16) -> Float { Float(value) / 32768 }
}
