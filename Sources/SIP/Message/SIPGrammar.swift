/// Character classes and a byte scanner for the SIP grammar of RFC 3261 §25.1.
///
/// Header values reach the scanner already unfolded (every `CRLF 1*WSP` replaced by one SP, RFC 3261 §7.3.1), so
/// linear white space is just SP / HTAB here.
@usableFromInline
enum SIPGrammar {
    /// token chars: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
    @usableFromInline static let tokenTable: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = true }
        for c in "-.!%*_+`'~".utf8 { t[Int(c)] = true }
        return t
    }()

    @inlinable static func isToken(_ b: UInt8) -> Bool { tokenTable[Int(b)] }
    @inlinable static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    @inlinable static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inlinable static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inlinable static func isHex(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }

    static func isToken(_ s: some StringProtocol) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy(isToken)
    }
}

/// A cursor over the bytes of one (unfolded) header value or start-line element. It borrows the bytes of a String
/// for the duration of `scan` (no copy), since header values are scanned once per message on the hot path.
struct SIPScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
    }

    /// Runs `body` with a scanner over the UTF-8 bytes of `text`.
    static func scan<T>(_ text: some StringProtocol,
                        _ body: (inout SIPScanner) throws(SIPParseError) -> T) throws(SIPParseError) -> T {
        var string = String(text)
        let result: Result<T, SIPParseError> = string.withUTF8 { buffer in
            var scanner = SIPScanner(buffer)
            return Result { () throws(SIPParseError) in try body(&scanner) }
        }
        return try result.get()
    }

    var isAtEnd: Bool { position >= end }
    var peek: UInt8? { position < end ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while position < end, SIPGrammar.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Consumes `byte` surrounded by optional whitespace (SEMI, COMMA, EQUAL, SLASH, COLON of §25.1).
    mutating func consumeSeparator(_ byte: UInt8) -> Bool {
        let saved = position
        skipWhitespace()
        if position < end, bytes[position] == byte {
            position += 1
            skipWhitespace()
            return true
        }
        position = saved
        return false
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        if position < end, bytes[position] == byte { position += 1; return true }
        return false
    }

    /// Reads a token (may be empty when none is there).
    mutating func token() -> String {
        let start = position
        while position < end, SIPGrammar.isToken(bytes[position]) { position += 1 }
        return string(start, position)
    }

    /// Reads bytes while `predicate` holds.
    mutating func take(while predicate: (UInt8) -> Bool) -> String {
        let start = position
        while position < end, predicate(bytes[position]) { position += 1 }
        return string(start, position)
    }

    /// Reads a quoted-string starting at the opening DQUOTE; returns its content with quoted-pairs resolved.
    mutating func quotedString() throws(SIPParseError) -> String {
        guard consume(UInt8(ascii: "\"")) else { throw .malformed("expected a quoted string") }
        // Without quoted-pairs the content is one run of the bytes.
        let contentStart = position
        while position < end, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            position += 1
        }
        if position < end, bytes[position] == UInt8(ascii: "\"") {
            position += 1
            return string(contentStart, position - 1)
        }
        var out = Array(bytes[contentStart..<position])
        while position < end {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                guard position + 1 < end, bytes[position + 1] <= 0x7F,
                      bytes[position + 1] != 0x0A, bytes[position + 1] != 0x0D
                else { throw .malformed("invalid escape in quoted string") }
                out.append(bytes[position + 1])
                position += 2
                continue
            }
            out.append(b)
            position += 1
        }
        throw .malformed("unterminated quoted string")
    }

    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    var remainder: String { string(position, end) }
}

extension String {
    /// Renders `self` as a SIP quoted-string, escaping `"` and `\` (RFC 3261 §25.1).
    var sipQuoted: String {
        var out = "\""
        for ch in unicodeScalars {
            if ch == "\"" || ch == "\\" || ch.value < 0x20 && ch != "\t" || ch.value == 0x7F { out.append("\\") }
            out.unicodeScalars.append(ch)
        }
        out.append("\"")
        return out
    }
}
