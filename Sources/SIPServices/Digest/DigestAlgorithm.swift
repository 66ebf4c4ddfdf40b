/// RFC 7616 §3.2 / RFC 8760 §2: the digest algorithms (MD5 for old UAs, SHA-256 preferred) and their H / KD functions.
import Crypto

public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case md5 = "MD5"
    case sha256 = "SHA-256"

    /// Parses the `algorithm` token. RFC 7616 §3.3 makes the token case-insensitive; anything else (including the
    /// "-sess" variants, which Huiyi never offers) is `nil`, so the caller can challenge with what it does support.
    public init?(token: String) {
        switch token.uppercased() {
        case "MD5": self = .md5
        case "SHA-256": self = .sha256
        default: return nil
        }
    }

    /// The token as written in `algorithm=` parameters.
    public var token: String { rawValue }

    public var description: String { rawValue }

    /// H(data): the hash of the UTF-8 octets, as lowercase hex (RFC 7616 §3.4).
    public func hash(_ string: String) -> String {
        let octets = Array(string.utf8)
        switch self {
        case .md5: return Insecure.MD5.hash(data: octets).lowercaseHex
        case .sha256: return SHA256.hash(data: octets).lowercaseHex
        }
    }

    /// HA1 = H(username ":" realm ":" password) (RFC 7616 §3.4.2). This is what the store keeps instead of passwords.
    public func ha1(username: String, realm: String, password: String) -> String {
        hash("\(username):\(realm):\(password)")
    }

    /// The `response` value (RFC 7616 §3.4.1): KD(HA1, nonce:nc:cnonce:qop:HA2) with qop, or the RFC 2069 form
    /// KD(HA1, nonce:HA2) when the client sent no qop. HA2 = H(method ":" uri) — qop=auth only, never auth-int.
    public func response(
        ha1: String, nonce: String, nonceCount: String?, cnonce: String?, qop: String?, method: String, uri: String
    ) -> String {
        let ha2 = hash("\(method):\(uri)")
        if let qop, let nonceCount, let cnonce {
            return hash("\(ha1):\(nonce):\(nonceCount):\(cnonce):\(qop):\(ha2)")
        }
        return hash("\(ha1):\(nonce):\(ha2)")
    }
}

extension Sequence<UInt8> {
    /// Lowercase hexadecimal, two digits per octet: the encoding RFC 7616 prescribes for digests.
    var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
