/// The header names of RFC 3261 §20 and the extensions this server meets, recognised from their bytes so that the
/// parser finds a field's canonical key (§7.3.1: case-insensitive, compact forms §7.3.3) without lowercasing a String.
extension SIPHeaderName {
    /// A known name: its canonical key and the preferred spelling, both immortal literals (no allocation, and equal
    /// keys compare by identity first). A class, so that handing one out costs one reference, not four.
    final class WellKnown: Sendable {
        /// 1... in table order; 0 is kept for names not in the table.
        let id: UInt8
        let key: String
        let spelling: String
        let keyBytes: [UInt8]
        let spellingBytes: [UInt8]

        init(_ spelling: String, id: UInt8) {
            self.id = id
            self.spelling = spelling
            self.key = Self.lowercasedLiteral(spelling)
            self.keyBytes = Array(key.utf8)
            self.spellingBytes = Array(spelling.utf8)
        }

        // Keys must be literals to be immortal; the table below spells each one out.
        private static func lowercasedLiteral(_ spelling: String) -> String {
            keys.first { $0.utf8.elementsEqual(spelling.utf8.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) }
                ?? spelling.lowercased()
        }
    }

    private static let keys: [String] = [
        "via", "from", "to", "call-id", "cseq", "max-forwards", "contact", "content-length", "content-type", "expires",
        "min-expires", "route", "record-route", "require", "proxy-require", "supported", "unsupported", "allow",
        "accept", "accept-encoding", "accept-language", "authorization", "proxy-authorization", "www-authenticate",
        "proxy-authenticate", "authentication-info", "warning", "reason", "server", "user-agent", "date", "timestamp",
        "retry-after", "session-expires", "min-se", "allow-events", "event", "subscription-state", "refer-to",
        "referred-by", "content-disposition", "content-encoding", "content-language", "mime-version", "subject",
        "organization", "priority", "rseq", "rack", "p-asserted-identity", "p-preferred-identity", "privacy",
        "call-info", "alert-info", "error-info", "in-reply-to", "reply-to", "identity",
    ]

    /// Indexed by length, then tried in order: a handful of candidates per length at most.
    private static let wellKnownByLength: [[WellKnown]] = {
        let spellings = [
            "Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Contact", "Content-Length", "Content-Type",
            "Expires", "Min-Expires", "Route", "Record-Route", "Require", "Proxy-Require", "Supported", "Unsupported",
            "Allow", "Accept", "Accept-Encoding", "Accept-Language", "Authorization", "Proxy-Authorization",
            "WWW-Authenticate", "Proxy-Authenticate", "Authentication-Info", "Warning", "Reason", "Server",
            "User-Agent", "Date", "Timestamp", "Retry-After", "Session-Expires", "Min-SE", "Allow-Events", "Event",
            "Subscription-State", "Refer-To", "Referred-By", "Content-Disposition", "Content-Encoding",
            "Content-Language", "MIME-Version", "Subject", "Organization", "Priority", "RSeq", "RAck",
            "P-Asserted-Identity", "P-Preferred-Identity", "Privacy", "Call-Info", "Alert-Info", "Error-Info",
            "In-Reply-To", "Reply-To", "Identity",
        ]
        var table = [[WellKnown]](repeating: [], count: 24)
        for (index, s) in spellings.enumerated() { table[s.utf8.count].append(WellKnown(s, id: UInt8(index + 1))) }
        return table
    }()

    /// The known name spelled by `bytes` (a token, any case), or nil.
    static func wellKnown(_ bytes: UnsafeBufferPointer<UInt8>) -> WellKnown? {
        guard bytes.count < wellKnownByLength.count else { return nil }
        candidates: for candidate in wellKnownByLength[bytes.count] {
            // ASCII case folding for letters only; the other bytes must match exactly.
            for (i, k) in candidate.keyBytes.enumerated() where bytes[i] != k {
                guard bytes[i] | 0x20 == k, k >= 0x61, k <= 0x7A else { continue candidates }
            }
            return candidate
        }
        return nil
    }

    /// The canonical key and the spelling to keep for a name read from the wire: literals for known names written
    /// the preferred way, a new String otherwise.
    static func parsed(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, key: String, id: UInt8) {
        if let known = wellKnown(bytes) {
            let exact = known.spellingBytes.withUnsafeBufferPointer { equalBytes($0, bytes) }
            return (exact ? known.spelling : String(decoding: bytes, as: UTF8.self), known.key, known.id)
        }
        let name = String(decoding: bytes, as: UTF8.self)
        let key = canonicalKey(name)
        return (name, key, wellKnownID(key: key))
    }

    /// The table id of a canonical key, 0 when it is not a known name. Equal ids of known names mean equal keys, so
    /// header lookups compare one octet instead of two Strings.
    static func wellKnownID(key: String) -> UInt8 {
        var key = key
        return key.withUTF8 { wellKnown($0)?.id } ?? 0
    }

    static func equalBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }
}
