/// Wire form of messages (RFC 3261 §7): start line, one line per header field, empty line, body. Content-Length is
/// written as the body's real length whenever the header is present, so a message never misframes itself.
extension SIPRequest {
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + body.count)
        out.append(contentsOf: method.rawValue.utf8)
        out.append(0x20)
        out.append(contentsOf: uri.description.utf8)
        out.append(contentsOf: " SIP/2.0\r\n".utf8)
        headers.write(into: &out, bodyLength: body.count)
        out.append(contentsOf: body)
        return out
    }
}

extension SIPResponse {
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + body.count)
        out.append(contentsOf: "SIP/2.0 ".utf8)
        out.append(contentsOf: String(statusCode).utf8)
        out.append(0x20)
        out.append(contentsOf: reasonPhrase.utf8)
        out.append(contentsOf: "\r\n".utf8)
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
            out.append(contentsOf: f.name.utf8)
            out.append(contentsOf: ": ".utf8)
            if f.key == "content-length" {
                out.append(contentsOf: String(bodyLength).utf8)
            } else {
                out.append(contentsOf: f.value.utf8)
            }
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
    }
}
