/// A URI as SIP uses it (RFC 3261 §19.1): `sip:`/`sips:` URIs parsed into parts, `tel:` (RFC 3966) and any other
/// scheme kept opaque (RFC 3261 §19.1.6 says an element must accept them syntactically; RFC 4475 §3.3.2).
public struct SIPURI: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased scheme: "sip", "sips", "tel", or anything else.
    public var scheme: String
    /// The user part as written (escapes kept), nil when there is none.
    public var user: String?
    public var password: String?
    /// Host as written; IPv6 references keep their brackets ("[2001:db8::1]").
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters
    /// Raw `hname=hvalue&...` after `?`, nil when absent.
    public var headers: String?
    /// For schemes other than sip/sips: everything after "scheme:".
    public var opaque: String?

    public var isSIP: Bool { scheme == "sip" || scheme == "sips" }

    public init(scheme: String = "sip", user: String? = nil, host: String, port: Int? = nil,
                parameters: SIPParameters = .init()) {
        self.scheme = scheme
        self.user = user
        self.password = nil
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = nil
        self.opaque = nil
    }

    /// Parses a complete URI (RFC 3261 §25.1 `SIP-URI`, `SIPS-URI`, `absoluteURI`).
    public init(parsing text: some StringProtocol) throws(SIPParseError) {
        self = try SIPScanner.scan(text) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try SIPURI(bytes: scanner.bytes)
        }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) throws(SIPParseError) {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              SIPGrammar.isAlpha(bytes[0]),
              bytes[..<colon].allSatisfy({ SIPGrammar.isAlpha($0) || SIPGrammar.isDigit($0) || "+-.".utf8.contains($0) })
        else { throw .malformed("URI has no scheme: \(String(decoding: bytes, as: UTF8.self))") }
        let scheme = Self.scheme(UnsafeBufferPointer(rebasing: bytes[..<colon]))
        self.scheme = scheme
        self.user = nil
        self.password = nil
        self.host = ""
        self.port = nil
        self.parameters = .init()
        self.headers = nil
        self.opaque = nil
        let rest = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
        guard scheme == "sip" || scheme == "sips" else {
            // absoluteURI: keep opaque, but it must not contain white space or be empty.
            guard !rest.isEmpty, !rest.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
            else { throw .malformed("malformed \(scheme): URI") }
            self.opaque = String(decoding: rest, as: UTF8.self)
            return
        }
        try parseSIP(rest)
    }

    /// Lowercased scheme; "sip" and "sips" as literals, since nearly every URI has one of them.
    private static func scheme(_ b: UnsafeBufferPointer<UInt8>) -> String {
        if b.count >= 3, b.count <= 4, b[0] | 0x20 == UInt8(ascii: "s"), b[1] | 0x20 == UInt8(ascii: "i"),
           b[2] | 0x20 == UInt8(ascii: "p") {
            if b.count == 3 { return "sip" }
            if b[3] | 0x20 == UInt8(ascii: "s") { return "sips" }
        }
        return String(decoding: b, as: UTF8.self).lowercased()
    }

    private mutating func parseSIP(_ b: UnsafeBufferPointer<UInt8>) throws(SIPParseError) {
        var hostStart = 0
        if let at = b.firstIndex(of: UInt8(ascii: "@")) {
            let userinfo = b[..<at]
            if let c = userinfo.firstIndex(of: UInt8(ascii: ":")) {
                user = try Self.validated(userinfo[..<c], allowed: Self.userChars, what: "user")
                password = try Self.validated(userinfo[(c + 1)...], allowed: Self.passwordChars, what: "password",
                                              allowEmpty: true)
            } else {
                user = try Self.validated(userinfo, allowed: Self.userChars, what: "user")
            }
            hostStart = at + 1
        }
        // hostport ends at ';' (parameters) or '?' (headers).
        var i = hostStart
        if i < b.count, b[i] == UInt8(ascii: "[") {
            guard let close = b[i...].firstIndex(of: UInt8(ascii: "]")) else { throw .malformed("unterminated IPv6 reference") }
            let inner = b[(i + 1)..<close]
            // RFC 5118 §4.10: tolerate the three-colon form RFC 3261's ABNF allowed; require hex, ':' and '.'.
            guard inner.contains(UInt8(ascii: ":")),
                  inner.allSatisfy({ SIPGrammar.isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { throw .malformed("invalid IPv6 reference") }
            i = close + 1
        } else {
            while i < b.count, SIPGrammar.isAlpha(b[i]) || SIPGrammar.isDigit(b[i])
                || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: ".") { i += 1 }
        }
        guard i > hostStart else { throw .malformed("URI has no host") }
        host = String(decoding: b[hostStart..<i], as: UTF8.self)
        if i < b.count, b[i] == UInt8(ascii: ":") {
            let start = i + 1
            i = start
            while i < b.count, SIPGrammar.isDigit(b[i]) { i += 1 }
            guard i > start, i - start <= 5, let p = Int(String(decoding: b[start..<i], as: UTF8.self)), p <= 65535
            else { throw .malformed("invalid port in URI") }
            port = p
        }
        var items: [SIPParameters.Parameter] = []
        while i < b.count, b[i] == UInt8(ascii: ";") {
            i += 1
            let start = i
            while i < b.count, b[i] != UInt8(ascii: ";"), b[i] != UInt8(ascii: "?") { i += 1 }
            let raw = b[start..<i]
            guard !raw.isEmpty, raw.allSatisfy({ Self.paramChars[Int($0)] || $0 == UInt8(ascii: "=") }) else {
                throw .malformed("invalid URI parameter")
            }
            if let eq = raw.firstIndex(of: UInt8(ascii: "=")) {
                guard eq > start else { throw .malformed("invalid URI parameter") }
                items.append(.init(name: String(decoding: raw[..<eq], as: UTF8.self),
                                   value: String(decoding: raw[(eq + 1)...], as: UTF8.self)))
            } else {
                items.append(.init(name: String(decoding: raw, as: UTF8.self), value: nil))
            }
        }
        parameters = SIPParameters(items)
        if i < b.count, b[i] == UInt8(ascii: "?") {
            let raw = b[(i + 1)...]
            guard !raw.isEmpty, raw.allSatisfy({ Self.headerChars[Int($0)] }) else { throw .malformed("invalid URI headers") }
            headers = String(decoding: raw, as: UTF8.self)
            i = b.count
        }
        guard i == b.count else {
            throw .malformed("unexpected character '\(Character(Unicode.Scalar(b[i])))' in URI")
        }
    }

    private static func validated(_ s: Slice<UnsafeBufferPointer<UInt8>>, allowed: [Bool], what: String,
                                  allowEmpty: Bool = false) throws(SIPParseError) -> String {
        guard allowEmpty || !s.isEmpty else { throw .malformed("empty \(what) in URI") }
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < s.endIndex, SIPGrammar.isHex(s[i + 1]), SIPGrammar.isHex(s[i + 2]) else {
                    throw .malformed("invalid escape in URI \(what)")
                }
                i += 3
                continue
            }
            guard allowed[Int(c)] else { throw .malformed("invalid character in URI \(what)") }
            i += 1
        }
        return String(decoding: s, as: UTF8.self)
    }

    private static func table(_ extra: String) -> [Bool] {
        var t = [Bool](repeating: false, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = true }
        for c in ("-_.!~*'()" + extra).utf8 { t[Int(c)] = true } // unreserved = alphanum / mark
        return t
    }
    /// user = 1*( unreserved / escaped / user-unreserved )
    static let userChars = table("&=+$,;?/")
    /// password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
    static let passwordChars = table("&=+$,")
    /// paramchar = param-unreserved / unreserved / escaped
    static let paramChars = table("[]/:&+$%")
    /// hname / hvalue chars plus the separators "=" and "&"
    static let headerChars = table("[]/?:+$%=&")

    /// The user part with %HH escapes decoded (RFC 3261 §19.1.4: equivalent for comparison). Does not stop at %00.
    public var decodedUser: String? {
        user.map { Self.percentDecoded($0) }
    }

    static func percentDecoded(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Host without IPv6 brackets, lowercased: what to compare and to resolve.
    public var hostLiteral: String {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        return h
    }

    /// The `transport` URI parameter, if any.
    public var transportParameter: String? { parameters["transport"] ?? nil }

    /// The wire form appended to `out` (what `description` returns, without building it).
    func write(into out: inout [UInt8]) {
        out.appendUTF8(scheme)
        out.append(UInt8(ascii: ":"))
        if let opaque { out.appendUTF8(opaque); return }
        if let user {
            out.appendUTF8(user)
            if let password { out.append(UInt8(ascii: ":")); out.appendUTF8(password) }
            out.append(UInt8(ascii: "@"))
        }
        out.appendUTF8(host)
        if let port { out.append(UInt8(ascii: ":")); out.appendDecimal(port) }
        parameters.write(into: &out)
        if let headers { out.append(UInt8(ascii: "?")); out.appendUTF8(headers) }
    }

    public var description: String {
        if let opaque { return scheme + ":" + opaque }
        var out = scheme + ":"
        if let user {
            out += user
            if let password { out += ":" + password }
            out += "@"
        }
        out += host
        if let port { out += ":" + String(port) }
        out += parameters.serialized
        if let headers { out += "?" + headers }
        return out
    }

    /// The address of record form used as registrar key: scheme, decoded user and lowercased host, no port or
    /// parameters (RFC 3261 §10.3 step 5: "sip:user@domain").
    public var addressOfRecord: String {
        let s = scheme == "sips" ? "sip" : scheme
        if let opaque { return s + ":" + opaque }
        return s + ":" + (decodedUser.map { $0 + "@" } ?? "") + host.lowercased()
    }
}
