/// Level arithmetic in dBov (RFC 6464 §3: decibels relative to the overload point, full scale 1.0 = 0 dBov).
import Foundation

public enum Decibels {
    /// The quietest level anything reports: RFC 6464's 127 (digital silence, or muted).
    public static let floor: Float = -127

    /// The level of a block whose mean square is `meanSquare` (full-scale square wave 0 dBov, full-scale sine -3).
    @inlinable
    public static func level(meanSquare: Float) -> Float {
        guard meanSquare > 0 else { return floor }
        return max(floor, 10 * log10(meanSquare))
    }

    /// The RFC 6464 audio level (0...127, -dBov) as dBov.
    @inlinable
    public static func level(rfc6464 value: UInt8) -> Float { -Float(min(value, 127)) }

    /// The linear amplitude factor of a gain in dB.
    @inlinable
    public static func amplitude(_ decibels: Float) -> Float { pow(10, decibels / 20) }

    /// The per-sample factor of a one-pole decay that falls by 1/e in `seconds` at `sampleRate`.
    public static func decayFactor(seconds: Double, sampleRate: Int) -> Float {
        Float(exp(-1 / (seconds * Double(sampleRate))))
    }
}
