/// RFC 3261 §22.4 / RFC 7616 §3.4 / RFC 8760 §2: the server side of SIP digest authentication.
///
import SIP

/// A value type with mutating methods and no locks: it is owned by one event loop. It decides; the caller turns
/// `.challenge` into 401 (or 407 for a proxy) with `challenges(now:stale:)` as WWW-Authenticate values, and
/// `.forbidden` into 403.
public struct DigestAuthenticator: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The credentials are valid; `username` is the authenticated user (the AOR user part).
        case authenticated(username: String)
        /// Answer with a fresh challenge. `stale` is true when the client proved it knows the password but its nonce
        /// can no longer be used (expired, forgotten or its nc replayed), so it may retry without asking its user.
        case challenge(stale: Bool, reason: String)
        /// The credentials are definitely wrong (bad password for a fresh nonce, unknown user): answer 403.
        case forbidden(reason: String)
    }

    public let realm: String
    /// Offered in this order, most preferred first (RFC 8760 §2.4: the client uses the first one it supports).
    public let algorithms: [DigestAlgorithm]
    public let directory: any AccountDirectory
    public private(set) var nonces: NonceAuthority

    public init(
        realm: String, algorithms: [DigestAlgorithm] = [.sha256, .md5], directory: any AccountDirectory,
        nonces: NonceAuthority
    ) {
        precondition(!algorithms.isEmpty, "a digest authenticator must offer at least one algorithm")
        self.realm = realm
        self.algorithms = algorithms
        self.directory = directory
        self.nonces = nonces
    }

    /// An authenticator with its own nonce authority: a random secret and `nonceLifetime`.
    public init(
        realm: String, algorithms: [DigestAlgorithm] = [.sha256, .md5], nonceLifetime: Duration = .seconds(300),
        directory: any AccountDirectory, secret: [UInt8] = NonceAuthority.randomSecret()
    ) {
        self.init(
            realm: realm, algorithms: algorithms, directory: directory,
            nonces: NonceAuthority(secret: secret, lifetime: nonceLifetime)
        )
    }

    /// One challenge per offered algorithm, all with the same fresh nonce (RFC 8760 §2.4 allows that;
    /// a single nonce keeps the per-client state to one).
    public mutating func digestChallenges(now: SIPInstant, stale: Bool = false) -> [DigestChallenge] {
        let nonce = nonces.mint(now: now)
        return algorithms.map { DigestChallenge(realm: realm, nonce: nonce, algorithm: $0, stale: stale) }
    }

    /// `digestChallenges(now:stale:)` as header values for WWW-Authenticate / Proxy-Authenticate.
    public mutating func challenges(now: SIPInstant, stale: Bool = false) -> [String] {
        digestChallenges(now: now, stale: stale).map(\.headerValue)
    }

    /// Checks a request's Authorization (or Proxy-Authorization) header values.
    /// - Parameters:
    ///   - method: the request method, hashed into HA2 (`REGISTER`, `INVITE`, …).
    ///   - requestURI: the Request-URI as received; the credentials' `uri` must name it (RFC 7616 §3.4.6).
    ///   - authorizationValues: every Authorization header value, in order; values for other realms are skipped.
    public mutating func authenticate(
        method: String, requestURI: String, authorizationValues: [String], now: SIPInstant
    ) -> Outcome {
        let credentials: DigestCredentials
        switch selectCredentials(authorizationValues) {
        case .success(let found): credentials = found
        case .failure(let failure): return .challenge(stale: false, reason: failure.reason)
        }
        return verify(credentials, method: method, requestURI: requestURI, now: now)
    }

    /// The first Digest credentials for our realm, or why there are none.
    private func selectCredentials(_ values: [String]) -> Result<DigestCredentials, SelectionFailure> {
        var problems: [String] = []
        for value in values {
            do throws(DigestCredentialsError) {
                let credentials = try DigestCredentials(parsing: value)
                if credentials.realm == realm { return .success(credentials) }
                problems.append("credentials are for realm '\(credentials.realm)', not '\(realm)'")
            } catch {
                problems.append(error.description)
            }
        }
        if problems.isEmpty { return .failure(SelectionFailure("no credentials")) }
        return .failure(SelectionFailure(problems.joined(separator: "; ")))
    }

    private struct SelectionFailure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private mutating func verify(
        _ credentials: DigestCredentials, method: String, requestURI: String, now: SIPInstant
    ) -> Outcome {
        let algorithmToken = credentials.algorithm ?? DigestAlgorithm.md5.token
        guard let algorithm = DigestAlgorithm(token: algorithmToken), algorithms.contains(algorithm) else {
            return .challenge(stale: false, reason: "algorithm '\(algorithmToken)' is not offered")
        }
        if credentials.userhash {
            return .challenge(stale: false, reason: "userhash is not offered")
        }
        if let qop = credentials.qop, qop.lowercased() != "auth" {
            return .challenge(stale: false, reason: "qop '\(qop)' is not offered; only 'auth'")
        }
        // RFC 7616 §3.4.6: the digest-uri must identify the Request-URI, or a captured response could be replayed
        // against another resource. Compared as written, which is what every SIP UA sends.
        let uri = credentials.uri.trimmingSIPWhitespace()
        guard uri == requestURI.trimmingSIPWhitespace() else {
            return .challenge(stale: false, reason: "digest uri '\(uri)' does not match Request-URI '\(requestURI)'")
        }
        guard let account = directory.credentials(username: credentials.username, realm: realm) else {
            return .forbidden(reason: "no account '\(credentials.username)' in realm '\(realm)'")
        }

        let expected = algorithm.response(
            ha1: account.ha1(for: algorithm), nonce: credentials.nonce, nonceCount: credentials.nonceCountText,
            cnonce: credentials.cnonce, qop: credentials.qop, method: method, uri: credentials.uri
        )
        let responseMatches = constantTimeEquals(Array(expected.utf8), Array(credentials.response.lowercased().utf8))

        switch nonces.verify(credentials.nonce, now: now) {
        case .invalid, .stale:
            // RFC 7616 §3.3: stale=true only when the digest is right for the old nonce, i.e. the client knows the
            // password and only needs a new nonce.
            let reason = responseMatches ? "nonce expired or unknown" : "nonce unknown and response incorrect"
            return .challenge(stale: responseMatches, reason: reason)
        case .valid(let issuedAt):
            guard responseMatches else {
                return .forbidden(reason: "incorrect digest response for '\(credentials.username)'")
            }
            switch nonces.admit(
                nonce: credentials.nonce, issuedAt: issuedAt, nonceCount: credentials.nonceCount, now: now
            ) {
            case .accepted:
                return .authenticated(username: credentials.username)
            case .replayed:
                return .challenge(stale: true, reason: "nonce count \(credentials.nonceCountText ?? "(none)") reused")
            case .forgotten:
                return .challenge(stale: true, reason: "nonce no longer tracked")
            }
        }
    }
}

