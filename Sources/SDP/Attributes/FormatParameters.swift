/// The `a=fmtp` attribute: format-specific parameters for one payload format (RFC 8866 §6.15).

/// `a=fmtp:<format> <format specific parameters>`. The parameters are kept as written; ``parameters`` reads the
/// common `key=value;key=value` form (RFC 4855 §3), and ``subscript(_:)`` looks a key up case-insensitively.
public struct FormatParameters: Sendable, Hashable {
    public static let attributeName = "fmtp"

    /// The format (for RTP, a payload type number) the parameters apply to.
    public var format: String
    /// Everything after the format, as written.
    public var parameterString: String

    public init(format: String, parameterString: String) {
        self.format = format
        self.parameterString = parameterString
    }

    /// `format` as an RTP payload type, when it is one.
    public var payloadType: UInt8? { UInt8(decimal: format).flatMap { $0 < 128 ? $0 : nil } }

    /// The `;`-separated parameters: `key=value` pairs, or a bare key with no value (as in telephone-event's `0-15`).
    public var parameters: [(key: String, value: String?)] {
        parameterString.split(separator: ";").compactMap { item in
            let trimmed = item.trimmingSpaces
            guard !trimmed.isEmpty else { return nil }
            guard let equals = trimmed.firstIndex(of: "=") else { return (String(trimmed), nil) }
            return (String(trimmed[..<equals].trimmingSpaces),
                    String(trimmed[trimmed.index(after: equals)...].trimmingSpaces))
        }
    }

    /// The value of the first parameter named `key`, ignoring case; `nil` when absent or valueless.
    public subscript(key: String) -> String? {
        let wanted = key.lowercased()
        return parameters.first(where: { $0.key.lowercased() == wanted })?.value
    }

    /// The attribute value: `<format> <parameters>`.
    public var encoded: String { "\(format) \(parameterString)" }

    public var attribute: Attribute { Attribute(Self.attributeName, encoded) }

    /// Parses an attribute value; `nil` without a format.
    public init?(parsing value: some StringProtocol) {
        let trimmed = value.trimmingSpaces
        let format = trimmed.prefix(while: { $0 != " " && $0 != "\t" })
        guard !format.isEmpty else { return nil }
        self.init(format: String(format), parameterString: String(trimmed[format.endIndex...].trimmingSpaces))
    }
}
