/// RFC 7616 §3.4.2: what the server keeps per account — HA1 per algorithm, never the password.
public struct AccountCredentials: Sendable, Hashable {
    public var username: String
    public var realm: String
    /// H(username:realm:password) with MD5, lowercase hex.
    public var ha1MD5: String
    /// H(username:realm:password) with SHA-256, lowercase hex.
    public var ha1SHA256: String

    public init(username: String, realm: String, ha1MD5: String, ha1SHA256: String) {
        self.username = username
        self.realm = realm
        self.ha1MD5 = ha1MD5
        self.ha1SHA256 = ha1SHA256
    }

    /// Computes both HA1 values from a password; the password itself is not retained.
    public init(username: String, realm: String, password: String) {
        self.init(
            username: username, realm: realm,
            ha1MD5: DigestAlgorithm.md5.ha1(username: username, realm: realm, password: password),
            ha1SHA256: DigestAlgorithm.sha256.ha1(username: username, realm: realm, password: password)
        )
    }

    /// The HA1 to use for a response computed with `algorithm`.
    public func ha1(for algorithm: DigestAlgorithm) -> String {
        switch algorithm {
        case .md5: ha1MD5
        case .sha256: ha1SHA256
        }
    }
}
