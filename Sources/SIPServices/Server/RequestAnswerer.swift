/// The transaction user for requests that reach this server (RFC 3261 §8.2 UAS behaviour, §10.3 registrar, §11
/// OPTIONS): inspects each new request in the RFC's order and decides the final response.
///
/// Order (RFC 3261 §8.2 and RFC 4475 §3.1.2.17–18): method (501), CSeq method mismatch (400), Request-URI scheme (416),
/// Require (420), domain (483 when it would have to be forwarded with Max-Forwards 0, else 404), method allowed (405),
/// then the method's own processing.
import Foundation
import SIP

public struct RequestAnswerer: Sendable {
    public var domain: LocalDomain
    public var capabilities: ServerCapabilities
    public var registrar: Registrar
    public var authenticator: DigestAuthenticator

    /// A decision: the response, and bindings to persist when a REGISTER changed them; or, for an INVITE that
    /// passed every check, no response but what its credentials proved, for the call router to decide on.
    public struct Decision: Sendable {
        public var response: SIPResponse?
        public var changedBindings: (aor: String, bindings: [StoredBinding])?
        public var callCredentials: CallerCredentials?
    }

    public init(domain: LocalDomain, capabilities: ServerCapabilities = .init(), registrar: Registrar,
                authenticator: DigestAuthenticator) {
        self.domain = domain
        self.capabilities = capabilities
        self.registrar = registrar
        self.authenticator = authenticator
    }

    /// Answers a new request (not ACK, not CANCEL: those belong to the transaction layer and dialogs).
    public mutating func answer(_ request: SIPRequest, flow: SIPFlow, now: SIPInstant, wallClock: Date,
                                toTag: String) -> Decision {
        let agent = capabilities.agent
        func reply(_ code: Int, _ reason: String? = nil, warning: String? = nil,
                   extra: [(SIPHeaderName, String)] = []) -> Decision {
            var response = request.makeResponse(code, reason: reason, toTag: toTag)
            for (name, value) in extra { response.headers.append(name, value) }
            if let warning { response.headers.append(.warning, "399 \(agent.lowercased()) \"\(warning)\"") }
            response.headers.append(.server, agent)
            response.headers.append(.contentLength, "0")
            return Decision(response: response, changedBindings: nil, callCredentials: nil)
        }

        guard SIPMethod.known.contains(request.method) else {
            return reply(501, warning: "method \(request.method) is not implemented", extra: [(.allow, capabilities.allowHeader)])
        }
        guard let cseq = try? request.headers.cseq(), cseq.method == request.method else {
            return reply(400, warning: "CSeq method does not match the request method")
        }
        guard request.uri.isSIP else {
            return reply(416, warning: "URI scheme \(request.uri.scheme): is not supported")
        }
        let isLocal = domain.contains(request.uri.host)
        var unsupported = capabilities.unsupported(request.headers.optionTags(.require))
        if !isLocal { unsupported += capabilities.unsupported(request.headers.optionTags(.proxyRequire)) }
        if !unsupported.isEmpty {
            return reply(420, extra: [(.unsupported, unsupported.joined(separator: ", "))])
        }
        guard isLocal else {
            if (try? request.headers.maxForwards()) == 0 { return reply(483) }
            return reply(404, warning: "this server is not responsible for \(request.uri.host)")
        }
        guard capabilities.allowed.contains(request.method) else {
            return reply(405, extra: [(.allow, capabilities.allowHeader)])
        }

        switch request.method {
        case .options:
            return reply(200, extra: [
                (.allow, capabilities.allowHeader),
                (.accept, capabilities.accept.joined(separator: ", ")),
                (.acceptEncoding, "identity"),
                (.acceptLanguage, "en"),
                (.supported, capabilities.supported.joined(separator: ", ")),
            ])
        case .register:
            return register(request, flow: flow, now: now, wallClock: wallClock, toTag: toTag, reply: reply)
        case .invite:
            if let type = request.headers[.contentType], !request.body.isEmpty,
               !capabilities.accept.contains(where: { type.lowercased().hasPrefix($0) }) {
                return reply(415, extra: [(.accept, capabilities.accept.joined(separator: ", "))])
            }
            let accepts = request.headers.values(.accept).flatMap(SIPHeaders.splitList)
            if !accepts.isEmpty, !accepts.contains(where: { a in
                let t = a.lowercased()
                return t.hasPrefix("application/sdp") || t.hasPrefix("application/*") || t.hasPrefix("*/*")
            }) {
                return reply(406, warning: "this server answers with application/sdp only")
            }
            // A new call: the router (rooms, users) decides, knowing what the credentials proved.
            return Decision(response: nil, changedBindings: nil, callCredentials: inviteCredentials(request, now: now))
        case .bye, .info, .update, .prack:
            // Outside any dialog of this server (§12.2.2).
            return reply(481)
        default:
            return reply(405, extra: [(.allow, capabilities.allowHeader)])
        }
    }

    /// RFC 3261 §10.3 steps 1–5 here, 6–8 in `Registrar`.
    private mutating func register(
        _ request: SIPRequest, flow: SIPFlow, now: SIPInstant, wallClock: Date, toTag: String,
        reply: (Int, String?, String?, [(SIPHeaderName, String)]) -> Decision
    ) -> Decision {
        guard let to = try? request.headers.to(), to.uri.isSIP else {
            return reply(400, nil, "To must be a SIP or SIPS address of record", [])
        }
        guard domain.contains(to.uri.host), let user = to.uri.decodedUser, !user.isEmpty else {
            return reply(404, nil, "\(to.uri.addressOfRecord) is not an address of record of this server", [])
        }
        let outcome = authenticator.authenticate(
            method: request.method.rawValue, requestURI: request.uri.description,
            authorizationValues: request.headers.values(.authorization), now: now)
        switch outcome {
        case .challenge(let stale, _):
            let challenges = authenticator.challenges(now: now, stale: stale)
            return reply(401, nil, nil, challenges.map { (.wwwAuthenticate, $0) })
        case .forbidden(let reason):
            return reply(403, nil, reason, [])
        case .authenticated(let username):
            // §10.3 step 4: the authenticated user may only change its own bindings.
            guard username == user else {
                return reply(403, nil, "\(username) may not register \(user)", [])
            }
        }
        let result = registrar.register(request, aor: domain.addressOfRecord(user: user), flow: flow,
                                        now: wallClock, toTag: toTag)
        var response = result.response
        response.headers.append(.server, capabilities.agent)
        return Decision(response: response, changedBindings: result.changed, callCredentials: nil)
    }

    /// Checks an INVITE's Authorization, if it has one; the INVITE is never challenged here (rooms open to all or
    /// entered by PIN need none).
    private mutating func inviteCredentials(_ request: SIPRequest, now: SIPInstant) -> CallerCredentials {
        let values = request.headers.values(.authorization)
        guard !values.isEmpty else { return CallerCredentials() }
        switch authenticator.authenticate(method: request.method.rawValue, requestURI: request.uri.description,
                                          authorizationValues: values, now: now) {
        case .authenticated(let user): return CallerCredentials(authenticatedUser: user)
        case .challenge(let stale, _): return CallerCredentials(stale: stale)
        case .forbidden(let reason): return CallerCredentials(failure: reason)
        }
    }
}
