/// Building a response to a request (RFC 3261 §8.2.6.2): Via, From, To, Call-ID and CSeq copied, a To tag added
/// when the response is not a 100 and the request had none.
extension SIPRequest {
    public func makeResponse(_ statusCode: Int, reason: String? = nil, toTag: String? = nil) -> SIPResponse {
        var headers = SIPHeaders()
        // Room for the copied fields and the few the answerer adds (Contact, Expires, Server, Content-Length, ...).
        headers.reserveCapacity(self.headers.count(of: .via) + 10)
        for f in self.headers
        where f.has(.via) || f.has(.from) || f.has(.callID) || f.has(.cseq) {
            headers.append(f)
        }
        if var to = self.headers[.to] {
            if statusCode != 100, let toTag, (try? self.headers.to().tag) == nil {
                to += ";tag=" + toTag
            }
            headers.append(.to, to)
        }
        // §8.2.6.1: a 100 Trying copies Timestamp.
        if statusCode == 100, let timestamp = self.headers[.timestamp] { headers.append(.timestamp, timestamp) }
        return SIPResponse(statusCode: statusCode, reasonPhrase: reason, headers: headers)
    }
}

extension SIPParseFailure {
    /// The stateless answer to a request that failed to parse (400 / 505 / 513), copying whatever of Via, From,
    /// To, Call-ID and CSeq could be read, with a Warning that says what was wrong (RFC 3261 §20.43, code 399).
    /// nil for responses (they are dropped, RFC 3261 §18.1.2) or when no Via could be read (no way to answer).
    public func statelessResponse(agent: String) -> SIPResponse? {
        guard isRequest, headers.contains(.via) else { return nil }
        var out = SIPHeaders()
        for f in headers where ["via", "from", "to", "call-id", "cseq"].contains(f.key) {
            out.append(SIPHeaderName(f.name), f.value)
        }
        let text = error.description.replacingQuotes()
        out.append(.warning, "399 \(agent) \"\(text)\"")
        return SIPResponse(statusCode: error.statusCode, reasonPhrase: nil, headers: out + [(.contentLength, "0")])
    }
}

extension SIPHeaders {
    static func + (lhs: SIPHeaders, rhs: SIPHeaders) -> SIPHeaders { SIPHeaders(lhs.fields + rhs.fields) }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        String(unicodeScalars.map { $0 == "\"" || $0 == "\\" || $0.value < 0x20 ? "'" : Character($0) })
    }
}
