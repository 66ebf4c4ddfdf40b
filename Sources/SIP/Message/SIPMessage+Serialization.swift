/// Wire form of messages (RFC 3261 §7): start line, one line per header field, empty line, body. Content-Length is
/// written as the body's real length whenever the header is present, so a message never misframes itself.
extension SIPRequest {
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + body.count)
        out.appendUTF8(method.rawValue)
        out.append(0x20)
        out.appendUTF8(uri.description)
        out.append(contentsOf: Wire.spaceVersionCRLF)
        headers.write(into: &out, bodyLength: body.count)
        out.append(contentsOf: body)
        return out
    }
}

extension SIPResponse {
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + body.count)
        out.append(contentsOf: Wire.versionSpace)
        out.appendUTF8(String(statusCode))
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
    func write(into out: inout [UInt8], bodyLength: Int) {
        for f in fields {
            out.appendUTF8(f.name)
            out.append(contentsOf: Wire.colonSpace)
            if f.key == "content-length" {
                out.appendUTF8(String(bodyLength))
            } else {
                out.appendUTF8(f.value)
            }
            out.append(contentsOf: Wire.crlf)
        }
        out.append(contentsOf: Wire.crlf)
    }
}

extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes in one copy (the generic `append(contentsOf: s.utf8)` goes byte by byte).
    @inlinable
    mutating func appendUTF8(_ string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }
}

/// Constant byte strings of the wire format, appended without going through String's UTF-8 view.
enum Wire {
    static let crlf: [UInt8] = [0x0D, 0x0A]
    static let colonSpace: [UInt8] = [UInt8(ascii: ":"), 0x20]
    static let versionSpace: [UInt8] = Array("SIP/2.0 ".utf8)
    static let spaceVersionCRLF: [UInt8] = Array(" SIP/2.0\r\n".utf8)
}
