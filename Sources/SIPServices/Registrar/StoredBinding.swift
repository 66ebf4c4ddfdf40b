/// RFC 3261 §10.3: a registrar binding (AOR → Contact) as it is persisted, so registrations survive a restart.
import Foundation

public struct StoredBinding: Sendable, Equatable, Codable {
    /// The address-of-record, e.g. `sip:alice@huiyi.local`.
    public var aor: String
    /// The Contact URI as written, without the parameters that belong to the registrar (`expires`, `q`).
    public var contact: String
    /// The `q` preference (RFC 3261 §10.2.1.2), if the UA gave one.
    public var q: Double?
    /// Wall-clock expiry: the monotonic clock does not survive a restart, so persisted expiry must be a date.
    public var expiresAt: Date
    /// Call-ID and CSeq of the REGISTER that last refreshed the binding (RFC 3261 §10.3 step 7 ordering).
    public var callID: String
    public var cseq: UInt32
    /// Where the binding was registered from, e.g. `udp:127.0.0.1:5070`, to reach a UA behind NAT.
    public var flow: String?
    /// The `+sip.instance` Contact parameter (RFC 5626 §4.1), if present.
    public var instanceID: String?
    public var updatedAt: Date

    public init(
        aor: String, contact: String, q: Double? = nil, expiresAt: Date, callID: String, cseq: UInt32,
        flow: String? = nil, instanceID: String? = nil, updatedAt: Date
    ) {
        self.aor = aor
        self.contact = contact
        self.q = q
        self.expiresAt = expiresAt
        self.callID = callID
        self.cseq = cseq
        self.flow = flow
        self.instanceID = instanceID
        self.updatedAt = updatedAt
    }
}

/// Where the registrar keeps its bindings between restarts.
public protocol BindingPersistence: Sendable {
    /// Every stored binding, read once at start (expired ones included: the registrar drops them by `expiresAt`).
    func loadBindings() throws -> [StoredBinding]
    /// Replaces all bindings of `aor` with `bindings`; an empty list deletes them. Must not block the caller:
    /// it runs on the SIP event loop, so implementations write behind.
    func saveBindings(aor: String, _ bindings: [StoredBinding])
}
