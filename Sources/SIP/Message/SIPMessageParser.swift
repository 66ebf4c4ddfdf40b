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
        let startBytes = Array(bytes[lineStart..<lineEnd])
        failure.isRequest = !(startBytes.starts(with: Array("SIP/".utf8)) || startBytes.starts(with: Array("sip/".utf8)))
        let startLineResult = Result { () throws(SIPParseError) in try StartLine(startBytes) }

        // Header section: split lines, unfold continuations, stop at the empty line.
        var fields: [SIPHeaders.Field] = []
        fields.reserveCapacity(16)
        var terminated = false
        var pendingName: String?
        var pendingKey = ""
        var pendingValue: [UInt8] = []
        func flush() {
            if let name = pendingName {
                var end = pendingValue.count
                while end > 0, SIPGrammar.isWhitespace(pendingValue[end - 1]) { end -= 1 }
                fields.append(.init(name: name, key: pendingKey,
                                    value: String(decoding: pendingValue[..<end], as: UTF8.self)))
            }
            pendingName = nil
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
                if !pendingValue.isEmpty, !SIPGrammar.isWhitespace(pendingValue[pendingValue.count - 1]) {
                    pendingValue.append(0x20)
                }
                pendingValue.append(contentsOf: bytes[s..<end])
                continue
            }
            flush()
            guard fields.count < limits.maxHeaderFields else {
                throw .tooLarge("more than \(limits.maxHeaderFields) header fields")
            }
            var j = start
            while j < end, SIPGrammar.isToken(bytes[j]) { j += 1 }
            guard j > start else { throw .malformed("invalid header line") }
            let name = String(decoding: bytes[start..<j], as: UTF8.self)
            while j < end, SIPGrammar.isWhitespace(bytes[j]) { j += 1 }
            guard j < end, bytes[j] == UInt8(ascii: ":") else { throw .malformed("header \(name) has no colon") }
            j += 1
            while j < end, SIPGrammar.isWhitespace(bytes[j]) { j += 1 }
            pendingName = name
            pendingKey = SIPHeaderName.canonicalKey(name)
            pendingValue.removeAll(keepingCapacity: true)
            pendingValue.append(contentsOf: bytes[j..<end])
        }
        flush()
        var headers = SIPHeaders(fields)
        failure.headers = headers
        let startLine = try startLineResult.get()
        failure.startLine = startLine
        guard terminated else { throw .malformed("header section not terminated by an empty line") }

        // Body (§18.3).
        let available = n - i
        let lengths = headers.values(.contentLength)
        var bodyLength = available
        if !lengths.isEmpty {
            let values = try lengths.flatMap(SIPHeaders.splitList).map { v throws(SIPParseError) in
                try SIPHeaders.integer(v, max: Int(Int32.max), name: "Content-Length")
            }
            guard Set(values).count == 1 else { throw .malformed("conflicting Content-Length values") }
            bodyLength = values[0]
            if lengths.count > 1 || values.count > 1 { headers.set(.contentLength, String(bodyLength)) }
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

    init(_ line: [UInt8]) throws(SIPParseError) {
        if line.starts(with: Array("SIP/".utf8)) || line.starts(with: Array("sip/".utf8)) {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            guard let sp1 = line.firstIndex(of: 0x20) else { throw .malformed("malformed status line") }
            let version = String(decoding: line[..<sp1], as: UTF8.self)
            guard version.uppercased() == "SIP/2.0" else { throw .unsupportedVersion(version) }
            let rest = line[(sp1 + 1)...]
            let codeEnd = rest.firstIndex(of: 0x20) ?? rest.endIndex
            let code = rest[rest.startIndex..<codeEnd]
            guard code.count == 3, code.allSatisfy(SIPGrammar.isDigit),
                  let value = Int(String(decoding: code, as: UTF8.self)), (100...699).contains(value)
            else { throw .malformed("invalid status code") }
            let reason = codeEnd < rest.endIndex ? String(decoding: rest[(codeEnd + 1)...], as: UTF8.self) : ""
            self = .response(value, reason)
            return
        }
        // Request-Line = Method SP Request-URI SP SIP-Version: exactly single spaces (RFC 4475 §3.1.2.9-10).
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else {
            throw .malformed("malformed request line")
        }
        guard parts[0].allSatisfy(SIPGrammar.isToken) else { throw .malformed("method is not a token") }
        let versionText = String(decoding: parts[2], as: UTF8.self)
        guard versionText.uppercased() == "SIP/2.0" else {
            let v = Array(parts[2])
            if v.count > 4, String(decoding: v[0..<4], as: UTF8.self).uppercased() == "SIP/" {
                throw .unsupportedVersion(versionText)
            }
            throw .malformed("malformed SIP version \"\(versionText)\"")
        }
        let uri = try parts[1].withUnsafeBufferPointer { buffer in
            Result { () throws(SIPParseError) in try SIPURI(bytes: buffer) }
        }.get()
        if uri.headers != nil {
            throw .malformed("Request-URI must not contain headers (RFC 3261 §19.1.5)")
        }
        self = .request(SIPMethod(String(decoding: parts[0], as: UTF8.self)), uri)
    }
}
