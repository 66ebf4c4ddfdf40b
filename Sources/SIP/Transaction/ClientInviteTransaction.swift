/// The INVITE client transaction (RFC 3261 §17.1.1), with the Accepted state and Timer M of RFC 6026 §7.2.
public struct ClientInviteTransaction: Sendable {
    public enum State: Sendable, Hashable {
        case calling, proceeding, completed, accepted, terminated
    }

    public private(set) var state: State = .calling
    /// The INVITE, with the Via whose branch identifies this transaction on top.
    public let request: SIPRequest
    /// Where the INVITE goes (and so the ACK for a non-2xx, §17.1.1.3).
    public let flow: SIPFlow
    public let timers: TransactionTimers

    /// The ACK built for the non-2xx final response, resent for each retransmission of that response (§17.1.1.2).
    public private(set) var ack: SIPRequest?
    private var timerA: SIPInstant?
    private var intervalA: Duration
    private var timerB: SIPInstant?
    private var timerC: SIPInstant?
    private var timerD: SIPInstant?
    private var timerM: SIPInstant?

    public init(request: SIPRequest, flow: SIPFlow, timers: TransactionTimers = .default) {
        self.request = request
        self.flow = flow
        self.timers = timers
        self.intervalA = timers.timerA
    }

    /// The earliest armed timer; nil once nothing is pending.
    public var nextDeadline: SIPInstant? {
        timerA.earliest(timerB).earliest(timerC).earliest(timerD).earliest(timerM)
    }

    /// Sends the INVITE and arms Timer B, and Timer A on an unreliable transport (§17.1.1.2).
    public mutating func start(now: SIPInstant) -> [TransactionAction] {
        guard state == .calling, timerB == nil else { return [] }
        if !flow.transport.isReliable { timerA = now + intervalA }
        timerB = now + timers.timerB
        return [.send(.request(request), to: flow)]
    }

    /// A response matched to this transaction (§17.1.3).
    public mutating func receive(_ response: SIPResponse, now: SIPInstant) -> [TransactionAction] {
        switch state {
        case .calling, .proceeding:
            if response.isProvisional {
                // Proceeding: no more retransmissions; Timer C restarts with every provisional (§16.6 step 11).
                state = .proceeding
                timerA = nil
                timerB = nil
                timerC = timers.timerC.map { now + $0 }
                return [.passToTU(response)]
            }
            stopAllTimers()
            if response.isSuccess {
                // RFC 6026 §7.2: stay in Accepted so retransmitted and forked 2xx still reach the TU, which ACKs them.
                state = .accepted
                timerM = now + timers.timerM
                return [.passToTU(response)]
            }
            state = .completed
            let ack = request.makeACK(for: response)
            self.ack = ack
            var actions: [TransactionAction] = [.passToTU(response), .send(.request(ack), to: flow)]
            timerD = terminalDeadline(timers.timerD(flow.transport), from: now)
            if timerD == nil { actions += terminate() }
            return actions
        case .completed:
            // A retransmitted final response: our ACK was lost; send it again, the TU has the response already.
            guard response.isFinal, !response.isSuccess, let ack else { return [] }
            return [.send(.request(ack), to: flow)]
        case .accepted:
            return response.isSuccess ? [.passToTU(response)] : []
        case .terminated:
            return []
        }
    }

    /// Fires every timer whose deadline is at or before `now`.
    public mutating func timerFired(now: SIPInstant) -> [TransactionAction] {
        if timerB.isDue(now) || timerC.isDue(now) {
            return [.timeout] + terminate()
        }
        if timerD.isDue(now) || timerM.isDue(now) {
            return terminate()
        }
        guard timerA.isDue(now) else { return [] }
        // §17.1.1.2: each firing retransmits and doubles the interval, with no T2 cap for INVITE; Timer B ends it.
        intervalA = intervalA * 2
        timerA = now + intervalA
        return [.send(.request(request), to: flow)]
    }

    /// The transport failed to deliver the INVITE or the ACK (§17.1.4).
    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .calling, .proceeding: return [.transportError] + terminate()
        case .completed: return terminate()
        case .accepted, .terminated: return []
        }
    }

    private mutating func stopAllTimers() {
        timerA = nil
        timerB = nil
        timerC = nil
        timerD = nil
        timerM = nil
    }

    private mutating func terminate() -> [TransactionAction] {
        stopAllTimers()
        state = .terminated
        return [.terminated]
    }
}
