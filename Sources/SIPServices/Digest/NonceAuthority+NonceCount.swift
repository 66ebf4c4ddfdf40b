/// RFC 7616 §3.4 / §5.3: nonce-count replay protection — each (nonce, nc) is accepted once, nc strictly increasing.
import SIP

extension NonceAuthority {
    struct NonceUse: Sendable {
        var issuedAt: SIPInstant
        /// The highest nc accepted so far (0 before the first qop use).
        var highestCount: UInt32
        /// Used once without qop (RFC 2069 style): there is no nc to protect later uses, so the nonce is spent.
        var spent: Bool
    }

    public enum Admission: Sendable, Equatable {
        case accepted
        /// The nonce was already used with this or a higher nc, or is single-use and spent.
        case replayed
        /// The record of this nonce's use was evicted under memory pressure: ask for a new nonce.
        case forgotten
    }

    /// Records one successful use of a verified nonce. Call it only once the response digest has been checked,
    /// so that garbage requests cannot burn a legitimate client's nonce counts.
    /// - Parameter nonceCount: the request's nc, or `nil` when it carried no qop.
    public mutating func admit(
        nonce: String, issuedAt: SIPInstant, nonceCount: UInt32?, now: SIPInstant
    ) -> Admission {
        pruneIfDue(now: now)
        if var use = uses[nonce] {
            guard !use.spent, let nonceCount, nonceCount > use.highestCount else { return .replayed }
            use.highestCount = nonceCount
            uses[nonce] = use
            return .accepted
        }
        if let forgottenThrough, issuedAt <= forgottenThrough { return .forgotten }
        if let nonceCount, nonceCount == 0 { return .replayed }
        makeRoom(now: now)
        uses[nonce] = NonceUse(issuedAt: issuedAt, highestCount: nonceCount ?? 0, spent: nonceCount == nil)
        return .accepted
    }

    /// How many nonces are currently tracked (for metrics and tests).
    public var trackedNonceCount: Int { uses.count }

    /// Drops records of nonces that are past their lifetime: such nonces verify as stale and never reach `admit`.
    /// Runs at most once per lifetime, so the sweep costs O(1) amortised per request.
    private mutating func pruneIfDue(now: SIPInstant) {
        if let nextPrune, now < nextPrune { return }
        pruneExpired(now: now)
        nextPrune = now + lifetime
    }

    private mutating func pruneExpired(now: SIPInstant) {
        uses = uses.filter { now - $0.value.issuedAt <= lifetime }
        if let forgottenThrough, now - forgottenThrough > lifetime { self.forgottenThrough = nil }
    }

    /// Keeps the table under `maximumTrackedNonces`: first by dropping expired records, then by forgetting the
    /// oldest quarter. Forgotten nonces are refused (`.forgotten`) rather than silently accepted again, so
    /// eviction can cost a client one extra challenge but never opens a replay.
    private mutating func makeRoom(now: SIPInstant) {
        guard uses.count >= maximumTrackedNonces else { return }
        pruneExpired(now: now)
        guard uses.count >= maximumTrackedNonces else { return }
        let oldestFirst = uses.sorted { $0.value.issuedAt < $1.value.issuedAt }
        let evicted = oldestFirst.prefix(max(1, maximumTrackedNonces / 4))
        for (nonce, _) in evicted { uses[nonce] = nil }
        if let newest = evicted.last?.value.issuedAt {
            forgottenThrough = max(forgottenThrough ?? newest, newest)
        }
    }
}
