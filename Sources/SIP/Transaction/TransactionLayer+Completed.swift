/// Non-INVITE server transactions in the Completed state (RFC 3261 §17.2.2), kept slim. Over UDP Timer J holds each
/// one for 64*T1 = 32 s only to absorb retransmissions of the request: all that needs is the final response and the
/// flow to resend it on, not the request or the state machine. At thousands of requests per second these are most of
/// the live transactions, so they are moved here once the final response is sent.
struct CompletedServerNonInvite: Sendable {
    let serial: UInt64
    let flow: SIPFlow
    let response: SIPResponse
    /// Timer J: the transaction terminates then (§17.2.2).
    let timerJ: SIPInstant
}

extension TransactionLayer {
    /// After the TU's response: a machine that just completed moves to the slim table. Its Timer J entry is already
    /// queued under the same key.
    mutating func retireIfCompleted(_ id: ServerTransactionID) {
        guard let live = serverNonInvites[id.key], live.serial == id.serial, live.machine.state == .completed,
              let response = live.machine.lastResponse, let timerJ = live.machine.nextDeadline
        else { return }
        serverNonInvites[id.key] = nil
        completedServerNonInvites[id.key] = CompletedServerNonInvite(
            serial: live.serial, flow: live.machine.flow, response: response, timerJ: timerJ)
    }

    /// A retransmitted request of a completed transaction: the final response again (§17.2.2).
    func answerRetransmission(_ key: TransactionKey) -> [TransactionLayerAction]? {
        guard let completed = completedServerNonInvites[key] else { return nil }
        return [.send(.response(completed.response), to: completed.flow)]
    }

    /// Timer J: forget the transaction (superseded queue entries do nothing).
    mutating func fireTimerJ(_ key: TransactionKey, deadline: SIPInstant, now: SIPInstant) {
        guard let completed = completedServerNonInvites[key], completed.timerJ == deadline, deadline <= now else { return }
        completedServerNonInvites[key] = nil
    }

    /// The transport could not resend the final response (§17.2.4): the transaction ends and the TU hears of it.
    mutating func completedSendFailed(_ key: TransactionKey) -> [TransactionLayerAction]? {
        guard let completed = completedServerNonInvites.removeValue(forKey: key) else { return nil }
        return [.transportError(.server(ServerTransactionID(key: key, serial: completed.serial)))]
    }
}
