/// RFC 3261 §10.3: processing REGISTER requests — bindings from an address-of-record to contact addresses, with
/// expiry, several contacts per AOR, q-values, `Contact: *` removal, 423 Interval Too Brief and Call-ID/CSeq ordering.
///
/// Pure: the caller has already authenticated and authorized the request (steps 1–5) and passes the AOR, the flow the
/// request came on and the wall clock. The result says what to answer and which AOR's bindings to persist.
import Foundation
import SIP

public struct Registrar: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Shortest registration accepted; shorter non-zero requests get 423 with Min-Expires (§10.3 step 6).
        public var minExpires: UInt32 = 60
        /// Longer requests are shortened to this.
        public var maxExpires: UInt32 = 7200
        /// Used when neither the contact's `expires` parameter nor an Expires header says (§10.2.1.1).
        public var defaultExpires: UInt32 = 3600
        public var maxContactsPerAOR: Int = 10

        public init(minExpires: UInt32 = 60, maxExpires: UInt32 = 7200, defaultExpires: UInt32 = 3600,
                    maxContactsPerAOR: Int = 10) {
            self.minExpires = minExpires
            self.maxExpires = maxExpires
            self.defaultExpires = defaultExpires
            self.maxContactsPerAOR = maxContactsPerAOR
        }
    }

    /// What a REGISTER led to.
    public struct Result: Sendable {
        public var response: SIPResponse
        /// Set when the AOR's bindings changed: persist them (an empty list means "none left").
        public var changed: (aor: String, bindings: [StoredBinding])?
    }

    public let configuration: Configuration
    private(set) var bindings: [String: [RegistrarBinding]] = [:]

    public init(configuration: Configuration = .init(), restoring stored: [StoredBinding] = [], now: Date) {
        self.configuration = configuration
        for record in stored where record.expiresAt > now {
            guard let binding = RegistrarBinding(stored: record) else { continue }
            bindings[record.aor, default: []].append(binding)
        }
    }

    /// Number of AORs with at least one live binding.
    public var registeredAORCount: Int { bindings.count }

    /// The live bindings of `aor`, most preferred first (highest q, then most recently refreshed).
    public func lookup(_ aor: String, now: Date) -> [StoredBinding] {
        (bindings[aor] ?? []).filter { $0.expiresAt > now }
            .sorted { ($0.q ?? 1, $0.updatedAt) > ($1.q ?? 1, $1.updatedAt) }
            .map { $0.stored(aor: aor) }
    }

    /// Every live binding, by address of record, each one's most preferred first.
    public func allBindings(now: Date) -> [StoredBinding] {
        bindings.keys.sorted().flatMap { lookup($0, now: now) }
    }

    /// Steps 6–8 of §10.3 for an authenticated REGISTER whose address-of-record is `aor`.
    public mutating func register(_ request: SIPRequest, aor: String, flow: SIPFlow, now: Date, toTag: String) -> Result {
        func reply(_ code: Int, _ reason: String? = nil, warning: String? = nil) -> Result {
            var response = request.makeResponse(code, reason: reason, toTag: toTag)
            if let warning { response.headers.append(.warning, "399 huiyi \"\(warning)\"") }
            response.headers.append(.contentLength, "0")
            return Result(response: response, changed: nil)
        }
        let contacts: (addresses: [NameAddress], isWildcard: Bool)
        let headerExpires: UInt32?
        let cseq: CSeq
        do {
            contacts = try request.headers.contacts()
            headerExpires = try request.headers.expires()
            cseq = try request.headers.cseq()
        } catch {
            return reply(400, warning: error.description)
        }
        let callID = request.headers.callID ?? ""
        var current = (bindings[aor] ?? []).filter { $0.expiresAt > now }
        let before = current

        if contacts.isWildcard {
            // §10.3 step 6: "*" only with Expires: 0 and alone.
            guard headerExpires == 0 else { return reply(400, warning: "Contact: * requires Expires: 0") }
            if current.contains(where: { $0.callID == callID && $0.cseq >= cseq.sequence }) {
                return reply(400, warning: "CSeq \(cseq.sequence) is not newer than the binding's")
            }
            current.removeAll()
        } else {
            for address in contacts.addresses {
                let requested: UInt32
                if let param = address.parameters["expires"] {
                    guard let text = param, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                        return reply(400, warning: "contact expires parameter is not a number")
                    }
                    requested = UInt32(text) ?? UInt32.max
                } else {
                    requested = headerExpires ?? configuration.defaultExpires
                }
                if requested != 0, requested < configuration.minExpires {
                    var response = reply(423).response
                    response.headers.prepend(.minExpires, String(configuration.minExpires))
                    return Result(response: response, changed: nil)
                }
                var q: Double?
                if let qParam = address.parameters["q"] {
                    guard let text = qParam, let value = Double(text), (0...1).contains(value) else {
                        return reply(400, warning: "q must be a number from 0 to 1")
                    }
                    q = value
                }
                let key = RegistrarBinding.key(for: address.uri)
                if let i = current.firstIndex(where: { $0.key == key }) {
                    // §10.3 step 7: same Call-ID needs a higher CSeq, or the update is aborted.
                    if current[i].callID == callID, current[i].cseq >= cseq.sequence {
                        return reply(400, warning: "CSeq \(cseq.sequence) is not newer than the binding's")
                    }
                    if requested == 0 { current.remove(at: i); continue }
                    current[i].refresh(contact: address, q: q, callID: callID, cseq: cseq.sequence, flow: flow,
                                       expiresAt: now + TimeInterval(min(requested, configuration.maxExpires)), now: now)
                } else if requested != 0 {
                    current.append(RegistrarBinding(
                        contact: address, q: q, callID: callID, cseq: cseq.sequence, flow: flow,
                        expiresAt: now + TimeInterval(min(requested, configuration.maxExpires)), now: now))
                }
            }
            if current.count > configuration.maxContactsPerAOR {
                return reply(403, warning: "more than \(configuration.maxContactsPerAOR) contacts for \(aor)")
            }
        }

        bindings[aor] = current.isEmpty ? nil : current
        var response = request.makeResponse(200, toTag: toTag)
        for binding in current {
            let remaining = max(0, Int(binding.expiresAt.timeIntervalSince(now).rounded()))
            response.headers.append(.contact, binding.contactValue + ";expires=\(remaining)")
        }
        response.headers.append(.contentLength, "0")
        let changed = current != before || !contacts.addresses.isEmpty || contacts.isWildcard
        return Result(response: response, changed: changed ? (aor, current.map { $0.stored(aor: aor) }) : nil)
    }

    /// Drops bindings that expired; returns the AORs whose bindings changed, to persist.
    public mutating func expire(now: Date) -> [(aor: String, bindings: [StoredBinding])] {
        var changed: [(String, [StoredBinding])] = []
        for (aor, list) in bindings {
            let live = list.filter { $0.expiresAt > now }
            guard live.count != list.count else { continue }
            bindings[aor] = live.isEmpty ? nil : live
            changed.append((aor, live.map { $0.stored(aor: aor) }))
        }
        return changed
    }
}
