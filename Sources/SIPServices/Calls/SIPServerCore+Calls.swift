/// The INVITE transaction user of `SIPServerCore`: dialogs created by 2xx (RFC 3261 §12.1.1, §13.3.1.4), requests
/// within them (§12.2.2, §14.2 re-INVITE, §15 BYE, RFC 3311 UPDATE, RFC 6086 INFO), session timers (RFC 4028) and
/// this side's BYE. The router sees `CallEvent`s and answers with `answerCall`; it never touches a dialog.
import Foundation
import SIP

/// A queue entry: which call, and the deadline generation it was pushed for.
struct CallTimerKey: Sendable {
    var handle: CallHandle
    var generation: UInt64
}

extension SIPServerCore {
    // MARK: - Router API

    /// The router's answer to the pending offer of `handle` (the first INVITE, a re-INVITE or an UPDATE).
    public mutating func answerCall(_ handle: CallHandle, _ answer: CallAnswer, now: SIPInstant) -> [Action] {
        guard var session = calls[handle], let offer = session.pendingOffer else { return [] }
        session.pendingOffer = nil
        var out: [Action] = []
        switch answer {
        case .accept(let sdp):
            var response = offer.request.makeResponse(200, toTag: handle.localTag)
            // §12.1.1: the UAS copies Record-Route into its 2xx.
            for route in offer.request.headers.values(.recordRoute) { response.headers.append(.recordRoute, route) }
            response.headers.append(.contact, session.localContact.description)
            response.headers.append(.allow, answerer.capabilities.allowHeader)
            response.headers.append(.supported, answerer.capabilities.supported.joined(separator: ", "))
            applySessionTimer(to: &response, for: offer.request, session: &session, now: now)
            response.headers.append(.server, answerer.capabilities.agent)
            response.headers.append(.contentType, "application/sdp")
            response.headers.append(.contentLength, String(sdp.count))
            response.body = sdp
            if offer.request.method == .invite {
                let timers = transactions.configuration.timers
                session.awaitedACK = .init(
                    transaction: offer.transaction, response: response,
                    cseq: (try? offer.request.headers.cseq().sequence) ?? 0, isInitial: offer.isInitial,
                    interval: timers.t1,
                    retransmitAt: session.dialog.flow.transport.isReliable ? nil : now + timers.t1,
                    giveUpAt: now + timers.transactionTimeout)
            }
            if offer.isInitial {
                session.answered = true
                callsByInvite[offer.transaction] = nil
            }
            out += respond(response, to: offer.transaction, now: now)
        case let .reject(status, reason, warning, code):
            var response = offer.request.makeResponse(status, reason: reason, toTag: handle.localTag)
            if let warning { response.headers.append(.warning, warningValue(warning, code: code)) }
            if status == 422 { response.headers.append(.minSE, String(sessionTimerPolicy.minimumSeconds)) }
            response.headers.append(.server, answerer.capabilities.agent)
            response.headers.append(.contentLength, "0")
            out += respond(response, to: offer.transaction, now: now)
            if offer.isInitial {
                // A refused first INVITE creates no dialog.
                forget(handle)
                return out
            }
        case .challenge:
            var response = offer.request.makeResponse(401, toTag: handle.localTag)
            for challenge in answerer.authenticator.challenges(now: now, stale: session.staleCredentials) {
                response.headers.append(.wwwAuthenticate, challenge)
            }
            response.headers.append(.server, answerer.capabilities.agent)
            response.headers.append(.contentLength, "0")
            out += respond(response, to: offer.transaction, now: now)
            if offer.isInitial {
                forget(handle)
                return out
            }
        }
        calls[handle] = session
        scheduleCallTimer(handle)
        return out
    }

    /// Ends a call from this side: a final error before the answer, else a BYE (after the ACK if it is still due,
    /// §15). The router then gets `ended(.localHangUp(reason))`.
    public mutating func hangUp(_ handle: CallHandle, reason: String, now: SIPInstant) -> [Action] {
        guard var session = calls[handle] else { return [] }
        if !session.answered, session.outgoing != nil { return cancelDial(handle, reason: reason, now: now) }
        if !session.answered {
            if session.pendingOffer != nil {
                let out = answerCall(handle, .reject(status: 480, warning: reason), now: now)
                return out + [.call(.ended(handle, .localHangUp(reason)))]
            }
            return []
        }
        if let awaited = session.awaitedACK, awaited.isInitial {
            session.byeAfterACK = reason
            calls[handle] = session
            return []
        }
        return sendBYE(&session, reason: reason, now: now) + [.call(.ended(handle, .localHangUp(reason)))]
    }

    /// Live calls (dialogs and unanswered INVITEs).
    public var callCount: Int { calls.count }

    // MARK: - From the transaction layer

    /// A new INVITE that passed the §8.2 checks: a call for the router to answer.
    mutating func offerCall(_ request: SIPRequest, id: ServerTransactionID, flow: SIPFlow,
                            credentials: CallerCredentials, now: SIPInstant) -> [Action] {
        let localTag = tags.next()
        let handle = CallHandle(callID: request.headers.callID ?? "", localTag: localTag)
        let dialog: Dialog
        do {
            dialog = try Dialog(invite: request, localTag: localTag, flow: flow)
        } catch {
            var response = request.makeResponse(400, toTag: localTag)
            response.headers.append(.warning, warningValue(error.description))
            response.headers.append(.contentLength, "0")
            return respond(response, to: id, now: now)
        }
        if case .tooSmall(let minimum) = sessionTimerPolicy.decide(for: request) {
            var response = request.makeResponse(422, toTag: localTag)
            response.headers.append(.minSE, String(minimum))
            response.headers.append(.contentLength, "0")
            return respond(response, to: id, now: now)
        }
        var session = CallSession(handle: handle, dialog: dialog, localHostPort: localHostPort(for: flow, request),
                                  dialledUser: request.uri.user)
        session.pendingOffer = .init(transaction: id, request: request, isInitial: true)
        session.staleCredentials = credentials.stale
        calls[handle] = session
        callsByInvite[id] = handle
        return [.call(.offered(IncomingCall(handle: handle, request: request, flow: flow, credentials: credentials)))]
    }

    /// A request carrying a To tag: within one of this server's dialogs, or answered 481 (§12.2.2). Returns nil
    /// when no dialog matches and the method is not one that needs a dialog (the answerer then deals with it).
    mutating func receiveInDialog(_ request: SIPRequest, id: ServerTransactionID, now: SIPInstant) -> [Action]? {
        guard let toTag = try? request.headers.to().tag else { return nil }
        let handle = CallHandle(callID: request.headers.callID ?? "", localTag: toTag)
        guard var session = calls[handle], session.dialog.matches(request), session.answered else {
            let needsDialog: Set<SIPMethod> = [.invite, .bye, .info, .update, .prack]
            guard needsDialog.contains(request.method) else { return nil }
            return reply(request, 481, id: id, now: now)
        }
        guard session.dialog.acceptRemoteSequence(of: request) else {
            return reply(request, 500, warning: "CSeq is lower than an earlier request of this dialog", id: id, now: now)
        }
        calls[handle] = session
        switch request.method {
        case .bye:
            forget(handle)
            return reply(request, 200, id: id, now: now) + [.call(.ended(handle, .remoteHangUp))]
        case .invite, .update:
            if request.method == .update, request.body.isEmpty {
                // A refresh without an offer (RFC 3311 §5.2, RFC 4028 §10): nothing for the router.
                var response = request.makeResponse(200, toTag: handle.localTag)
                applySessionTimer(to: &response, for: request, session: &session, now: now)
                response.headers.append(.contact, session.localContact.description)
                response.headers.append(.contentLength, "0")
                calls[handle] = session
                scheduleCallTimer(handle)
                return respond(response, to: id, now: now)
            }
            if session.pendingOffer != nil || session.awaitedACK != nil {
                // §14.2: one offer at a time; the peer retries after a random pause.
                var response = request.makeResponse(request.method == .invite ? 500 : 491, toTag: handle.localTag)
                response.headers.append(.retryAfter, String(tags.next(in: 0...10)))
                response.headers.append(.contentLength, "0")
                return respond(response, to: id, now: now)
            }
            if case .tooSmall = sessionTimerPolicy.decide(for: request) {
                return reply(request, 422, id: id, now: now, extra: [(.minSE, String(sessionTimerPolicy.minimumSeconds))])
            }
            session.dialog.refreshTarget(from: request)
            session.pendingOffer = .init(transaction: id, request: request, isInitial: false)
            calls[handle] = session
            return [.call(.reoffered(handle, request))]
        case .info:
            let type = request.headers[.contentType] ?? ""
            return reply(request, 200, id: id, now: now) + [.call(.info(handle, contentType: type, body: request.body))]
        case .options:
            return reply(request, 200, id: id, now: now, extra: [
                (.allow, answerer.capabilities.allowHeader),
                (.accept, answerer.capabilities.accept.joined(separator: ", ")),
                (.supported, answerer.capabilities.supported.joined(separator: ", ")),
            ])
        default:
            return reply(request, 405, id: id, now: now, extra: [(.allow, answerer.capabilities.allowHeader)])
        }
    }

    /// The ACK of a 2xx (§13.3.1.4): ends its retransmissions; the first one confirms the call.
    mutating func receiveCallACK(_ ack: SIPRequest, now: SIPInstant) -> [Action] {
        guard let toTag = try? ack.headers.to().tag else { return [] }
        let handle = CallHandle(callID: ack.headers.callID ?? "", localTag: toTag)
        guard var session = calls[handle], let awaited = session.awaitedACK,
              (try? ack.headers.cseq().sequence) == awaited.cseq else { return [] }
        session.awaitedACK = nil
        var out: [Action] = awaited.isInitial ? [.call(.confirmed(handle, ack))] : []
        if let reason = session.byeAfterACK {
            out += sendBYE(&session, reason: reason, now: now) + [.call(.ended(handle, .localHangUp(reason)))]
            return out
        }
        calls[handle] = session
        scheduleCallTimer(handle)
        return out
    }

    /// CANCEL matched an unanswered INVITE: the call is gone (the 487 was sent by the caller of this).
    mutating func cancelCall(invite id: ServerTransactionID) -> [Action] {
        guard let handle = callsByInvite[id], let session = calls[handle], !session.answered else { return [] }
        forget(handle)
        return [.call(.ended(handle, .cancelled))]
    }

    /// Call timers due at `now`: 2xx retransmissions, the ACK wait, session refresh and expiry.
    mutating func advanceCalls(now: SIPInstant) -> [Action] {
        var out: [Action] = []
        while let entry = callTimers.popDue(now) {
            let handle = entry.key.handle
            guard var session = calls[handle], session.timerGeneration == entry.key.generation else { continue }
            if var awaited = session.awaitedACK {
                if awaited.giveUpAt <= now {
                    // §13.3.1.4: no ACK after 64·T1 — the session SHOULD be terminated with a BYE.
                    session.awaitedACK = nil
                    let reason = session.byeAfterACK
                    out += sendBYE(&session, reason: reason ?? "no ACK for the 200 OK", now: now)
                    out.append(.call(.ended(handle, reason.map { .localHangUp($0) } ?? .ackTimeout)))
                    continue
                }
                if let at = awaited.retransmitAt, at <= now {
                    awaited.interval = min(awaited.interval * 2, transactions.configuration.timers.t2)
                    awaited.retransmitAt = now + awaited.interval
                    session.awaitedACK = awaited
                    out += respond(awaited.response, to: awaited.transaction, now: now)
                }
            }
            if let expireAt = session.expireAt, expireAt <= now {
                out += sendBYE(&session, reason: "session timer expired", now: now)
                out.append(.call(.ended(handle, .sessionExpired)))
                continue
            }
            if let refreshAt = session.refreshAt, refreshAt <= now, let expires = session.sessionExpires {
                // RFC 4028 §10: this side refreshes with an UPDATE (no body), then keeps the same schedule.
                session.refreshAt = now + SessionTimerPolicy.refreshDelay(expires)
                var update = session.dialog.makeRequest(.update, via: newVia(session), contact: session.localContact)
                update.headers.append(.sessionExpires, "\(expires.seconds);refresher=uas")
                update.headers.append(.supported, "timer")
                update.headers.append(.contentLength, "0")
                calls[handle] = session
                if let sent = startClientTransaction(update, to: session.dialog.flow, now: now) {
                    refreshTransactions[sent.id] = handle
                    out += sent.actions
                }
            }
            calls[handle] = session
            scheduleCallTimer(handle)
        }
        return out
    }

    /// RFC 4028 §10: this side's refresh failed with 481 or 408, or timed out — the session is over: BYE.
    mutating func refreshFailed(_ transaction: ClientTransactionID, status: Int?, now: SIPInstant) -> [Action] {
        guard let handle = refreshTransactions.removeValue(forKey: transaction) else { return [] }
        guard status == nil || status == 481 || status == 408, var session = calls[handle] else { return [] }
        return sendBYE(&session, reason: "session refresh failed", now: now) + [.call(.ended(handle, .sessionExpired))]
    }

    // MARK: - Helpers

    mutating func sendBYE(_ session: inout CallSession, reason: String, now: SIPInstant) -> [Action] {
        var bye = session.dialog.makeRequest(.bye, via: newVia(session), contact: nil)
        bye.headers.append(.reason, "Q.850;cause=16;text=\"\(reason.replacingOccurrences(of: "\"", with: "'"))\"")
        bye.headers.append(.contentLength, "0")
        forget(session.handle)
        return sendRequest(bye, to: session.dialog.flow, now: now)
    }

    mutating func sendRequest(_ request: SIPRequest, to flow: SIPFlow, now: SIPInstant) -> [Action] {
        startClientTransaction(request, to: flow, now: now)?.actions ?? []
    }

    /// Starts a client transaction for this side's `request`: its id and the sends, or nil when the transaction
    /// layer refuses it (overloaded, or a duplicate).
    mutating func startClientTransaction(_ request: SIPRequest, to flow: SIPFlow,
                                         now: SIPInstant) -> (id: ClientTransactionID, actions: [Action])? {
        guard let sent = try? transactions.send(request: request, to: flow, now: now) else { return nil }
        var out: [Action] = []
        for case let .send(message, target) in sent.actions { out.append(.send(message.serialized(), to: target)) }
        return (sent.id, out)
    }

    mutating func newVia(_ session: CallSession) -> Via {
        let (host, port) = CallSession.split(session.localHostPort)
        return Via(transport: session.dialog.flow.transport.rawValue, host: host, port: port,
                   branch: "z9hG4bK" + tags.next() + tags.next())
    }

    /// RFC 4028 §9: Session-Expires (and Require: timer) in a 2xx, and the deadlines that follow from it.
    private func applySessionTimer(to response: inout SIPResponse, for request: SIPRequest,
                                   session: inout CallSession, now: SIPInstant) {
        guard case let .use(expires, requireInResponse) = sessionTimerPolicy.decide(for: request) else {
            if request.method == .invite, request.headers[.sessionExpires] == nil {
                session.sessionExpires = nil
                session.refreshAt = nil
                session.expireAt = nil
            }
            return
        }
        response.headers.append(.sessionExpires, expires.description)
        if requireInResponse { response.headers.append(.require, "timer") }
        session.sessionExpires = expires
        if expires.refresher == .uas {
            session.refreshAt = now + SessionTimerPolicy.refreshDelay(expires)
            session.expireAt = nil
        } else {
            session.refreshAt = nil
            session.expireAt = now + SessionTimerPolicy.expiryDelay(expires)
        }
    }

    private mutating func reply(_ request: SIPRequest, _ status: Int, warning: String? = nil,
                                id: ServerTransactionID, now: SIPInstant,
                                extra: [(SIPHeaderName, String)] = []) -> [Action] {
        var response = request.makeResponse(status, toTag: tags.next())
        for (name, value) in extra { response.headers.append(name, value) }
        if let warning { response.headers.append(.warning, warningValue(warning)) }
        response.headers.append(.server, answerer.capabilities.agent)
        response.headers.append(.contentLength, "0")
        return respond(response, to: id, now: now)
    }

    private func warningValue(_ text: String, code: Int = 399) -> String {
        "\(code) \(answerer.capabilities.agent.lowercased()) \"\(text.replacingOccurrences(of: "\"", with: "'"))\""
    }

    private mutating func scheduleCallTimer(_ handle: CallHandle) {
        guard var session = calls[handle] else { return }
        session.timerGeneration &+= 1
        calls[handle] = session
        if let deadline = session.nextDeadline {
            callTimers.push(deadline, CallTimerKey(handle: handle, generation: session.timerGeneration))
        }
    }

    mutating func forget(_ handle: CallHandle) {
        guard let session = calls.removeValue(forKey: handle) else { return }
        if let offer = session.pendingOffer, offer.isInitial { callsByInvite[offer.transaction] = nil }
        if let transaction = session.inviteTransaction { callsByClientInvite[transaction] = nil }
    }

    /// The `host:port` for this call's Contact and Via: the configured address for the flow's transport, or, for a
    /// listener on a wildcard address, the host the caller used in the Request-URI with the listener's port.
    private func localHostPort(for flow: SIPFlow, _ request: SIPRequest) -> String {
        let listener = localAddresses[flow.transport] ?? localAddresses[.udp] ?? LocalSIPAddress(host: "", port: 5060)
        let host = listener.host.isEmpty ? request.uri.host : listener.host
        return "\(host):\(listener.port)"
    }
}
