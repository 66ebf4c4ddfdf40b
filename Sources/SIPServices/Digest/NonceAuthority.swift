/// RFC 7616 §3.3 / §5.4: server nonces that carry their own issue time and a MAC, so they expire without a table.
import Crypto
import SIP

/// Mints and verifies nonces; also remembers which nonce counts were used (`NonceAuthority+NonceCount.swift`).
///
/// A nonce is base64url(issuedAt[8] ‖ random[16] ‖ HMAC-SHA256(secret, issuedAt ‖ random)[0..<16]).
/// The MAC makes a nonce unforgeable without the secret; carrying the issue time lets any nonce be checked for age
/// statelessly. Time is the injected monotonic `SIPInstant`, so nonces from an earlier process (another clock origin
/// and usually another secret) simply fail to verify and the client is challenged again.
///
/// A value type with mutating methods and no locks: one event loop owns it.
public struct NonceAuthority: Sendable {
    public enum Verification: Sendable, Equatable {
        /// Authentic and younger than the lifetime.
        case valid(issuedAt: SIPInstant)
        /// Authentic but older than the lifetime: challenge again with `stale=true`.
        case stale(issuedAt: SIPInstant)
        /// Not minted by this authority (forged, garbled, or from another secret or clock).
        case invalid
    }

    /// How long a nonce stays usable after it was minted.
    public let lifetime: Duration
    /// At most this many used nonces are tracked for nonce-count replay protection (see `admit`).
    public let maximumTrackedNonces: Int

    /// HMAC with the secret already folded into its inner and outer hash states (RFC 2104 §2), copied per MAC so the
    /// key schedule runs once, not per nonce.
    private let keyed: KeyedMAC
    private var generator: any RandomNumberGenerator & Sendable
    var uses: [String: NonceUse] = [:]
    /// Nonces issued at or before this instant whose use record was evicted to respect `maximumTrackedNonces`.
    var forgottenThrough: SIPInstant?
    var nextPrune: SIPInstant?

    static let timeLength = 8
    static let randomLength = 16
    static let macLength = 16
    static let encodedLength = timeLength + randomLength + macLength

    /// - Parameters:
    ///   - secret: server secret for the MAC; at least 16 random octets, injected so tests are reproducible.
    ///   - generator: the randomness in each nonce (`SystemRandomNumberGenerator` in production).
    public init(
        secret: [UInt8], lifetime: Duration = .seconds(300), maximumTrackedNonces: Int = 100_000,
        generator: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        precondition(!secret.isEmpty, "a nonce secret must not be empty")
        precondition(lifetime > .zero, "a nonce lifetime must be positive")
        self.keyed = KeyedMAC(HMAC<SHA256>(key: SymmetricKey(data: secret)))
        self.lifetime = lifetime
        self.maximumTrackedNonces = max(1, maximumTrackedNonces)
        self.generator = generator
    }

    /// A fresh random secret from the system generator, for a server that does not keep one: nonces need not
    /// outlive the process, because the monotonic clock they carry does not either.
    public static func randomSecret(octets: Int = 32) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<octets).map { _ in generator.next() as UInt8 }
    }

    /// A fresh nonce issued at `now`.
    public mutating func mint(now: SIPInstant) -> String {
        var octets: [UInt8] = []
        octets.reserveCapacity(Self.encodedLength)
        withUnsafeBytes(of: now.nanoseconds.bigEndian) { octets.append(contentsOf: $0) }
        for _ in 0..<(Self.randomLength / 8) {
            withUnsafeBytes(of: generator.next() as UInt64) { octets.append(contentsOf: $0) }
        }
        octets.append(contentsOf: mac(octets))
        return Base64URL.encode(octets)
    }

    /// Checks a nonce's MAC and age. A nonce "issued" after `now` cannot come from this clock and is invalid.
    public func verify(_ nonce: String, now: SIPInstant) -> Verification {
        guard let octets = Base64URL.decode(nonce), octets.count == Self.encodedLength else { return .invalid }
        let signed = octets[0..<(Self.timeLength + Self.randomLength)]
        guard constantTimeEquals(mac(signed), octets[signed.endIndex...]) else { return .invalid }
        let issuedAt = SIPInstant(nanoseconds: octets[0..<Self.timeLength].reduce(0) { $0 << 8 | Int64($1) })
        if issuedAt > now { return .invalid }
        return now - issuedAt > lifetime ? .stale(issuedAt: issuedAt) : .valid(issuedAt: issuedAt)
    }

    private func mac(_ octets: ArraySlice<UInt8>) -> [UInt8] {
        var hmac = keyed.prepared
        hmac.update(data: octets)
        return hmac.finalize().withUnsafeBytes { Array($0.prefix(Self.macLength)) }
    }

    private func mac(_ octets: [UInt8]) -> [UInt8] { mac(octets[...]) }
}

/// A keyed HMAC state. Swift Crypto's hash states are value types (copy on write), so sharing one prepared state
/// between copies of the authority is safe; they are just not declared Sendable.
private struct KeyedMAC: @unchecked Sendable {
    let prepared: HMAC<SHA256>
    init(_ prepared: HMAC<SHA256>) { self.prepared = prepared }
}

/// Compares two octet sequences in time that depends only on their lengths, so a MAC or digest cannot be
/// guessed octet by octet from response timing.
func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(lhs, rhs) { difference |= a ^ b }
    return difference == 0
}
