/// Parses one SIP message from bytes (RFC 3261 §7, §25; framing per §18.3).
///
/// The parser accepts every form the grammar allows (folding, compact names, LWS around separators, escapes) and
/// rejects the message whole when it is broken or over a limit, never returning half a message. It validates the
/// headers every element relies on (Via, From, To, Call-ID, CSeq, Max-Forwards, Content-Length, Contact, Route,
/// Record-Route) so that a transaction user never meets a malformed one.
public struct SIPMessageParser: Sendable {
    /// How the bytes were framed (RFC 3261 §18.3).
    public enum Framing: Sendable {
        /// One UDP datagram: octets beyond Content-Length are ignored; a missing Content-Length means "the rest".
        case datagram
        /// Exactly one message cut from a stream by `SIPStreamFramer`.
        case stream
    }

    /// Limits against abuse; beyond them the message is rejected.
    public struct Limits: Sendable {
        public var maxMessageBytes: Int
        public var maxHeaderFields: Int
        public var maxHeaderLineBytes: Int
        public init(maxMessageBytes: Int = 65_536, maxHeaderFields: Int = 256, maxHeaderLineBytes: Int = 8_192) {
            self.maxMessageBytes = maxMessageBytes
            self.maxHeaderFields = maxHeaderFields
            self.maxHeaderLineBytes = maxHeaderLineBytes
        }
    }

    public var limits: Limits

    public init(limits: Limits = .init()) { self.limits = limits }

    public func parse(_ bytes: [UInt8], framing: Framing = .datagram) throws(SIPParseFailure) -> SIPMessage {
        var failure = SIPParseFailure(error: .malformed("empty message"))
        do {
            return try parse(bytes, framing: framing, failure: &failure)
        } catch {
            failure.error = error
            throw failure
        }
    }

    private func parse(_ bytes: [UInt8], framing: Framing,
                       failure: inout SIPParseFailure) throws(SIPParseError) -> SIPMessage {
        guard bytes.count <= limits.maxMessageBytes else {
            throw .tooLarge("message of \(bytes.count) bytes exceeds the limit of \(limits.maxMessageBytes)")
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(SIPParseError) in try parse(buffer, framing: framing, failure: &failure) }
        }.get()
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, framing: Framing,
                       failure: inout SIPParseFailure) throws(SIPParseError) -> SIPMessage {
        var i = 0
        let n = bytes.count
        // RFC 3261 §7.5: ignore CRLFs before the start-line.
        while i < n, bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        guard i < n else { throw .malformed("empty message") }

        // Start line.
        let lineStart = i
        while i < n, bytes[i] != 0x0A { i += 1 }
        guard i < n else { throw .malformed("start line not terminated") }
        var lineEnd = i
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        i += 1
        guard lineEnd - lineStart <= limits.maxHeaderLineBytes else { throw .tooLarge("start line too long") }
        // A broken start line is reported after the headers are read, so that a 400/505 can still copy them.
        let startBytes = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
        failure.isRequest = !StartLine.isStatusLine(startBytes)
        let startLineResult = Result { () throws(SIPParseError) in try StartLine(startBytes) }

        // Header section: split lines, unfold continuations, stop at the empty line. A value is taken straight from
        // the message bytes; only a folded one is assembled in `folded`.
        var fields: [SIPHeaders.Field] = []
        fields.reserveCapacity(16)
        var terminated = false
        var pendingName: (name: String, key: String, id: UInt8)?
        var valueRange = 0..<0
        var folded: [UInt8]? = nil
        func flush() {
            guard let name = pendingName else { return }
            let value: String
            if let folded {
                var end = folded.count
                while end > 0, SIPGrammar.isWhitespace(folded[end - 1]) { end -= 1 }
                value = String(decoding: folded[..<end], as: UTF8.self)
            } else {
                var end = valueRange.upperBound
                while end > valueRange.lowerBound, SIPGrammar.isWhitespace(bytes[end - 1]) { end -= 1 }
                value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueRange.lowerBound..<end]), as: UTF8.self)
            }
            fields.append(.init(name: name.name, key: name.key, id: name.id, value: value))
            pendingName = nil
            folded = nil
        }
        while i < n {
            let start = i
            while i < n, bytes[i] != 0x0A { i += 1 }
            var end = i
            if i < n { i += 1 } // past LF
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            guard end - start <= limits.maxHeaderLineBytes else {
                throw .tooLarge("header line longer than \(limits.maxHeaderLineBytes) bytes")
            }
            if end == start {
                if i <= n, start < n { terminated = true }
                break
            }
            if SIPGrammar.isWhitespace(bytes[start]) {
                // Continuation line (§7.3.1): fold into one SP.
                guard pendingName != nil else { throw .malformed("continuation line before any header") }
                var s = start
                while s < end, SIPGrammar.isWhitespace(bytes[s]) { s += 1 }
                var value = folded ?? Array(bytes[valueRange])
                if !value.isEmpty, !SIPGrammar.isWhitespace(value[value.count - 1]) { value.append(0x20) }
                value.append(contentsOf: bytes[s..<end])
                folded = value
                continue
            }
            flush()
            guard fields.count < limits.maxHeaderFields else {
                throw .tooLarge("more than \(limits.maxHeaderFields) header fields")
            }
            var j = start
            while j < end, SIPGrammar.isToken(bytes[j]) { j += 1 }
            guard j > start else { throw .malformed("invalid header line") }
            let nameBytes = UnsafeBufferPointer(rebasing: bytes[start..<j])
            while j < end, SIPGrammar.isWhitespace(bytes[j]) { j += 1 }
            guard j < end, bytes[j] == UInt8(ascii: ":") else {
                throw .malformed("header \(String(decoding: nameBytes, as: UTF8.self)) has no colon")
            }
            j += 1
            while j < end, SIPGrammar.isWhitespace(bytes[j]) { j += 1 }
            pendingName = SIPHeaderName.parsed(nameBytes)
            valueRange = j..<end
        }
        flush()
        var headers = SIPHeaders(fields)
        failure.headers = headers
        let startLine = try startLineResult.get()
        failure.startLine = startLine
        guard terminated else { throw .malformed("header section not terminated by an empty line") }

        // Body (§18.3).
        let available = n - i
        var bodyLength = available
        if let length = try headers.framingContentLength() {
            bodyLength = length
            guard bodyLength <= available else {
                throw .malformed("Content-Length \(bodyLength) exceeds the \(available) octets received")
            }
        } else if framing == .stream {
            throw .malformed("Content-Length is required on stream transports")
        }
        let body = Array(bytes[i..<(i + bodyLength)])

        try headers.validateEssentials(isRequest: startLine.isRequest)

        switch startLine {
        case let .request(method, uri):
            // A Request-Line/CSeq method mismatch is judged by the server (400, or 501 for unknown methods).
            return .request(SIPRequest(method: method, uri: uri, headers: headers, body: body))
        case let .response(code, reason):
            return .response(SIPResponse(statusCode: code, reasonPhrase: reason, headers: headers, body: body))
        }
    }
}

extension SIPHeaders {
    /// The one Content-Length of a message (§20.14), or nil when absent. Repeated equal values (in several fields or a
    /// list) collapse into one field; different ones make the message unframeable.
    mutating func framingContentLength() throws(SIPParseError) -> Int? {
        var first: Int?
        var fieldCount = 0
        for f in fields where f.has(.contentLength) {
            fieldCount += 1
            if fieldCount == 1, !f.value.utf8.contains(UInt8(ascii: ",")) {
                first = try SIPHeaders.integer(f.value, max: Int(Int32.max), name: "Content-Length")
                continue
            }
            first = nil
            break
        }
        if fieldCount <= 1 { return first }
        // Rare: several fields or a list.
        let values = try values(.contentLength).flatMap(SIPHeaders.splitList).map { v throws(SIPParseError) in
            try SIPHeaders.integer(v, max: Int(Int32.max), name: "Content-Length")
        }
        guard Set(values).count == 1 else { throw .malformed("conflicting Content-Length values") }
        set(.contentLength, String(values[0]))
        return values[0]
    }
}

/// The failure of a parse, with what could be read so that a server can still answer (RFC 3261 §8.2 needs Via, From,
/// To, Call-ID and CSeq copied into the response).
public struct SIPParseFailure: Error, Sendable, CustomStringConvertible {
    public var error: SIPParseError
    public var startLine: StartLine?
    public var headers: SIPHeaders
    /// Whether the first line looked like a request (anything not starting with "SIP/").
    public var isRequest: Bool

    public init(error: SIPParseError, startLine: StartLine? = nil, headers: SIPHeaders = [], isRequest: Bool = false) {
        self.error = error
        self.startLine = startLine
        self.headers = headers
        self.isRequest = isRequest
    }
    public var description: String { error.description }
}

/// The first line of a message (RFC 3261 §7.1, §7.2).
public enum StartLine: Sendable, Hashable {
    case request(SIPMethod, SIPURI)
    case response(Int, String)

    public var isRequest: Bool {
        if case .request = self { return true }
        return false
    }

    /// A line starting with "SIP/" or "sip/" is a Status-Line; anything else is taken for a Request-Line.
    static func isStatusLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.starts(with: "SIP/".utf8) || line.starts(with: "sip/".utf8)
    }

    /// Starts with "SIP/" in any case of the letters.
    private static func hasVersionPrefix(_ v: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard v.count >= 4 else { return false }
        let s = v.startIndex
        return v[s] | 0x20 == UInt8(ascii: "s") && v[s + 1] | 0x20 == UInt8(ascii: "i")
            && v[s + 2] | 0x20 == UInt8(ascii: "p") && v[s + 3] == UInt8(ascii: "/")
    }

    /// "SIP/2.0" in any case of the letters.
    private static func isVersion20(_ v: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        v.count == 7 && hasVersionPrefix(v) && v.dropFirst(4).elementsEqual("2.0".utf8)
    }

    init(_ line: UnsafeBufferPointer<UInt8>) throws(SIPParseError) {
        if Self.isStatusLine(line) {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            guard let sp1 = line.firstIndex(of: 0x20) else { throw .malformed("malformed status line") }
            guard Self.isVersion20(line[..<sp1]) else {
                throw .unsupportedVersion(String(decoding: line[..<sp1], as: UTF8.self))
            }
            let rest = line[(sp1 + 1)...]
            let codeEnd = rest.firstIndex(of: 0x20) ?? rest.endIndex
            let code = rest[rest.startIndex..<codeEnd]
            guard code.count == 3, code.allSatisfy(SIPGrammar.isDigit) else { throw .malformed("invalid status code") }
            let value = code.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard (100...699).contains(value) else { throw .malformed("invalid status code") }
            let reason = codeEnd < rest.endIndex ? String(decoding: rest[(codeEnd + 1)...], as: UTF8.self) : ""
            self = .response(value, reason)
            return
        }
        // Request-Line = Method SP Request-URI SP SIP-Version: exactly single spaces (RFC 4475 §3.1.2.9-10).
        guard let sp1 = line.firstIndex(of: 0x20), sp1 > 0,
              let sp2 = line[(sp1 + 1)...].firstIndex(of: 0x20), sp2 > sp1 + 1, sp2 + 1 < line.count,
              !line[(sp2 + 1)...].contains(0x20)
        else { throw .malformed("malformed request line") }
        let method = line[..<sp1], uriBytes = line[(sp1 + 1)..<sp2], version = line[(sp2 + 1)...]
        guard method.allSatisfy(SIPGrammar.isToken) else { throw .malformed("method is not a token") }
        guard Self.isVersion20(version) else {
            let versionText = String(decoding: version, as: UTF8.self)
            if version.count > 4, Self.hasVersionPrefix(version) {
                throw .unsupportedVersion(versionText)
            }
            throw .malformed("malformed SIP version \"\(versionText)\"")
        }
        let uri = try SIPURI(bytes: UnsafeBufferPointer(rebasing: uriBytes))
        if uri.headers != nil {
            throw .malformed("Request-URI must not contain headers (RFC 3261 §19.1.5)")
        }
        self = .request(SIPMethod(bytes: UnsafeBufferPointer(rebasing: method)), uri)
    }
}
