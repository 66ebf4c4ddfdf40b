/// The non-INVITE server transaction (RFC 3261 §17.2.2).
public struct ServerNonInviteTransaction: Sendable {
    public enum State: Sendable, Hashable {
        case trying, proceeding, completed, terminated
    }

    public private(set) var state: State = .trying
    public let request: SIPRequest
    /// The flow the request arrived on: every response goes back over it.
    public let flow: SIPFlow
    public let timers: TransactionTimers

    /// The most recent response sent, resent when the request is retransmitted.
    public private(set) var lastResponse: SIPResponse?
    private var timerJ: SIPInstant?

    public init(request: SIPRequest, flow: SIPFlow, timers: TransactionTimers = .default) {
        self.request = request
        self.flow = flow
        self.timers = timers
    }

    public var nextDeadline: SIPInstant? { timerJ }

    /// The TU's response (§17.2.2).
    public mutating func respond(_ response: SIPResponse, now: SIPInstant) -> [TransactionAction] {
        switch state {
        case .trying, .proceeding:
            lastResponse = response
            var actions: [TransactionAction] = [.send(.response(response), to: flow)]
            if response.isProvisional {
                state = .proceeding
                return actions
            }
            // Completed: Timer J keeps the final to answer request retransmissions still in flight.
            state = .completed
            timerJ = terminalDeadline(timers.timerJ(flow.transport), from: now)
            if timerJ == nil { actions += terminate() }
            return actions
        case .completed, .terminated:
            // §17.2.2: any other final responses passed by the TU to the server transaction MUST be discarded.
            return []
        }
    }

    /// A retransmission of the request: nothing to say in Trying, the latest response otherwise (§17.2.2).
    public mutating func receiveRetransmission(now: SIPInstant) -> [TransactionAction] {
        guard state == .proceeding || state == .completed, let lastResponse else { return [] }
        return [.send(.response(lastResponse), to: flow)]
    }

    public mutating func timerFired(now: SIPInstant) -> [TransactionAction] {
        timerJ.isDue(now) ? terminate() : []
    }

    /// The transport could not deliver a response (§17.2.4).
    public mutating func transportFailed() -> [TransactionAction] {
        state == .terminated ? [] : [.transportError] + terminate()
    }

    private mutating func terminate() -> [TransactionAction] {
        timerJ = nil
        state = .terminated
        return [.terminated]
    }
}
