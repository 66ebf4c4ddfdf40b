/// Client-to-mixer audio level header extension value (RFC 6464 §3).
///
///     0 1 2 3 4 5 6 7
///    +-+-+-+-+-+-+-+-+
///    |V|    level    |
///    +-+-+-+-+-+-+-+-+
///
/// "The audio level is expressed in -dBov, with values from 0 to 127 representing 0 to -127 dBov."
public struct AudioLevel: Hashable, Sendable {
    /// Voice activity, when the sender signals it (`a=extmap ... vad=on`).
    public var voiceActivity: Bool
    /// 0 is the loudest, 127 "digital silence".
    public var level: UInt8

    public init(voiceActivity: Bool, level: UInt8) {
        self.voiceActivity = voiceActivity
        self.level = min(level, 127)
    }

    /// Parses the element value. §4: one octet in the one-byte form; extra padding octets are allowed.
    public init(parsing value: ArraySlice<UInt8>) throws(PayloadFormatError) {
        guard let byte = value.first else { throw .truncated(needed: 1, available: 0) }
        self.init(voiceActivity: byte & 0x80 != 0, level: byte & 0x7F)
    }

    public var serialized: UInt8 { (voiceActivity ? 0x80 : 0) | level }

    /// The level in dBov (0 or below).
    public var dBov: Int { -Int(level) }

    /// §3: the level of one packet's samples (normalized to −1…1) as RMS in dBov, rounded.
    public init(voiceActivity: Bool, samples: some Collection<Float>) {
        guard !samples.isEmpty else {
            self.init(voiceActivity: voiceActivity, level: 127)
            return
        }
        let power = samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count)
        // The nearest whole −dB: level L covers powers in (10^(−(L+0.5)/10), 10^(−(L−0.5)/10)].
        var threshold = 0.891_250_938_133_745_6  // 10^(−0.05)
        var level: UInt8 = 0
        while level < 127, power < threshold {
            threshold *= 0.794_328_234_724_281_5  // 10^(−0.1)
            level += 1
        }
        self.init(voiceActivity: voiceActivity, level: level)
    }
}
