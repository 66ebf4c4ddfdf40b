/// Transaction identity for matching messages to transactions (RFC 3261 §17.1.3 client side, §17.2.3 server side).
public enum TransactionKey: Hashable, Sendable, CustomStringConvertible {
    /// §17.1.3: a response matches the client transaction whose request had the same top Via branch and whose
    /// CSeq method is the response's.
    case client(branch: String, method: SIPMethod)
    /// §17.2.3: a request whose top Via branch carries the magic cookie matches by branch, sent-by and method,
    /// an ACK counting as the INVITE it acknowledges.
    case server(branch: String, sentBy: String, method: SIPMethod)
    /// §17.2.3, second half: the RFC 2543 rules for requests without a cookie branch.
    case rfc2543(RFC2543TransactionKey)

    /// Which of the four state machines owns transactions with this key.
    enum Kind { case clientInvite, clientNonInvite, serverInvite, serverNonInvite }

    var kind: Kind {
        switch self {
        case .client(_, let method): return method == .invite ? .clientInvite : .clientNonInvite
        case .server(_, _, let method): return method == .invite ? .serverInvite : .serverNonInvite
        case .rfc2543(let key): return key.method == .invite ? .serverInvite : .serverNonInvite
        }
    }

    public var description: String {
        switch self {
        case .client(let branch, let method): return "client \(method) \(branch)"
        case .server(let branch, let sentBy, let method): return "server \(method) \(branch) from \(sentBy)"
        case .rfc2543(let key): return "server \(key.method) (RFC 2543) \(key.callID) \(key.sequence)"
        }
    }
}

/// The fields RFC 3261 §17.2.3 compares when the branch lacks the magic cookie: Request-URI, To tag, From tag,
/// Call-ID, CSeq and the top Via. The method is the request's, an ACK and a CANCEL's target counting as INVITE.
public struct RFC2543TransactionKey: Hashable, Sendable {
    public var requestURI: String
    public var toTag: String?
    public var fromTag: String?
    public var callID: String
    public var sequence: UInt32
    public var method: SIPMethod
    /// The top Via as re-serialized after parsing, so spacing and case of the transport do not matter.
    public var topVia: String
}

extension TransactionKey {
    /// The client transaction a request from the TU creates (§17.1.3). The branch must be an RFC 3261 one: this
    /// implementation always generates those, and a client key without it could not be matched reliably.
    public init(clientRequest request: SIPRequest) throws(TransactionError) {
        let via = try Self.topVia(request.headers)
        guard via.hasRFC3261Branch, let branch = via.branch else { throw .missingBranch }
        self = .client(branch: branch, method: request.method)
    }

    /// The client transaction a response belongs to (§17.1.3): top Via branch and CSeq method.
    public init(response: SIPResponse) throws(TransactionError) {
        let via = try Self.topVia(response.headers)
        guard let branch = via.branch, !branch.isEmpty else { throw .malformed("response Via has no branch") }
        let cseq: CSeq
        do { cseq = try response.headers.cseq() } catch { throw .malformed(error.description) }
        self = .client(branch: branch, method: cseq.method)
    }

    /// The server transaction a request belongs to (§17.2.3); an ACK maps to its INVITE's transaction.
    public init(serverRequest request: SIPRequest) throws(TransactionError) {
        self = try Self.server(request, method: request.method == .ack ? .invite : request.method,
                               toTag: Self.toTag(request))
    }

    /// The server key of the response's request, for reporting a failed send (§17.2.4). Only RFC 3261 branches can
    /// be recovered from a response, since the RFC 2543 key needs the Request-URI.
    init(serverResponse response: SIPResponse) throws(TransactionError) {
        let via = try Self.topVia(response.headers)
        guard via.hasRFC3261Branch, let branch = via.branch else { throw .missingBranch }
        let cseq: CSeq
        do { cseq = try response.headers.cseq() } catch { throw .malformed(error.description) }
        self = .server(branch: branch, sentBy: Self.normalizedSentBy(via), method: cseq.method)
    }

    /// Keys an INVITE server transaction may have when `request` (an ACK or a CANCEL) refers to it, most specific
    /// first. With a cookie branch there is one. Under RFC 2543 the To tag differs: an ACK carries the tag of the
    /// response while the initial INVITE had none, and §9.2 leaves the To tag out of CANCEL matching; so the
    /// untagged key is tried too.
    static func inviteCandidates(for request: SIPRequest) throws(TransactionError) -> [TransactionKey] {
        let tag = toTag(request)
        let tagged = try server(request, method: .invite, toTag: tag)
        guard case .rfc2543 = tagged, tag != nil else { return [tagged] }
        return [tagged, try server(request, method: .invite, toTag: nil)]
    }

    private static func server(_ request: SIPRequest, method: SIPMethod, toTag: String?) throws(TransactionError)
        -> TransactionKey {
        let via = try topVia(request.headers)
        if via.hasRFC3261Branch, let branch = via.branch {
            return .server(branch: branch, sentBy: normalizedSentBy(via), method: method)
        }
        guard let callID = request.headers.callID else { throw .malformed("missing Call-ID") }
        let sequence: UInt32
        let fromTag: String?
        do {
            sequence = try request.headers.cseq().sequence
            fromTag = try request.headers.from().tag
        } catch {
            throw .malformed(error.description)
        }
        return .rfc2543(RFC2543TransactionKey(
            requestURI: request.uri.description, toTag: toTag, fromTag: fromTag, callID: callID,
            sequence: sequence, method: method, topVia: via.description))
    }

    static func toTag(_ request: SIPRequest) -> String? { (try? request.headers.to())?.tag }

    private static func topVia(_ headers: SIPHeaders) throws(TransactionError) -> Via {
        do { return try headers.topVia() } catch { throw .malformed(error.description) }
    }

    /// sent-by compared with the host case-insensitively (hosts are, §19.1.4) and the port as written.
    private static func normalizedSentBy(_ via: Via) -> String {
        let host = via.host.lowercased()
        return via.port.map { "\(host):\($0)" } ?? host
    }
}
