/// RFC 7616 §3.3 / RFC 3261 §22.4: the Digest challenge of a WWW-Authenticate or Proxy-Authenticate header.
public struct DigestChallenge: Sendable, Hashable {
    public var realm: String
    public var nonce: String
    public var opaque: String?
    public var algorithm: DigestAlgorithm
    /// Only "auth" is offered: auth-int would need the body hashed, which no SIP registrar needs.
    public var qop: String
    /// RFC 7616 §3.3: the previous request used a nonce that is no longer valid but its digest was right,
    /// so the client may retry with the new nonce without asking its user for the password again.
    public var stale: Bool

    public init(
        realm: String, nonce: String, opaque: String? = nil, algorithm: DigestAlgorithm, qop: String = "auth",
        stale: Bool = false
    ) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.algorithm = algorithm
        self.qop = qop
        self.stale = stale
    }

    /// The header value, e.g. `Digest realm="huiyi.local", nonce="…", algorithm=SHA-256, qop="auth"`.
    /// RFC 7616 §3.3 makes algorithm a token and qop a quoted string; stale is only written when true.
    public var headerValue: String {
        var out = "Digest realm="
        out.reserveCapacity(64 + realm.utf8.count + nonce.utf8.count + (opaque?.utf8.count ?? 0))
        Self.appendQuoted(realm, to: &out)
        out += ", nonce="
        Self.appendQuoted(nonce, to: &out)
        if let opaque {
            out += ", opaque="
            Self.appendQuoted(opaque, to: &out)
        }
        out += ", algorithm="
        out += algorithm.token
        out += ", qop="
        Self.appendQuoted(qop, to: &out)
        if stale { out += ", stale=true" }
        return out
    }

    private static func appendQuoted(_ value: String, to out: inout String) {
        if value.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += quoted(value)
        } else {
            out += "\""
            out += value
            out += "\""
        }
    }

    /// RFC 3261 §25.1 quoted-string: backslash-escapes `"` and `\`.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for character in value {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        out.append("\"")
        return out
    }
}
