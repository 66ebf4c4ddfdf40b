/// The transaction timer values of RFC 3261 §17 and Table 4 (A–K), plus Timers L and M of RFC 6026 §8.
public struct TransactionTimers: Sendable, Hashable {
    /// RTT estimate, 500 ms by default (§17.1.1.1). Raising it suits high-latency paths.
    public var t1: Duration
    /// Cap on non-INVITE request and INVITE response retransmit intervals, 4 s by default (§17.1.2.2).
    public var t2: Duration
    /// Maximum time a message stays in the network, 5 s by default (§17.1.2.2).
    public var t4: Duration
    /// Timer C (§16.6 step 11, "greater than 3 minutes"): how long an INVITE client transaction waits in Proceeding
    /// for a final response before giving up. RFC 3261 asks it of proxies only; a UA that dials out needs the same
    /// bound so a peer that rings forever does not hold a transaction forever. nil disables it.
    public var timerC: Duration?

    public init(t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5),
                timerC: Duration? = .seconds(180)) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
        self.timerC = timerC
    }

    public static let `default` = TransactionTimers()

    /// 64·T1: Timers B, F, H, J (UDP), L and M.
    public var transactionTimeout: Duration { t1 * 64 }

    /// Timer A (INVITE request retransmit, UDP only): starts at T1 and doubles without a cap until Timer B.
    public var timerA: Duration { t1 }
    /// Timer B (INVITE transaction timeout): 64·T1.
    public var timerB: Duration { transactionTimeout }
    /// Timer D (wait time for response retransmits): at least 32 s for UDP, 0 for reliable transports.
    public func timerD(_ transport: SIPTransportKind) -> Duration {
        transport.isReliable ? .zero : max(.seconds(32), transactionTimeout)
    }
    /// Timer E (non-INVITE request retransmit, UDP only): starts at T1, doubles up to T2.
    public var timerE: Duration { t1 }
    /// Timer F (non-INVITE transaction timeout): 64·T1.
    public var timerF: Duration { transactionTimeout }
    /// Timer G (INVITE response retransmit, UDP only): starts at T1, doubles up to T2.
    public var timerG: Duration { t1 }
    /// Timer H (wait time for ACK receipt): 64·T1 for every transport.
    public var timerH: Duration { transactionTimeout }
    /// Timer I (wait time for ACK retransmits): T4 for UDP, 0 for reliable transports.
    public func timerI(_ transport: SIPTransportKind) -> Duration { transport.isReliable ? .zero : t4 }
    /// Timer J (wait time for non-INVITE request retransmits): 64·T1 for UDP, 0 for reliable transports.
    public func timerJ(_ transport: SIPTransportKind) -> Duration {
        transport.isReliable ? .zero : transactionTimeout
    }
    /// Timer K (wait time for response retransmits): T4 for UDP, 0 for reliable transports.
    public func timerK(_ transport: SIPTransportKind) -> Duration { transport.isReliable ? .zero : t4 }
    /// Timer L (RFC 6026 §8.11, wait time for accepted INVITE request retransmits): 64·T1.
    public var timerL: Duration { transactionTimeout }
    /// Timer M (RFC 6026 §8.11, wait time for retransmission of 2xx to INVITE): 64·T1.
    public var timerM: Duration { transactionTimeout }

    /// The next retransmit interval of the capped doubling rule, MIN(2·interval, T2) (§17.1.2.2, §17.2.1).
    func doubledCapped(_ interval: Duration) -> Duration { min(interval * 2, t2) }
}
