/// The bandwidth line `b=`: a proposed bandwidth limit (RFC 8866 §5.8; TIAS from RFC 3890).

/// `b=<bwtype>:<bandwidth>`; the modifier is kept as written (`CT`, `AS`, `TIAS`, `RR`, `RS`, or another).
public struct Bandwidth: Sendable, Hashable {
    public var type: String
    /// Kilobits per second for `CT` and `AS`, bits per second for `TIAS` (RFC 3890 §6.2).
    public var value: UInt64

    public init(type: String, value: UInt64) {
        self.type = type
        self.value = value
    }

    /// The line's value, without `b=`.
    public var encoded: String { "\(type):\(value)" }

    /// Parses the value of a `b=` line; `nil` when it is malformed.
    init?(parsing text: Substring) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let type = text[..<colon]
        let digits = text[text.index(after: colon)...]
        guard !type.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = UInt64(digits) else { return nil }
        self.init(type: String(type), value: value)
    }
}
