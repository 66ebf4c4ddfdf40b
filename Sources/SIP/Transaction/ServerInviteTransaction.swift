/// The INVITE server transaction (RFC 3261 §17.2.1), with the Accepted state and Timer L of RFC 6026 §7.1.
public struct ServerInviteTransaction: Sendable {
    public enum State: Sendable, Hashable {
        case proceeding, completed, confirmed, accepted, terminated
    }

    public private(set) var state: State = .proceeding
    public let request: SIPRequest
    /// The flow the INVITE arrived on: every response goes back over it (§18.2.2 is the transport's refinement).
    public let flow: SIPFlow
    public let timers: TransactionTimers

    /// The most recent response sent, resent when the INVITE is retransmitted.
    public private(set) var lastResponse: SIPResponse?
    private var timerG: SIPInstant?
    private var intervalG: Duration
    private var timerH: SIPInstant?
    private var timerI: SIPInstant?
    private var timerL: SIPInstant?

    public init(request: SIPRequest, flow: SIPFlow, timers: TransactionTimers = .default) {
        self.request = request
        self.flow = flow
        self.timers = timers
        self.intervalG = timers.timerG
    }

    public var nextDeadline: SIPInstant? {
        timerG.earliest(timerH).earliest(timerI).earliest(timerL)
    }

    /// Answers 100 Trying at once (§17.2.1: required unless the TU answers within 200 ms; §8.2.6.1 copies
    /// Timestamp). It quenches the client's Timer A retransmissions.
    public mutating func sendTrying(now: SIPInstant) -> [TransactionAction] {
        guard state == .proceeding, lastResponse == nil else { return [] }
        var trying = request.makeResponse(100)
        trying.headers.append(.contentLength, "0")
        return respond(trying, now: now)
    }

    /// The TU's response (§17.2.1).
    public mutating func respond(_ response: SIPResponse, now: SIPInstant) -> [TransactionAction] {
        switch state {
        case .proceeding:
            lastResponse = response
            let send = TransactionAction.send(.response(response), to: flow)
            if response.isProvisional { return [send] }
            if response.isSuccess {
                // RFC 6026 §7.1: the TU retransmits its 2xx itself; Accepted absorbs INVITE retransmissions meanwhile.
                state = .accepted
                timerL = now + timers.timerL
                return [send]
            }
            state = .completed
            if !flow.transport.isReliable { timerG = now + intervalG }
            timerH = now + timers.timerH
            return [send]
        case .accepted:
            // RFC 6026 §8.5: retransmissions (or forks) of the 2xx from the TU still go out.
            guard response.isSuccess else { return [] }
            lastResponse = response
            return [.send(.response(response), to: flow)]
        case .completed, .confirmed, .terminated:
            return []
        }
    }

    /// A retransmission of the INVITE (§17.2.1): resend the latest response, if any.
    public mutating func receiveRetransmission(now: SIPInstant) -> [TransactionAction] {
        switch state {
        case .proceeding, .completed:
            guard let lastResponse else { return [] }
            return [.send(.response(lastResponse), to: flow)]
        case .accepted, .confirmed, .terminated:
            return []
        }
    }

    /// An ACK matched to this transaction (§17.2.3).
    public mutating func receiveACK(_ ack: SIPRequest, now: SIPInstant) -> [TransactionAction] {
        switch state {
        case .completed:
            // Confirmed: stop resending the final; Timer I absorbs ACK retransmissions.
            state = .confirmed
            timerG = nil
            timerH = nil
            timerI = terminalDeadline(timers.timerI(flow.transport), from: now)
            return timerI == nil ? terminate() : []
        case .accepted:
            // RFC 6026 §7.1: the ACK of a 2xx belongs to the TU (it ends the TU's 2xx retransmissions, §13.3.1.4).
            return [.passACKToTU(ack)]
        case .proceeding, .confirmed, .terminated:
            return []
        }
    }

    public mutating func timerFired(now: SIPInstant) -> [TransactionAction] {
        // Timer H: the ACK never came (§17.2.1).
        if timerH.isDue(now) { return [.timeout] + terminate() }
        if timerI.isDue(now) || timerL.isDue(now) { return terminate() }
        guard timerG.isDue(now), let lastResponse else { return [] }
        intervalG = timers.doubledCapped(intervalG)
        timerG = now + intervalG
        return [.send(.response(lastResponse), to: flow)]
    }

    /// The transport could not deliver a response (§17.2.4).
    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .proceeding, .completed: return [.transportError] + terminate()
        case .accepted, .confirmed, .terminated: return []
        }
    }

    private mutating func terminate() -> [TransactionAction] {
        timerG = nil
        timerH = nil
        timerI = nil
        timerL = nil
        state = .terminated
        return [.terminated]
    }
}
