/// Wire form of messages (RFC 3261 §7): start line, one line per header field, empty line, body. Content-Length is
/// written as the body's real length whenever the header is present, so a message never misframes itself.
extension SIPRequest {
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(method.rawValue.utf8.count + 96 + headers.wireSize + body.count)
        out.appendUTF8(method.rawValue)
        out.append(0x20)
        uri.write(into: &out)
        out.append(contentsOf: Wire.spaceVersionCRLF)
        headers.write(into: &out, bodyLength: body.count)
        out.append(contentsOf: body)
        return out
    }
}

extension SIPResponse {
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(reasonPhrase.utf8.count + 32 + headers.wireSize + body.count)
        out.append(contentsOf: Wire.versionSpace)
        out.appendDecimal(statusCode)
        out.append(0x20)
        out.appendUTF8(reasonPhrase)
        out.append(contentsOf: Wire.crlf)
        headers.write(into: &out, bodyLength: body.count)
        out.append(contentsOf: body)
        return out
    }
}

extension SIPMessage {
    public func serialized() -> [UInt8] {
        switch self {
        case .request(let r): return r.serialized()
        case .response(let r): return r.serialized()
        }
    }
}

extension SIPHeaders {
    /// Octets of the header section (Content-Length counted generously), to size the output once.
    var wireSize: Int {
        var size = 2
        for f in fields { size += f.name.utf8.count + f.value.utf8.count + 14 }
        return size
    }

    func write(into out: inout [UInt8], bodyLength: Int) {
        for f in fields {
            out.appendUTF8(f.name)
            out.append(UInt8(ascii: ":"))
            out.append(0x20)
            if f.has(.contentLength) {
                out.appendDecimal(bodyLength)
            } else {
                out.appendUTF8(f.value)
            }
            out.append(0x0D)
            out.append(0x0A)
        }
        out.append(0x0D)
        out.append(0x0A)
    }
}

extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes in one copy (the generic `append(contentsOf: s.utf8)` goes byte by byte).
    @inlinable
    mutating func appendUTF8(_ string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends a non-negative integer in decimal without building a String.
    mutating func appendDecimal(_ value: Int) {
        precondition(value >= 0)
        var digits = 1, rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let start = count
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var v = value, i = start + digits - 1
        while i >= start { self[i] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; i -= 1 }
    }
}

/// Constant byte strings of the wire format, appended without going through String's UTF-8 view.
enum Wire {
    static let crlf: [UInt8] = [0x0D, 0x0A]
    static let versionSpace: [UInt8] = Array("SIP/2.0 ".utf8)
    static let spaceVersionCRLF: [UInt8] = Array(" SIP/2.0\r\n".utf8)
}
