/// The `a=rtpmap` attribute: which encoding an RTP payload type number stands for (RFC 8866 §6.6).

/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`.
public struct RTPMap: Sendable, Hashable {
    public static let attributeName = "rtpmap"

    /// 0–127 (RFC 3550 §5.1).
    public var payloadType: UInt8
    /// As written; compare case-insensitively (RFC 4855 §3: media subtype names are case-insensitive).
    public var encodingName: String
    public var clockRate: UInt32
    /// The encoding parameters, for audio the channel count; `nil` when absent, which means one (RFC 8866 §6.6).
    public var channels: Int?

    public init(payloadType: UInt8, encodingName: String, clockRate: UInt32, channels: Int? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    /// The attribute value: `96 opus/48000/2`.
    public var encoded: String {
        "\(payloadType) \(encodingName)/\(clockRate)" + (channels.map { "/\($0)" } ?? "")
    }

    public var attribute: Attribute { Attribute(Self.attributeName, encoded) }

    /// Parses an attribute value; `nil` when it is malformed.
    public init?(parsing value: some StringProtocol) {
        let fields = value.split(separator: " ", maxSplits: 1)
        guard fields.count == 2, let payloadType = UInt8(decimal: fields[0]), payloadType < 128 else { return nil }
        let parts = fields[1].trimmingSpaces.split(separator: "/", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), !parts[0].isEmpty,
              let clockRate = UInt32(decimal: parts[1]), clockRate > 0
        else { return nil }
        var channels: Int?
        if parts.count == 3 {
            guard let count = UInt8(decimal: parts[2]), count > 0 else { return nil }
            channels = Int(count)
        }
        self.init(payloadType: payloadType, encodingName: String(parts[0]), clockRate: clockRate, channels: channels)
    }
}

extension FixedWidthInteger {
    /// Parses 1 to 10 ASCII decimal digits, nothing else.
    init?(decimal text: some StringProtocol) {
        guard (1...10).contains(text.count), text.allSatisfy(\.isASCIIDigit), let value = Self(text, radix: 10)
        else { return nil }
        self = value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
