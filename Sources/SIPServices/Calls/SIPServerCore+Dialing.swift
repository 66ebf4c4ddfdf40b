/// Calls this server places (dial-out, RFC 3261 §13.2 UAC INVITE processing): the INVITE to a registered site's
/// contact or a direct URI, provisional and final responses, the ACK of the 2xx (§13.2.2.4), CANCEL before the
/// answer (§9.1), and afterwards the same dialog handling as for calls it answered.
import Foundation
import SIP

/// What the router asks for when it places a call.
public struct DialRequest: Sendable {
    /// The site: an address-of-record of this domain (its registered contact is called) or a direct SIP URI with an
    /// IP address.
    public var target: SIPURI
    /// Who calls: usually the room (`"City-wide room" <sip:8000@huiyi.local>`).
    public var from: NameAddress
    /// This server's host for Via and Contact as the site should reach it.
    public var localHost: String
    /// The SDP offer.
    public var sdp: [UInt8]

    public init(target: SIPURI, from: NameAddress, localHost: String, sdp: [UInt8]) {
        self.target = target
        self.from = from
        self.localHost = localHost
        self.sdp = sdp
    }
}

/// Why a call could not be placed at all.
public enum DialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target is a local address-of-record with no current registration.
    case notRegistered(String)
    /// The target names a host this server cannot reach without DNS.
    case unresolvable(String)

    public var description: String {
        switch self {
        case .notRegistered(let aor): "\(aor) is not registered"
        case .unresolvable(let uri): "cannot reach \(uri): use a registered site or an IP address"
        }
    }
}

extension SIPServerCore {
    /// Places a call; its progress comes back as `progress`, `answered` or `failed`, then `ended`.
    public mutating func dial(_ request: DialRequest, now: SIPInstant,
                              wallClock: Date) -> Result<(CallHandle, [Action]), DialError> {
        let (requestURI, flow): (SIPURI, SIPFlow)
        switch resolve(request.target, wallClock: wallClock) {
        case .success(let route): (requestURI, flow) = route
        case .failure(let error): return .failure(error)
        }
        let localTag = tags.next()
        let callID = tags.next() + tags.next() + "@" + request.localHost
        let port = localAddresses[flow.transport]?.port ?? 5060
        let hostPort = (request.localHost.contains(":") ? "[\(request.localHost)]" : request.localHost) + ":\(port)"
        var from = request.from
        from.parameters.set("tag", localTag)
        var contactURI = SIPURI(scheme: "sip", user: request.from.uri.user, host: Self.uriHost(request.localHost),
                                port: port)
        contactURI.parameters.set("transport", flow.transport.rawValue.lowercased())
        var via = Via(transport: flow.transport.rawValue, host: Self.uriHost(request.localHost), port: port,
                      branch: "z9hG4bK" + tags.next() + tags.next())
        via.parameters.set("rport", nil)
        var headers = SIPHeaders()
        headers.append(.via, via.description)
        headers.append(.maxForwards, "70")
        headers.append(.from, from.description)
        headers.append(.to, NameAddress(uri: request.target).description)
        headers.append(.callID, callID)
        headers.append(.cseq, "1 INVITE")
        headers.append(.contact, NameAddress(uri: contactURI).description)
        headers.append(.allow, answerer.capabilities.allowHeader)
        headers.append(.supported, answerer.capabilities.supported.joined(separator: ", "))
        headers.append(.userAgent, answerer.capabilities.agent)
        headers.append(.contentType, "application/sdp")
        headers.append(.contentLength, String(request.sdp.count))
        let invite = SIPRequest(method: .invite, uri: requestURI, headers: headers, body: request.sdp)
        guard let dialog = try? Dialog(invite: invite, response: nil, flow: flow),
              let sent = startClientTransaction(invite, to: flow, now: now) else {
            return .failure(.unresolvable(request.target.description))
        }
        let handle = CallHandle(callID: callID, localTag: localTag)
        var session = CallSession(handle: handle, dialog: dialog, localHostPort: hostPort,
                                  dialledUser: request.from.uri.user)
        session.outgoing = .init(transaction: sent.id, invite: invite)
        session.inviteTransaction = sent.id
        calls[handle] = session
        callsByClientInvite[sent.id] = handle
        return .success((handle, sent.actions))
    }

    /// A response to this side's INVITE (from the transaction layer).
    mutating func receiveDialResponse(_ response: SIPResponse, transaction: ClientTransactionID,
                                      now: SIPInstant) -> [Action] {
        guard let handle = callsByClientInvite[transaction], var session = calls[handle] else { return [] }
        if response.isSuccess, let ack = session.ackForAnswer {
            // §13.2.2.4: a retransmitted 2xx gets the same ACK again.
            return [.send(ack.serialized(), to: session.dialog.flow)]
        }
        guard var outgoing = session.outgoing else { return [] }
        if response.isProvisional {
            guard response.statusCode > 100 else { return [] }
            var out: [Action] = []
            if !outgoing.provisional {
                outgoing.provisional = true
                if outgoing.cancelReason != nil {
                    out += sendRequest(outgoing.invite.makeCANCEL(), to: session.dialog.flow, now: now)
                }
            }
            session.outgoing = outgoing
            calls[handle] = session
            return out + (outgoing.cancelReason == nil ? [.call(.progress(handle, status: response.statusCode))] : [])
        }
        if response.isSuccess {
            guard let dialog = try? Dialog(invite: outgoing.invite, response: response, flow: session.dialog.flow)
            else { return [] }
            session.dialog = dialog
            let ack = dialog.makeACK(via: newVia(session))
            session.ackForAnswer = ack
            session.answered = true
            session.outgoing = nil
            var out: [Action] = [.send(ack.serialized(), to: dialog.flow)]
            if let reason = outgoing.cancelReason {
                // The answer crossed this side's CANCEL: the call exists, so end it with a BYE (§15).
                out += sendBYE(&session, reason: reason, now: now)
                return out
            }
            calls[handle] = session
            return out + [.call(.answered(handle, response))]
        }
        // A final failure: the transaction has sent its ACK (§17.1.1.3); no dialog.
        forget(handle)
        if outgoing.cancelReason != nil { return [] }
        return [.call(.failed(handle, status: response.statusCode, reason: response.reasonPhrase))]
    }

    /// Timer B or a transport failure on this side's INVITE.
    mutating func dialTransactionFailed(_ transaction: ClientTransactionID, timedOut: Bool) -> [Action] {
        guard let handle = callsByClientInvite[transaction], let session = calls[handle],
              !session.answered else { return [] }
        let cancelled = session.outgoing?.cancelReason != nil
        forget(handle)
        if cancelled { return [] }
        return [.call(.failed(handle, status: timedOut ? 408 : 503,
                              reason: timedOut ? "no response from the site" : "the site could not be reached"))]
    }

    /// `hangUp` of this side's call before the answer: CANCEL now or once a provisional response allows it.
    mutating func cancelDial(_ handle: CallHandle, reason: String, now: SIPInstant) -> [Action] {
        guard var session = calls[handle], var outgoing = session.outgoing else { return [] }
        guard outgoing.cancelReason == nil else { return [] }
        outgoing.cancelReason = reason
        session.outgoing = outgoing
        calls[handle] = session
        var out: [Action] = []
        if outgoing.provisional { out += sendRequest(outgoing.invite.makeCANCEL(), to: session.dialog.flow, now: now) }
        return out + [.call(.ended(handle, .localHangUp(reason)))]
    }

    /// Where a call to `target` goes: a local AOR's most recent binding (its contact as Request-URI, sent over the
    /// flow it registered from, for NAT), else the URI itself when its host is an IP address.
    public func resolve(_ target: SIPURI, wallClock: Date) -> Result<(SIPURI, SIPFlow), DialError> {
        if answerer.domain.contains(target.host), target.decodedUser != nil {
            let aor = answerer.domain.addressOfRecord(user: target.decodedUser ?? "")
            let bindings = answerer.registrar.lookup(aor, now: wallClock).sorted { $0.updatedAt > $1.updatedAt }
            for binding in bindings {
                guard let contact = try? NameAddress(parsing: binding.contact) else { continue }
                if let text = binding.flow, let flow = SIPFlow(parsing: text) { return .success((contact.uri, flow)) }
                if let flow = Self.directFlow(contact.uri) { return .success((contact.uri, flow)) }
            }
            if target.port == nil, !ConfigurationIP.isLiteral(target.host) { return .failure(.notRegistered(aor)) }
        }
        guard let flow = Self.directFlow(target) else { return .failure(.unresolvable(target.description)) }
        return .success((target, flow))
    }

    private static func directFlow(_ uri: SIPURI) -> SIPFlow? {
        var host = uri.host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard ConfigurationIP.isLiteral(host) else { return nil }
        let transport = uri.parameters["transport"].flatMap { $0 }.flatMap { SIPTransportKind(token: $0) }
            ?? (uri.scheme == "sips" ? .tls : .udp)
        return SIPFlow(transport: transport, remoteHost: host, remotePort: uri.port ?? (transport == .tls ? 5061 : 5060))
    }

    static func uriHost(_ host: String) -> String { host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host }
}

/// IP literal checks without the C resolver: dotted quads and colon-hex IPv6 forms.
enum ConfigurationIP {
    static func isLiteral(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ Int($0).map { (0...255).contains($0) } ?? false }) { return true }
        return host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
