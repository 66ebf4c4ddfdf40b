/// Header field names compared the way RFC 3261 §7.3.1 says: case-insensitively, with compact forms (§7.3.3,
/// and the IANA list for later RFCs) equal to their long forms.
public struct SIPHeaderName: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Canonical key: the lowercased long form ("call-id").
    public let key: String
    /// The preferred spelling used when this implementation writes the header.
    public let spelling: String
    /// `key`'s id among the well-known names (0 for others): see `SIPHeaders.Field.has(_:)`.
    let id: UInt8

    public init(_ spelling: String) {
        self.spelling = spelling
        self.key = Self.canonicalKey(spelling)
        self.id = Self.wellKnownID(key: key)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { spelling }

    public static func == (lhs: SIPHeaderName, rhs: SIPHeaderName) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// The lowercased long form of a name as written on the wire.
    public static func canonicalKey(_ name: some StringProtocol) -> String {
        if let known = name.utf8.withContiguousStorageIfAvailable({ wellKnown($0)?.key }) ?? nil { return known }
        if name.utf8.count == 1, let long = compactForms[name.utf8.first! | 0x20] { return long }
        return name.lowercased()
    }

    static let compactForms: [UInt8: String] = [
        UInt8(ascii: "i"): "call-id", UInt8(ascii: "m"): "contact", UInt8(ascii: "e"): "content-encoding",
        UInt8(ascii: "l"): "content-length", UInt8(ascii: "c"): "content-type", UInt8(ascii: "f"): "from",
        UInt8(ascii: "s"): "subject", UInt8(ascii: "k"): "supported", UInt8(ascii: "t"): "to",
        UInt8(ascii: "v"): "via", UInt8(ascii: "o"): "event", UInt8(ascii: "r"): "refer-to",
        UInt8(ascii: "b"): "referred-by", UInt8(ascii: "u"): "allow-events", UInt8(ascii: "x"): "session-expires",
        UInt8(ascii: "a"): "accept-contact", UInt8(ascii: "j"): "reject-contact",
        UInt8(ascii: "d"): "request-disposition", UInt8(ascii: "y"): "identity", UInt8(ascii: "n"): "identity-info",
    ]

    public static let via: SIPHeaderName = "Via"
    public static let from: SIPHeaderName = "From"
    public static let to: SIPHeaderName = "To"
    public static let callID: SIPHeaderName = "Call-ID"
    public static let cseq: SIPHeaderName = "CSeq"
    public static let maxForwards: SIPHeaderName = "Max-Forwards"
    public static let contact: SIPHeaderName = "Contact"
    public static let contentLength: SIPHeaderName = "Content-Length"
    public static let contentType: SIPHeaderName = "Content-Type"
    public static let expires: SIPHeaderName = "Expires"
    public static let minExpires: SIPHeaderName = "Min-Expires"
    public static let route: SIPHeaderName = "Route"
    public static let recordRoute: SIPHeaderName = "Record-Route"
    public static let require: SIPHeaderName = "Require"
    public static let proxyRequire: SIPHeaderName = "Proxy-Require"
    public static let supported: SIPHeaderName = "Supported"
    public static let unsupported: SIPHeaderName = "Unsupported"
    public static let allow: SIPHeaderName = "Allow"
    public static let accept: SIPHeaderName = "Accept"
    public static let acceptEncoding: SIPHeaderName = "Accept-Encoding"
    public static let acceptLanguage: SIPHeaderName = "Accept-Language"
    public static let authorization: SIPHeaderName = "Authorization"
    public static let proxyAuthorization: SIPHeaderName = "Proxy-Authorization"
    public static let wwwAuthenticate: SIPHeaderName = "WWW-Authenticate"
    public static let proxyAuthenticate: SIPHeaderName = "Proxy-Authenticate"
    public static let warning: SIPHeaderName = "Warning"
    public static let reason: SIPHeaderName = "Reason"
    public static let server: SIPHeaderName = "Server"
    public static let userAgent: SIPHeaderName = "User-Agent"
    public static let date: SIPHeaderName = "Date"
    public static let timestamp: SIPHeaderName = "Timestamp"
    public static let retryAfter: SIPHeaderName = "Retry-After"
    public static let sessionExpires: SIPHeaderName = "Session-Expires"  // RFC 4028 §4
    public static let minSE: SIPHeaderName = "Min-SE"                    // RFC 4028 §5
}
