/// The transaction layer of RFC 3261 §17: every live client and server transaction, matched in O(1) by key
/// (§17.1.3, §17.2.3), and one timer queue for all of them, driven by the owner's clock through `advance(to:)`.
public struct TransactionLayer: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var timers: TransactionTimers
        /// Beyond this many live transactions new requests get a stateless 503 and the TU's sends are refused. With
        /// UDP, Timer J keeps each non-INVITE server transaction 32 s: 2,000 requests/s means ~64,000 live, and a
        /// registrar at 6,000 digest REGISTERs/s (two transactions each) ~384,000. Completed ones keep only their
        /// final response (about 1 KB each), so the default bound costs at most about half a gigabyte.
        public var maxLiveTransactions: Int
        /// §17.2.1: a new INVITE gets 100 Trying at once unless the TU will answer within 200 ms.
        public var sendsTryingForInvite: Bool
        /// Retry-After of the overload 503, in seconds (§21.5.4, §20.33).
        public var overloadRetryAfterSeconds: Int
        /// The To tag of stateless responses; any fixed value works since a 503 creates no dialog.
        public var statelessToTag: String

        public init(timers: TransactionTimers = .default, maxLiveTransactions: Int = 500_000,
                    sendsTryingForInvite: Bool = true, overloadRetryAfterSeconds: Int = 5,
                    statelessToTag: String = "overload") {
            self.timers = timers
            self.maxLiveTransactions = maxLiveTransactions
            self.sendsTryingForInvite = sendsTryingForInvite
            self.overloadRetryAfterSeconds = overloadRetryAfterSeconds
            self.statelessToTag = statelessToTag
        }
    }

    public let configuration: Configuration

    var clientInvites: [TransactionKey: LiveTransaction<ClientInviteTransaction>] = [:]
    var clientNonInvites: [TransactionKey: LiveTransaction<ClientNonInviteTransaction>] = [:]
    var serverInvites: [TransactionKey: LiveTransaction<ServerInviteTransaction>] = [:]
    var serverNonInvites: [TransactionKey: LiveTransaction<ServerNonInviteTransaction>] = [:]
    /// Completed non-INVITE server transactions, reduced to what absorbs retransmissions (`TransactionLayer+Completed`).
    var completedServerNonInvites: [TransactionKey: CompletedServerNonInvite] = [:]
    var timerQueue = TransactionTimerQueue()
    private var lastSerial: UInt64 = 0

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    public var liveTransactionCount: Int {
        clientInvites.count + clientNonInvites.count + serverInvites.count + serverNonInvites.count
            + completedServerNonInvites.count
    }

    /// When the owner should next call `advance(to:)`; nil when no timer is pending. Never later than the true next
    /// deadline (it may be a superseded one, costing one idle wake-up).
    public var nextDeadline: SIPInstant? { timerQueue.earliest }

    /// Fires every transaction timer due at `now`.
    public mutating func advance(to now: SIPInstant) -> [TransactionLayerAction] {
        var out: [TransactionLayerAction] = []
        while let entry = timerQueue.popDue(now) {
            let key = entry.key, deadline = entry.deadline
            let actions: [TransactionLayerAction]?
            switch key.kind {
            case .clientInvite: actions = drive(\.clientInvites, key) { Self.fire(&$0, deadline, now) }
            case .clientNonInvite: actions = drive(\.clientNonInvites, key) { Self.fire(&$0, deadline, now) }
            case .serverInvite: actions = drive(\.serverInvites, key) { Self.fire(&$0, deadline, now) }
            case .serverNonInvite:
                actions = drive(\.serverNonInvites, key) { Self.fire(&$0, deadline, now) }
                if actions == nil { fireTimerJ(key, deadline: deadline, now: now) }
            }
            out += actions ?? []
        }
        return out
    }

    /// The transport could not send `message` (a request of a client transaction or a response of a server
    /// transaction): the owning transaction fails and tells the TU (§17.1.4, §17.2.4).
    public mutating func sendFailed(_ message: SIPMessage, now: SIPInstant) -> [TransactionLayerAction] {
        let key: TransactionKey
        switch message {
        case .request(let request):
            guard request.method != .ack, let k = try? TransactionKey(clientRequest: request) else { return [] }
            key = k
        case .response(let response):
            guard let k = try? TransactionKey(serverResponse: response) else { return [] }
            key = k
        }
        let actions: [TransactionLayerAction]?
        switch key.kind {
        case .clientInvite: actions = drive(\.clientInvites, key) { $0.transportFailed() }
        case .clientNonInvite: actions = drive(\.clientNonInvites, key) { $0.transportFailed() }
        case .serverInvite: actions = drive(\.serverInvites, key) { $0.transportFailed() }
        case .serverNonInvite:
            actions = drive(\.serverNonInvites, key) { $0.transportFailed() } ?? completedSendFailed(key)
        }
        return actions ?? []
    }

    /// A queue entry fires only if it is still the machine's current deadline; otherwise it is a superseded one.
    private static func fire<M: TransactionStateMachine>(_ machine: inout M, _ deadline: SIPInstant,
                                                         _ now: SIPInstant) -> [TransactionAction] {
        machine.nextDeadline == deadline ? machine.timerFired(now: now) : []
    }

    /// Runs `body` on the live transaction `key` (of incarnation `serial`, when given), queues its new deadline,
    /// forgets it once terminated and translates its actions. nil when there is no such transaction.
    mutating func drive<M: TransactionStateMachine>(
        _ table: WritableKeyPath<TransactionLayer, [TransactionKey: LiveTransaction<M>]>, _ key: TransactionKey,
        serial: UInt64? = nil, ackFrom ackFlow: SIPFlow? = nil, _ body: (inout M) -> [TransactionAction]
    ) -> [TransactionLayerAction]? {
        guard let index = self[keyPath: table].index(forKey: key) else { return nil }
        let liveSerial = self[keyPath: table].values[index].serial
        if let serial, serial != liveSerial { return nil }
        let before = self[keyPath: table].values[index].machine.nextDeadline
        let actions = body(&self[keyPath: table].values[index].machine)
        let flow = self[keyPath: table].values[index].machine.flow
        let after = self[keyPath: table].values[index].machine.nextDeadline
        if actions.contains(where: { if case .terminated = $0 { true } else { false } }) {
            self[keyPath: table].remove(at: index)
        } else if let after, after != before {
            timerQueue.push(after, key)
        }
        return Self.translate(actions, id: Self.id(key, liveSerial), ackFlow: ackFlow ?? flow)
    }

    /// Adds a started machine and queues its first deadline; returns its serial.
    mutating func insert<M: TransactionStateMachine>(
        _ machine: M, _ key: TransactionKey,
        into table: WritableKeyPath<TransactionLayer, [TransactionKey: LiveTransaction<M>]>
    ) -> UInt64 {
        lastSerial += 1
        self[keyPath: table][key] = LiveTransaction(serial: lastSerial, machine: machine)
        if let deadline = machine.nextDeadline { timerQueue.push(deadline, key) }
        return lastSerial
    }

    static func id(_ key: TransactionKey, _ serial: UInt64) -> TransactionID {
        switch key {
        case .client: return .client(ClientTransactionID(key: key, serial: serial))
        case .server, .rfc2543: return .server(ServerTransactionID(key: key, serial: serial))
        }
    }

    static func translate(_ actions: [TransactionAction], id: TransactionID,
                          ackFlow: SIPFlow) -> [TransactionLayerAction] {
        actions.compactMap { action -> TransactionLayerAction? in
            switch action {
            case .send(let message, let flow): return .send(message, to: flow)
            case .passToTU(let response):
                guard case .client(let client) = id else { return nil }
                return .response(response, client)
            case .passACKToTU(let ack): return .ack(ack, from: ackFlow)
            case .timeout: return .timeout(id)
            case .transportError: return .transportError(id)
            case .terminated: return nil
            }
        }
    }
}
