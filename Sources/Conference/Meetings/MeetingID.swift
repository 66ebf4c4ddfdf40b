/// A booking's identifier: a short lowercase string operators read, type and paste (`huiyi meeting show k3m9x2ab`).
public struct MeetingID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Letters and digits a person cannot misread for one another (no `0`/`o`, `1`/`l`/`i`).
    static let alphabet = Array("23456789abcdefghjkmnpqrstuvwxyz")
    static let generatedLength = 8

    /// An identifier as typed: 1-32 characters, each a lowercase letter, a digit, `-` or `_`; `nil` otherwise.
    public init?(_ text: String) {
        let allowed = text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard (1...32).contains(text.utf8.count), allowed else { return nil }
        rawValue = text
    }

    /// A fresh identifier of eight characters (31⁸ ≈ 8.5·10¹¹ values) from the injected generator; the caller
    /// retries on the rare collision, which `MeetingScheduler.add` reports as `duplicateID`.
    public static func generate(using generator: inout some RandomNumberGenerator) -> MeetingID {
        let text = String((0..<generatedLength).map { _ in alphabet.randomElement(using: &generator)! })
        return MeetingID(text)!
    }

    public static func < (lhs: MeetingID, rhs: MeetingID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = MeetingID(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "bad meeting id \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
