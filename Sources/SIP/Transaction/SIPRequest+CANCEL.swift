/// Building a CANCEL for a pending request (RFC 3261 §9.1).
extension SIPRequest {
    /// CANCEL for this request (normally an INVITE whose client transaction has seen a provisional response): the
    /// same Request-URI, Call-ID, To, From and CSeq number with method CANCEL, one Via equal to the request's top Via
    /// (the UAS matches the CANCEL to the INVITE by its branch, §9.2), and the request's Route headers.
    public func makeCANCEL() -> SIPRequest {
        makeHopRequest(.cancel, to: headers[.to])
    }
}
