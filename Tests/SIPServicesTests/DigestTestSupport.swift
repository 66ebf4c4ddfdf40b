import SIP
@testable import SIPServices

/// SplitMix64: a reproducible generator, so nonces in tests are the same on every run.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SIPInstant {
    static func seconds(_ value: Int64) -> SIPInstant { SIPInstant(nanoseconds: value * 1_000_000_000) }
}

/// What a UA does on receiving a challenge: computes its Authorization header value (RFC 7616 §3.4).
struct DigestClient {
    var username: String
    var password: String
    var cnonce = "0a4f113b"

    func authorization(
        for challenge: DigestChallenge, method: String = "REGISTER", uri: String, nonceCount: UInt32? = 1,
        realm: String? = nil
    ) -> String {
        let realm = realm ?? challenge.realm
        let algorithm = challenge.algorithm
        let ha1 = algorithm.ha1(username: username, realm: realm, password: password)
        let nc = nonceCount.map { String(repeating: "0", count: 8 - String($0, radix: 16).count) + String($0, radix: 16) }
        let response = algorithm.response(
            ha1: ha1, nonce: challenge.nonce, nonceCount: nc, cnonce: nc == nil ? nil : cnonce,
            qop: nc == nil ? nil : "auth", method: method, uri: uri
        )
        var value = #"Digest username="\#(username)", realm="\#(realm)", nonce="\#(challenge.nonce)", "#
            + #"uri="\#(uri)", response="\#(response)", algorithm=\#(algorithm.token)"#
        if let nc { value += #", qop=auth, nc=\#(nc), cnonce="\#(cnonce)""# }
        return value
    }
}
