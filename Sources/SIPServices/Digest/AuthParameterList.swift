/// RFC 3261 §25.1 / RFC 7235 §2.1: `auth-scheme LWS auth-param *(COMMA auth-param)`, values token or quoted-string.
///
/// Works on UTF-8 octets; the caller has already unfolded header lines, so LWS here is only spaces and tabs
/// (a stray CR/LF is tolerated as whitespace too, which costs nothing and helps hand-written test vectors).
struct AuthParameterList {
    /// The scheme token as written (`Digest`, `Basic`, …).
    var scheme: String
    /// Parameters in order of appearance; names lowercased, values unquoted and unescaped.
    var parameters: [(name: String, value: String)]

    init(parsing headerValue: String) throws(DigestCredentialsError) {
        var scanner = Scanner(Array(headerValue.utf8))
        scanner.skipWhitespace()
        if scanner.atEnd { throw .empty }
        let scheme = scanner.token()
        if scheme.isEmpty { throw .malformed(offset: scanner.offset, reason: "expected an authentication scheme") }
        self.scheme = scheme
        self.parameters = []
        guard scheme.lowercased() == "digest" else { return }

        // Empty list elements (",,") are tolerated, as RFC 7230 §7 asks recipients to do.
        while true {
            scanner.skipWhitespace()
            if scanner.atEnd { break }
            if scanner.consume(UInt8(ascii: ",")) { continue }
            let name = scanner.token()
            if name.isEmpty { throw .malformed(offset: scanner.offset, reason: "expected a parameter name") }
            scanner.skipWhitespace()
            guard scanner.consume(UInt8(ascii: "=")) else {
                throw .malformed(offset: scanner.offset, reason: "expected '=' after '\(name)'")
            }
            scanner.skipWhitespace()
            let value: String
            if scanner.peek == UInt8(ascii: "\"") {
                value = try scanner.quotedString()
            } else {
                value = scanner.token()
                if value.isEmpty {
                    throw .malformed(offset: scanner.offset, reason: "expected a token or quoted-string for '\(name)'")
                }
            }
            parameters.append((name.lowercased(), value))
            scanner.skipWhitespace()
            if scanner.atEnd { break }
            guard scanner.consume(UInt8(ascii: ",")) else {
                throw .malformed(offset: scanner.offset, reason: "expected ',' after the value of '\(name)'")
            }
        }
    }
}

private struct Scanner {
    let octets: [UInt8]
    var offset = 0

    init(_ octets: [UInt8]) { self.octets = octets }

    var atEnd: Bool { offset >= octets.count }
    var peek: UInt8? { atEnd ? nil : octets[offset] }

    mutating func skipWhitespace() {
        while let octet = peek, octet == 0x20 || octet == 0x09 || octet == 0x0D || octet == 0x0A { offset += 1 }
    }

    mutating func consume(_ octet: UInt8) -> Bool {
        guard peek == octet else { return false }
        offset += 1
        return true
    }

    /// RFC 3261 §25.1 `token`: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~".
    mutating func token() -> String {
        let start = offset
        while let octet = peek, Self.isTokenOctet(octet) { offset += 1 }
        return String(decoding: octets[start..<offset], as: UTF8.self)
    }

    /// RFC 3261 §25.1 `quoted-string`: DQUOTE *(qdtext / quoted-pair) DQUOTE, where quoted-pair is "\" + any octet.
    mutating func quotedString() throws(DigestCredentialsError) -> String {
        let opening = offset
        offset += 1
        var value: [UInt8] = []
        while let octet = peek {
            offset += 1
            switch octet {
            case UInt8(ascii: "\""):
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { break }
                value.append(escaped)
                offset += 1
            default:
                value.append(octet)
            }
        }
        throw .malformed(offset: opening, reason: "quoted-string is not terminated")
    }

    private static func isTokenOctet(_ octet: UInt8) -> Bool {
        switch octet {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "*"),
             UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
