/// Why an SDES `a=crypto` attribute was refused (RFC 4568 §9.1 grammar, §6.1–6.2 key rules).

/// A refused `a=crypto` attribute. Messages never contain key material.
public enum CryptoAttributeError: Error, Sendable, Equatable {
    /// The attribute lacks a field the grammar requires (`tag`, `crypto-suite` or `key-params`).
    case missingField(String)
    /// The tag is not 1 to 9 decimal digits.
    case invalidTag(String)
    /// A well-formed attribute naming a suite this implementation does not support. An answerer skips this one
    /// and considers the offer's next attribute (RFC 4568 §7.1.2).
    case unsupportedSuite(tag: UInt32, suite: String)
    /// The key method is not `inline` (the only method RFC 4568 defines for SRTP).
    case unsupportedKeyMethod(String)
    /// The key-salt is not valid base 64; `offset` counts characters after `inline:`.
    case invalidBase64(offset: Int?)
    /// The decoded key-salt does not have the length the suite demands.
    case wrongKeySaltLength(suite: CryptoSuite, expected: Int, actual: Int)
    /// The lifetime is neither `2^n` nor a positive decimal number.
    case invalidLifetime(String)
    /// The lifetime exceeds what the suite allows.
    case lifetimeTooLong(suite: CryptoSuite, maximum: UInt64)
    /// The MKI is not `value:length` with a length of 1 to 128 octets that can hold the value.
    case invalidMKI(String)
    /// Several keys are offered but not every one carries an MKI to tell them apart (RFC 4568 §6.1).
    case multipleKeysWithoutMKI
    /// A key-info field has more `|`-separated parts than key-salt, lifetime and MKI.
    case unexpectedKeyInfoField(String)
}

extension CryptoAttributeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingField(let field):
            "a=crypto is missing its \(field); expected 'a=crypto:<tag> <suite> inline:<key||salt>[|lifetime][|MKI:length]'"
        case .invalidTag(let tag):
            "a=crypto tag '\(tag)' must be 1 to 9 decimal digits"
        case .unsupportedSuite(let tag, let suite):
            "a=crypto:\(tag) offers crypto-suite '\(suite)', which is not supported; supported: "
                + CryptoSuite.allCases.map(\.name).joined(separator: ", ")
        case .unsupportedKeyMethod(let method):
            "a=crypto key method '\(method)' is not supported; SRTP keys must be given 'inline:'"
        case .invalidBase64(let offset):
            "a=crypto inline key is not valid base 64 (RFC 4648 §4, padded)"
                + (offset.map { " at character \($0)" } ?? "")
        case .wrongKeySaltLength(let suite, let expected, let actual):
            "a=crypto inline key for \(suite.name) must decode to \(expected) octets (key \(suite.masterKeyLength) + "
                + "salt \(suite.masterSaltLength)), got \(actual)"
        case .invalidLifetime(let text):
            "a=crypto lifetime '\(text)' must be '2^n' or a positive decimal number of packets"
        case .lifetimeTooLong(let suite, let maximum):
            "a=crypto lifetime exceeds the \(maximum) packets \(suite.name) allows"
        case .invalidMKI(let text):
            "a=crypto MKI '\(text)' must be '<value>:<length>' with a length of 1 to 128 octets large enough for the value"
        case .multipleKeysWithoutMKI:
            "a=crypto offers several keys; each needs an MKI ('|<value>:<length>') to tell them apart"
        case .unexpectedKeyInfoField(let text):
            "a=crypto key info has an unexpected field '\(text)'; expected key||salt, then optional lifetime and MKI"
        }
    }
}
