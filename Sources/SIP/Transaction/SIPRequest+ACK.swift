/// The ACK an INVITE client transaction builds for a non-2xx final response (RFC 3261 §17.1.1.3).
extension SIPRequest {
    /// ACK for `response`, a 300–699 final response to this INVITE: same Request-URI, Call-ID, From and CSeq number
    /// (method ACK), the response's To (it carries the tag the UAS chose), only the request's top Via (so the ACK
    /// matches the server transaction, §17.2.3), the request's Route headers (§12.2.1.1 applies to ACK as well),
    /// Max-Forwards 70 and no body.
    public func makeACK(for response: SIPResponse) -> SIPRequest {
        makeHopRequest(.ack, to: response.headers[.to] ?? headers[.to])
    }

    /// A request that reuses this request's transaction identity hop by hop: ACK for a non-2xx (§17.1.1.3) and
    /// CANCEL (§9.1) both copy the Request-URI, the top Via, the Route set, From, Call-ID and the CSeq number.
    func makeHopRequest(_ method: SIPMethod, to: String?) -> SIPRequest {
        var out = SIPHeaders()
        if let via = headers[.via], let top = SIPHeaders.splitList(via).first { out.append(.via, top) }
        for f in headers where f.has(.route) { out.append(.route, f.value) }
        out.append(.maxForwards, "70")
        if let to { out.append(.to, to) }
        if let from = headers[.from] { out.append(.from, from) }
        if let callID = headers[.callID] { out.append(.callID, callID) }
        let sequence = (try? headers.cseq().sequence) ?? 0
        out.append(.cseq, CSeq(sequence, method).description)
        out.append(.contentLength, "0")
        return SIPRequest(method: method, uri: uri, headers: out)
    }
}
