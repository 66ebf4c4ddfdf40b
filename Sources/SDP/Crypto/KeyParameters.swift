/// The `inline:` key parameter of an SDES crypto attribute (RFC 4568 §6.1).

/// One `inline:<key||salt>[|lifetime][|MKI:length]` key parameter.
///
/// Holds secret material: `description`, `debugDescription` and reflection never show the key or the salt.
/// Use ``encoded`` to write it into an SDP body.
public struct KeyParameters: Sendable, Hashable {
    /// The SRTP master key.
    public var masterKey: [UInt8]
    /// The SRTP master salt.
    public var masterSalt: [UInt8]
    /// How many packets the key may protect, when the offerer limits it.
    public var lifetime: Lifetime?
    /// The master key identifier carried in each packet, when present.
    public var mki: MKI?

    public init(masterKey: [UInt8], masterSalt: [UInt8], lifetime: Lifetime? = nil, mki: MKI? = nil) {
        self.masterKey = masterKey
        self.masterSalt = masterSalt
        self.lifetime = lifetime
        self.mki = mki
    }

    /// The master key lifetime (RFC 4568 §6.1): `2^n` or a decimal number of packets.
    public enum Lifetime: Sendable, Hashable {
        /// `2^exponent` packets, as written `2^20`.
        case powerOfTwo(exponent: Int)
        /// A plain decimal count of packets.
        case packets(UInt64)

        /// The number of packets, saturating at `UInt64.max`.
        public var packetCount: UInt64 {
            switch self {
            case .powerOfTwo(let exponent) where exponent < 0: 0
            case .powerOfTwo(let exponent): exponent >= 64 ? .max : 1 << UInt64(exponent)
            case .packets(let count): count
            }
        }

        var encoded: String {
            switch self {
            case .powerOfTwo(let exponent): "2^\(exponent)"
            case .packets(let count): String(count)
            }
        }
    }

    /// A master key identifier (RFC 4568 §6.1; RFC 3711 §3.1): its value and its length in octets (1–128).
    public struct MKI: Sendable, Hashable {
        public var value: UInt64
        public var length: Int

        public init(value: UInt64, length: Int) {
            self.value = value
            self.length = length
        }
    }

    /// The key parameter as written in SDP, key included: `inline:<base64>[|lifetime][|value:length]`.
    public var encoded: String {
        var text = "inline:" + Base64.encode(masterKey + masterSalt)
        if let lifetime { text += "|" + lifetime.encoded }
        if let mki { text += "|\(mki.value):\(mki.length)" }
        return text
    }
}

extension KeyParameters: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Lengths and parameters only; never the key.
    public var description: String {
        var text = "inline:<\(masterKey.count)+\(masterSalt.count) octets redacted>"
        if let lifetime { text += "|" + lifetime.encoded }
        if let mki { text += "|\(mki.value):\(mki.length)" }
        return text
    }

    public var debugDescription: String { "KeyParameters(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["masterKey": "<redacted>", "masterSalt": "<redacted>",
                                "lifetime": lifetime as Any, "mki": mki as Any])
    }
}
