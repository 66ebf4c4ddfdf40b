/// A dialog as its UAS sees it (RFC 3261 §12.1.1 creation, §12.2.1.1 requests within it, §12.2.2 CSeq order).
import SIP

public struct Dialog: Sendable, Hashable {
    public let callID: String
    /// This side's tag (the To tag of the 2xx).
    public let localTag: String
    /// The peer's tag (the From tag of the INVITE).
    public let remoteTag: String
    /// This side's address as the peer wrote it (the INVITE's To, plus `localTag`).
    public let localParty: NameAddress
    /// The peer (the INVITE's From, or for this side's INVITE the 2xx's To).
    public let remoteParty: NameAddress
    /// Where requests in the dialog go: the peer's Contact, refreshed by target-refresh requests (§12.2.2).
    public private(set) var remoteTarget: SIPURI
    /// Record-Route of the INVITE, in order (§12.1.1: the UAS keeps them as they are).
    public let routeSet: [NameAddress]
    public private(set) var remoteSequence: UInt32
    public private(set) var localSequence: UInt32
    /// The flow the INVITE came over: requests of this side go back over it (the peer may be behind NAT).
    public let flow: SIPFlow

    /// The dialog a 2xx to `invite` creates (§12.1.1). An RFC 2543 INVITE without a From tag gets the empty tag
    /// (§12.2.2 treats a missing tag as null), and one without Contact is answered at its From address (RFC 4475
    /// §3.4.2: such a message must still be accepted). Throws when the headers themselves do not parse.
    public init(invite: SIPRequest, localTag: String, flow: SIPFlow, initialLocalSequence: UInt32 = 1)
        throws(SIPParseError) {
        guard let callID = invite.headers.callID else { throw .malformed("the INVITE has no Call-ID") }
        let from = try invite.headers.from()
        var to = try invite.headers.to()
        to.parameters.set("tag", localTag)
        let contacts = try invite.headers.contacts()
        if contacts.isWildcard { throw .malformed("an INVITE's Contact cannot be *") }
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = from.tag ?? ""
        self.localParty = to
        self.remoteParty = from
        self.remoteTarget = contacts.addresses.first?.uri ?? from.uri
        self.routeSet = try invite.headers.routes(.recordRoute)
        self.remoteSequence = try invite.headers.cseq().sequence
        self.localSequence = initialLocalSequence
        self.flow = flow
    }

    /// Whether `request` belongs to this dialog (§12.2.2: Call-ID, To tag = local, From tag = remote).
    public func matches(_ request: SIPRequest) -> Bool {
        request.headers.callID == callID
            && (try? request.headers.to().tag) == localTag
            && ((try? request.headers.from().tag) ?? "") == remoteTag
    }

    /// §12.2.2: a request with a CSeq lower than the last one is out of order (the caller answers 500); a higher
    /// one moves the remote sequence. ACK and CANCEL reuse their INVITE's number and are not checked here.
    public mutating func acceptRemoteSequence(of request: SIPRequest) -> Bool {
        guard let cseq = try? request.headers.cseq() else { return false }
        if cseq.sequence < remoteSequence { return false }
        if cseq.sequence == remoteSequence, cseq.method != .invite, cseq.method != .ack {
            // The same number for a different method would be a retransmission the transaction layer absorbed.
            return cseq.method == request.method
        }
        remoteSequence = cseq.sequence
        return true
    }

    /// A target-refresh request (re-INVITE, UPDATE) replaces the remote target with its Contact (§12.2.2).
    public mutating func refreshTarget(from request: SIPRequest) {
        if let contact = try? request.headers.contacts().addresses.first { remoteTarget = contact.uri }
    }

    /// A request within the dialog (§12.2.1.1): Request-URI and Route from the remote target and route set (loose
    /// routing, or §12.2.1.1's strict-routing form when the first route lacks `lr`), From/To/Call-ID from the dialog,
    /// the next local CSeq.
    public mutating func makeRequest(_ method: SIPMethod, via: Via, contact: NameAddress?,
                                     maxForwards: Int = 70) -> SIPRequest {
        localSequence &+= 1
        var uri = remoteTarget
        var routes = routeSet
        if let first = routes.first, !first.uri.parameters.contains("lr") {
            uri = first.uri
            uri.parameters.remove("method")
            routes.removeFirst()
            routes.append(NameAddress(uri: remoteTarget))
        }
        var headers = SIPHeaders()
        headers.append(.via, via.description)
        headers.append(.maxForwards, String(maxForwards))
        for route in routes { headers.append(.route, route.description) }
        headers.append(.from, localParty.description)
        headers.append(.to, remoteParty.description)
        headers.append(.callID, callID)
        headers.append(.cseq, "\(localSequence) \(method.rawValue)")
        if let contact { headers.append(.contact, contact.description) }
        return SIPRequest(method: method, uri: uri, headers: headers)
    }
}

extension Dialog {
    /// This side's dialog for an INVITE it sent, created by a 2xx (RFC 3261 §12.1.2): the route set is the 2xx's
    /// Record-Route in reverse, the remote target its Contact, the remote tag its To tag; the local sequence is the
    /// INVITE's. Before any 2xx (`response` nil) the remote tag is empty and the target is the Request-URI.
    public init(invite: SIPRequest, response: SIPResponse?, flow: SIPFlow) throws(SIPParseError) {
        guard let callID = invite.headers.callID else { throw .malformed("the INVITE has no Call-ID") }
        let from = try invite.headers.from()
        guard let localTag = from.tag else { throw .malformed("this side's INVITE has no From tag") }
        self.callID = callID
        self.localTag = localTag
        self.localParty = from
        self.flow = flow
        self.localSequence = try invite.headers.cseq().sequence
        self.remoteSequence = 0
        if let response {
            let to = try response.headers.to()
            self.remoteParty = to
            self.remoteTag = to.tag ?? ""
            self.remoteTarget = try response.headers.contacts().addresses.first?.uri ?? invite.uri
            self.routeSet = try response.headers.routes(.recordRoute).reversed()
        } else {
            self.remoteParty = try invite.headers.to()
            self.remoteTag = ""
            self.remoteTarget = invite.uri
            self.routeSet = []
        }
    }

    /// The ACK for a 2xx to this side's INVITE (§13.2.2.4): a request of the dialog with the INVITE's CSeq number.
    public func makeACK(via: Via) -> SIPRequest {
        var copy = self
        copy.localSequence = localSequence &- 1
        var ack = copy.makeRequest(.ack, via: via, contact: nil)
        ack.headers.append(.contentLength, "0")
        return ack
    }
}
