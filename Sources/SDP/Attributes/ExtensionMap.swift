/// `a=extmap`: an RTP header extension and the local identifier it travels under (RFC 8285 §5, §8).
///
/// `a=extmap:<value>["/"<direction>] <URI> <extensionattributes>`.
public struct ExtensionMap: Sendable, Hashable {
    public static let attributeName = "extmap"
    /// The client-to-mixer audio level (RFC 6464 §4).
    public static let audioLevelURI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"

    /// 1–14 for one-byte headers, up to 255 for two-byte ones (RFC 8285 §5).
    public var identifier: UInt8
    public var direction: MediaDirection?
    public var uri: String
    /// Whatever follows the URI, as written (RFC 6464 §4: `vad=on` or `vad=off`).
    public var extensionAttributes: String

    public init(identifier: UInt8, direction: MediaDirection? = nil, uri: String, extensionAttributes: String = "") {
        self.identifier = identifier
        self.direction = direction
        self.uri = uri
        self.extensionAttributes = extensionAttributes
    }

    /// Parses an attribute value; nil when it is not an extmap value.
    public init?(parsing value: String) {
        let fields = value.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count >= 2 else { return nil }
        let head = fields[0].split(separator: "/", maxSplits: 1)
        guard let identifier = UInt8(head[0]), identifier >= 1, identifier != 15 else { return nil }
        var direction: MediaDirection?
        if head.count == 2 {
            guard let parsed = MediaDirection(rawValue: String(head[1])) else { return nil }
            direction = parsed
        }
        self.init(identifier: identifier, direction: direction, uri: String(fields[1]),
                  extensionAttributes: fields.count == 3 ? String(fields[2]) : "")
    }

    public var attribute: Attribute {
        var value = String(identifier) + (direction.map { "/" + $0.rawValue } ?? "") + " " + uri
        if !extensionAttributes.isEmpty { value += " " + extensionAttributes }
        return Attribute(Self.attributeName, value)
    }
}

extension MediaDescription {
    /// The section's `a=extmap` lines that parse.
    public var extensionMaps: [ExtensionMap] {
        values(of: ExtensionMap.attributeName).compactMap { ExtensionMap(parsing: $0) }
    }
}
