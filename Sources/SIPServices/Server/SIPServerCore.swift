/// The whole SIP server as one sans-IO state machine: bytes and a flow in, actions out (RFC 3261 §18 transport
/// handling, §17 transactions, §8.2/§10.3/§11 transaction users). The adapter feeds it datagrams and stream messages,
/// calls `advance` when `nextDeadline` passes, and executes the actions; nothing here touches a socket or a clock.
import Foundation
import SIP

public struct SIPServerCore: Sendable {
    /// What the adapter must do.
    public enum Action: Sendable {
        /// Put these bytes on the wire toward `flow`.
        case send([UInt8], to: SIPFlow)
        /// The bindings of an address-of-record changed: persist them (an empty list deletes).
        case persistBindings(aor: String, [StoredBinding])
        /// A request could not be parsed and was answered statelessly or dropped; for logs and metrics.
        case rejected(reason: String, from: SIPFlow)
        /// Something happened to a call: the router answers offers with `answerCall`.
        case call(CallEvent)
    }

    public var transactions: TransactionLayer
    public var answerer: RequestAnswerer
    public let parser: SIPMessageParser
    var tags: TagGenerator
    /// Where this server can be reached per transport, for Contact and Via of calls (set once the listeners are bound).
    public var localAddresses: [SIPTransportKind: LocalSIPAddress] = [:]
    public var sessionTimerPolicy = SessionTimerPolicy()
    var calls: [CallHandle: CallSession] = [:]
    /// Unanswered INVITEs' transactions, for CANCEL.
    var callsByInvite: [ServerTransactionID: CallHandle] = [:]
    var callTimers = DeadlineQueue<CallTimerKey>()
    /// This side's INVITEs (dial-out), for their responses.
    var callsByClientInvite: [ClientTransactionID: CallHandle] = [:]
    /// This side's session refreshes (RFC 4028 UPDATE), for their outcome.
    var refreshTransactions: [ClientTransactionID: CallHandle] = [:]

    public init(transactions: TransactionLayer, answerer: RequestAnswerer, parser: SIPMessageParser = .init(),
                random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.transactions = transactions
        self.answerer = answerer
        self.parser = parser
        self.tags = TagGenerator(random)
    }

    public var nextDeadline: SIPInstant? {
        switch (transactions.nextDeadline, callTimers.earliest) {
        case let (a?, b?): min(a, b)
        case let (a, b): a ?? b
        }
    }

    /// One message's bytes from the transport.
    public mutating func receive(_ bytes: [UInt8], from flow: SIPFlow, now: SIPInstant, wallClock: Date) -> [Action] {
        let message: SIPMessage
        do {
            message = try parser.parse(bytes, framing: flow.transport.isReliable ? .stream : .datagram)
        } catch {
            // §18.3 / §21.4.1: a broken request gets 400 (505, 513) when it can be answered; a response is dropped.
            var out: [Action] = [.rejected(reason: error.description, from: flow)]
            if var response = error.statelessResponse(agent: answerer.capabilities.agent.lowercased()) {
                Self.stampReceived(&response.headers, flow: flow)
                out.append(.send(response.serialized(), to: flow))
            }
            return out
        }
        switch message {
        case .request(var request):
            Self.stampReceived(&request.headers, flow: flow)
            return execute(transactions.receive(request: request, from: flow, now: now), now: now, wallClock: wallClock)
        case .response(let response):
            return execute(transactions.receive(response: response, from: flow, now: now), now: now, wallClock: wallClock)
        }
    }

    /// Timers due at `now`, and registrar bindings past their expiry.
    public mutating func advance(now: SIPInstant, wallClock: Date) -> [Action] {
        execute(transactions.advance(to: now), now: now, wallClock: wallClock) + advanceCalls(now: now)
    }

    /// Drops expired bindings; call every few seconds.
    public mutating func expireBindings(wallClock: Date) -> [Action] {
        answerer.registrar.expire(now: wallClock).map { .persistBindings(aor: $0.aor, $0.bindings) }
    }

    private mutating func execute(_ layerActions: [TransactionLayerAction], now: SIPInstant,
                                  wallClock: Date) -> [Action] {
        var out: [Action] = []
        for action in layerActions {
            switch action {
            case let .send(message, flow):
                out.append(.send(message.serialized(), to: flow))
            case let .newRequest(request, id, flow):
                if let inDialog = receiveInDialog(request, id: id, now: now) {
                    out += inDialog
                    continue
                }
                let decision = answerer.answer(request, flow: flow, now: now, wallClock: wallClock, toTag: tags.next())
                if let changed = decision.changedBindings {
                    out.append(.persistBindings(aor: changed.aor, changed.bindings))
                }
                if let response = decision.response {
                    out += respond(response, to: id, now: now, wallClock: wallClock)
                } else if let credentials = decision.callCredentials {
                    out += offerCall(request, id: id, flow: flow, credentials: credentials, now: now)
                }
            case let .cancel(request, id, matchedInvite, _):
                // §9.2: 200 to the CANCEL and 487 to the INVITE if it is still unanswered; 481 when nothing matches.
                var ok = request.makeResponse(matchedInvite == nil ? 481 : 200, toTag: tags.next())
                ok.headers.append(.contentLength, "0")
                out += respond(ok, to: id, now: now, wallClock: wallClock)
                if let invite = matchedInvite, transactions.state(of: invite) == .proceeding,
                   let inviteRequest = transactions.request(of: invite) {
                    let tag = callsByInvite[invite]?.localTag ?? tags.next()
                    var terminated = inviteRequest.makeResponse(487, toTag: tag)
                    terminated.headers.append(.contentLength, "0")
                    out += respond(terminated, to: invite, now: now, wallClock: wallClock)
                    out += cancelCall(invite: invite)
                }
            case let .ack(request, _):
                out += receiveCallACK(request, now: now)
            case let .response(response, id) where callsByClientInvite[id] != nil:
                out += receiveDialResponse(response, transaction: id, now: now)
            case let .response(response, id) where refreshTransactions[id] != nil:
                if response.isFinal {
                    out += response.isSuccess ? [] : refreshFailed(id, status: response.statusCode, now: now)
                    refreshTransactions[id] = nil
                }
            case let .timeout(.client(id)) where refreshTransactions[id] != nil:
                out += refreshFailed(id, status: nil, now: now)
            case let .timeout(.client(id)) where callsByClientInvite[id] != nil:
                out += dialTransactionFailed(id, timedOut: true)
            case let .transportError(.client(id)) where callsByClientInvite[id] != nil:
                out += dialTransactionFailed(id, timedOut: false)
            case .response, .timeout, .transportError:
                // Responses to this side's BYE, CANCEL and UPDATE, and their failures, change nothing: the call is
                // over or its session timer decides.
                break
            }
        }
        return out
    }

    mutating func respond(_ response: SIPResponse, to id: ServerTransactionID, now: SIPInstant,
                          wallClock: Date = Date(timeIntervalSince1970: 0)) -> [Action] {
        guard let actions = try? transactions.respond(response, to: id, now: now) else { return [] }
        return execute(actions, now: now, wallClock: wallClock)
    }

    /// RFC 3261 §18.2.1 and RFC 3581 §4: note the source address in the top Via when it differs from sent-by, and
    /// fill an empty `rport` with the source port (which also requires `received`).
    static func stampReceived(_ headers: inout SIPHeaders, flow: SIPFlow) {
        guard var via = try? headers.topVia() else { return }
        let wantsRport = via.parameters["rport"] != nil
        let differs = via.hostLiteral.lowercased() != flow.remoteHost.lowercased()
        guard differs || wantsRport else { return }
        via.parameters.set("received", flow.remoteHost)
        if wantsRport { via.parameters.set("rport", String(flow.remotePort)) }
        headers.replaceTopVia(via)
    }
}

/// Random tags for To headers (RFC 3261 §19.3: at least 32 bits of randomness).
struct TagGenerator: Sendable {
    private var random: any RandomNumberGenerator & Sendable

    init(_ random: some RandomNumberGenerator & Sendable) { self.random = random }

    mutating func next() -> String {
        let value: UInt64 = random.next()
        return String(value, radix: 36)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int {
        let value: UInt64 = random.next()
        return range.lowerBound + Int(value % UInt64(range.count))
    }
}

/// A listener's reachable address: the host (IPv6 in brackets; empty for a wildcard bind, meaning "the host the
/// caller used") and the bound port.
public struct LocalSIPAddress: Sendable, Hashable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}
