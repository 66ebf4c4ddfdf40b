/// The non-INVITE client transaction (RFC 3261 §17.1.2).
public struct ClientNonInviteTransaction: Sendable {
    public enum State: Sendable, Hashable {
        case trying, proceeding, completed, terminated
    }

    public private(set) var state: State = .trying
    /// The request, with the Via whose branch identifies this transaction on top.
    public let request: SIPRequest
    public let flow: SIPFlow
    public let timers: TransactionTimers

    private var timerE: SIPInstant?
    private var intervalE: Duration
    private var timerF: SIPInstant?
    private var timerK: SIPInstant?
    private var started = false

    public init(request: SIPRequest, flow: SIPFlow, timers: TransactionTimers = .default) {
        self.request = request
        self.flow = flow
        self.timers = timers
        self.intervalE = timers.timerE
    }

    public var nextDeadline: SIPInstant? { timerE.earliest(timerF).earliest(timerK) }

    /// Sends the request and arms Timer F, and Timer E on an unreliable transport (§17.1.2.2).
    public mutating func start(now: SIPInstant) -> [TransactionAction] {
        guard state == .trying, !started else { return [] }
        started = true
        if !flow.transport.isReliable { timerE = now + intervalE }
        timerF = now + timers.timerF
        return [.send(.request(request), to: flow)]
    }

    /// A response matched to this transaction (§17.1.3).
    public mutating func receive(_ response: SIPResponse, now: SIPInstant) -> [TransactionAction] {
        switch state {
        case .trying, .proceeding:
            if response.isProvisional {
                state = .proceeding
                return [.passToTU(response)]
            }
            state = .completed
            timerE = nil
            timerF = nil
            var actions: [TransactionAction] = [.passToTU(response)]
            // Timer K absorbs retransmitted finals that were already in flight (§17.1.2.2).
            timerK = terminalDeadline(timers.timerK(flow.transport), from: now)
            if timerK == nil { actions += terminate() }
            return actions
        case .completed, .terminated:
            return []
        }
    }

    public mutating func timerFired(now: SIPInstant) -> [TransactionAction] {
        if timerF.isDue(now) { return [.timeout] + terminate() }
        if timerK.isDue(now) { return terminate() }
        guard timerE.isDue(now) else { return [] }
        // §17.1.2.2: in Trying the interval doubles up to T2; once a provisional arrived it is T2 from then on.
        intervalE = state == .proceeding ? timers.t2 : timers.doubledCapped(intervalE)
        timerE = now + intervalE
        return [.send(.request(request), to: flow)]
    }

    /// The transport failed to deliver the request (§17.1.4).
    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .trying, .proceeding: return [.transportError] + terminate()
        case .completed, .terminated: return []
        }
    }

    private mutating func terminate() -> [TransactionAction] {
        timerE = nil
        timerF = nil
        timerK = nil
        state = .terminated
        return [.terminated]
    }
}
