/// Fresh SDES keys for an offer or an answer (RFC 4568 §6.1; RFC 3711 §8.2 wants them random and secret).

extension KeyParameters {
    /// A new random master key and salt for `suite`, drawn from `generator`.
    ///
    /// In production pass `SystemRandomNumberGenerator` (the kernel's cryptographic generator); tests inject a
    /// deterministic one.
    public static func random(
        for suite: CryptoSuite, lifetime: Lifetime? = nil, mki: MKI? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> KeyParameters {
        var bytes = [UInt8]()
        bytes.reserveCapacity(suite.keySaltLength + 7)
        while bytes.count < suite.keySaltLength {
            withUnsafeBytes(of: generator.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return KeyParameters(
            masterKey: Array(bytes[..<suite.masterKeyLength]),
            masterSalt: Array(bytes[suite.masterKeyLength..<suite.keySaltLength]),
            lifetime: lifetime, mki: mki)
    }
}

extension CryptoAttribute {
    /// An attribute with one fresh key for `suite`, drawn from `generator`.
    public static func generate(
        tag: UInt32, suite: CryptoSuite, lifetime: KeyParameters.Lifetime? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> CryptoAttribute {
        CryptoAttribute(
            tag: tag, suite: suite, keys: [.random(for: suite, lifetime: lifetime, using: &generator)])
    }
}
