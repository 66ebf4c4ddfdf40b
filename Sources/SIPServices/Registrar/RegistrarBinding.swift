/// One live binding held by the registrar (RFC 3261 §10.3): a contact of an address-of-record with its expiry and the
/// Call-ID/CSeq of the REGISTER that last refreshed it.
import Foundation
import SIP

struct RegistrarBinding: Sendable, Equatable {
    /// Comparison key of the contact URI (RFC 3261 §19.1.4, simplified: scheme, user, host case-folded, port,
    /// parameters sorted by name).
    var key: String
    /// `<uri>;contact-params` without the registrar's own `expires` and `q`.
    var contactValue: String
    var q: Double?
    var callID: String
    var cseq: UInt32
    var flow: String?
    var instanceID: String?
    var expiresAt: Date
    var updatedAt: Date

    init(contact: NameAddress, q: Double?, callID: String, cseq: UInt32, flow: SIPFlow, expiresAt: Date, now: Date) {
        key = Self.key(for: contact.uri)
        contactValue = ""
        self.q = q
        self.callID = callID
        self.cseq = cseq
        self.expiresAt = expiresAt
        updatedAt = now
        refresh(contact: contact, q: q, callID: callID, cseq: cseq, flow: flow, expiresAt: expiresAt, now: now)
    }

    init?(stored: StoredBinding) {
        guard let address = try? NameAddress(parsing: stored.contact) else { return nil }
        key = Self.key(for: address.uri)
        contactValue = stored.contact
        q = stored.q
        callID = stored.callID
        cseq = stored.cseq
        flow = stored.flow
        instanceID = stored.instanceID
        expiresAt = stored.expiresAt
        updatedAt = stored.updatedAt
    }

    mutating func refresh(contact: NameAddress, q: Double?, callID: String, cseq: UInt32, flow: SIPFlow,
                          expiresAt: Date, now: Date) {
        var kept = contact
        kept.parameters.remove("expires")
        kept.parameters.remove("q")
        contactValue = kept.description
        self.q = q
        self.callID = callID
        self.cseq = cseq
        self.flow = "\(flow.transport.rawValue.lowercased()):\(flow.remoteHostPort)"
        instanceID = (contact.parameters["+sip.instance"] ?? nil)
        self.expiresAt = expiresAt
        updatedAt = now
    }

    func stored(aor: String) -> StoredBinding {
        StoredBinding(aor: aor, contact: contactValue, q: q, expiresAt: expiresAt, callID: callID, cseq: cseq,
                      flow: flow, instanceID: instanceID, updatedAt: updatedAt)
    }

    static func key(for uri: SIPURI) -> String {
        var out = uri.scheme + ":" + (uri.decodedUser ?? "") + "@" + uri.host.lowercased()
        if let port = uri.port { out += ":\(port)" }
        for p in uri.parameters.items.sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
            out += ";" + p.name.lowercased() + (p.value.map { "=" + $0 } ?? "")
        }
        return out
    }
}
