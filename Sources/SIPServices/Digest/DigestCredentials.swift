/// RFC 7616 §3.4 / RFC 3261 §22.4: the Digest credentials of an Authorization or Proxy-Authorization header.
public struct DigestCredentials: Sendable, Hashable {
    public var username: String
    public var realm: String
    public var nonce: String
    /// `uri` (digest-uri): the Request-URI as the client saw it, hashed into HA2.
    public var uri: String
    /// The client's response digest, as sent (compared case-insensitively: it is hex).
    public var response: String
    /// The `algorithm` token as sent; `nil` means MD5 (RFC 7616 §3.4: "If this is not present, it is assumed to be MD5").
    public var algorithm: String?
    public var cnonce: String?
    public var opaque: String?
    /// `qop` as sent (`auth`, `auth-int`), or `nil` for an RFC 2069-style response.
    public var qop: String?
    /// `nc` exactly as sent: the response is computed over these characters, not over the number.
    public var nonceCountText: String?
    /// `userhash=true` (RFC 7616 §3.4.4): the username is hashed. Huiyi never offers it, so it only refuses it.
    public var userhash: Bool

    public init(
        username: String, realm: String, nonce: String, uri: String, response: String, algorithm: String? = nil,
        cnonce: String? = nil, opaque: String? = nil, qop: String? = nil, nonceCountText: String? = nil,
        userhash: Bool = false
    ) {
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.cnonce = cnonce
        self.opaque = opaque
        self.qop = qop
        self.nonceCountText = nonceCountText
        self.userhash = userhash
    }

    /// `nc` as a number, for replay detection.
    public var nonceCount: UInt32? { nonceCountText.flatMap { UInt32($0, radix: 16) } }

    /// Parses a header value such as `Digest username="bob", realm="huiyi.local", nonce="…", uri="sip:huiyi.local",
    /// response="…", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="…"`. Unknown parameters are ignored
    /// (RFC 7616 §3.4: "Any unrecognized directive MUST be ignored").
    public init(parsing headerValue: String) throws(DigestCredentialsError) {
        let list = try AuthParameterList(parsing: headerValue)
        guard list.scheme.lowercased() == "digest" else { throw .unsupportedScheme(list.scheme) }

        var values: [String: String] = [:]
        for (name, value) in list.parameters {
            guard values.updateValue(value, forKey: name) == nil else { throw .duplicateParameter(name) }
        }
        func required(_ name: String) throws(DigestCredentialsError) -> String {
            guard let value = values[name] else { throw .missingParameter(name) }
            return value
        }

        // username* (RFC 7616 §3.4) carries a username that cannot be a quoted-string; it replaces `username`.
        if let extended = values["username*"] {
            guard values["username"] == nil else { throw .duplicateParameter("username") }
            guard let decoded = Self.decodeExtendedValue(extended) else {
                throw .malformed(offset: 0, reason: "username* is not an RFC 8187 ext-value (charset'lang'value)")
            }
            username = decoded
        } else {
            username = try required("username")
        }
        realm = try required("realm")
        nonce = try required("nonce")
        uri = try required("uri")
        response = try required("response")
        algorithm = values["algorithm"]
        opaque = values["opaque"]
        userhash = values["userhash"]?.lowercased() == "true"
        qop = values["qop"]
        cnonce = values["cnonce"]
        nonceCountText = values["nc"]
        if qop != nil {
            // RFC 7616 §3.4: with qop, cnonce and nc MUST be present.
            _ = try required("cnonce")
            let nc = try required("nc")
            guard nc.utf8.count == 8, UInt32(nc, radix: 16) != nil else { throw .invalidNonceCount(nc) }
        }
    }

    /// RFC 8187 §3.2 ext-value: `UTF-8'lang'percent-encoded`. Only UTF-8 is accepted, as RFC 7616 requires.
    private static func decodeExtendedValue(_ text: String) -> String? {
        let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].lowercased() == "utf-8" else { return nil }
        var octets: [UInt8] = []
        var iterator = Array(parts[2].utf8).makeIterator()
        while let octet = iterator.next() {
            if octet == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                octets.append(value)
            } else {
                octets.append(octet)
            }
        }
        return String(validating: octets, as: UTF8.self)
    }
}
