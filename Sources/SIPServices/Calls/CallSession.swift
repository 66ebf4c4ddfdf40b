/// One INVITE-created dialog at the UAS (RFC 3261 §13.3.1.4 2xx retransmission until ACK, §14.2 one offer at a
/// time, RFC 4028 §10 session refresh and expiry): the state `SIPServerCore` keeps per call.
import SIP

struct CallSession: Sendable {
    /// An offer waiting for the router's answer: the first INVITE, a re-INVITE or an UPDATE.
    struct PendingOffer: Sendable {
        var transaction: ServerTransactionID
        var request: SIPRequest
        var isInitial: Bool
    }

    /// A 2xx to an INVITE that is retransmitted until its ACK arrives (§13.3.1.4).
    struct AwaitedACK: Sendable {
        var transaction: ServerTransactionID
        var response: SIPResponse
        var cseq: UInt32
        var isInitial: Bool
        var interval: Duration
        /// Next retransmission; nil over reliable transports (§13.3.1.4: only over unreliable ones).
        var retransmitAt: SIPInstant?
        var giveUpAt: SIPInstant
    }

    /// This side's INVITE (dial-out) until its final response (RFC 3261 §13.2.2, §9.1 CANCEL).
    struct Outgoing: Sendable {
        var transaction: ClientTransactionID
        var invite: SIPRequest
        /// A provisional response came: a CANCEL may now be sent (§9.1).
        var provisional = false
        /// `hangUp` before the answer: CANCEL as soon as allowed, and a 2xx that crosses it gets ACK and BYE.
        var cancelReason: String?
    }

    let handle: CallHandle
    var dialog: Dialog
    /// `host:port` this server uses for this call's Contact and Via.
    let localHostPort: String
    /// The Request-URI user the caller dialled, kept in this side's Contact so in-dialog requests name it.
    let dialledUser: String?
    var pendingOffer: PendingOffer?
    var outgoing: Outgoing?
    /// This side's INVITE transaction, while the session lives (for 2xx retransmissions and cleanup).
    var inviteTransaction: ClientTransactionID?
    /// The ACK sent for this side's INVITE's 2xx, resent for each retransmitted 2xx (§13.2.2.4).
    var ackForAnswer: SIPRequest?
    var awaitedACK: AwaitedACK?
    /// The INVITE's credentials used an expired nonce: a challenge says `stale=true`.
    var staleCredentials = false
    /// The first 2xx has been sent (the call exists for the router from `offered` until `ended`).
    var answered = false
    /// `hangUp` came while the first 2xx was unacknowledged: the BYE goes out on ACK (§15: not before).
    var byeAfterACK: String?
    /// RFC 4028: the agreed interval and who refreshes.
    var sessionExpires: SessionExpires?
    var refreshAt: SIPInstant?
    var expireAt: SIPInstant?
    /// Bumped whenever a deadline changes; queue entries with an older generation are stale.
    var timerGeneration: UInt64 = 0

    init(handle: CallHandle, dialog: Dialog, localHostPort: String, dialledUser: String?) {
        self.handle = handle
        self.dialog = dialog
        self.localHostPort = localHostPort
        self.dialledUser = dialledUser
    }

    var nextDeadline: SIPInstant? {
        [awaitedACK?.retransmitAt, awaitedACK?.giveUpAt, refreshAt, expireAt].compactMap { $0 }.min()
    }

    /// This side's Contact (§12.1.1: the UAS puts one in its 2xx; in-dialog requests come to it).
    var localContact: NameAddress {
        let transport = dialog.flow.transport
        let (host, port) = Self.split(localHostPort)
        var uri = SIPURI(scheme: "sip", user: dialledUser, host: host, port: port)
        uri.parameters.set("transport", transport.rawValue.lowercased())
        return NameAddress(uri: uri)
    }

    /// `host:port` into host (IPv6 kept in brackets, as a URI writes it) and port.
    static func split(_ hostPort: String) -> (String, Int?) {
        guard let colon = hostPort.lastIndex(of: ":"),
              !hostPort.hasPrefix("[") || hostPort[hostPort.index(before: colon)] == "]" else { return (hostPort, nil) }
        return (String(hostPort[..<colon]), Int(hostPort[hostPort.index(after: colon)...]))
    }
}
