/// The SDES `a=crypto` attribute: SRTP keys carried in SDP (RFC 4568 §9.1, §6).

/// `a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]`.
///
/// Holds secret material: `description`, `debugDescription` and reflection never show keys. ``encoded`` and
/// ``attributeLine`` write the attribute, keys included, for an SDP body.
public struct CryptoAttribute: Sendable, Hashable {
    /// The attribute name in `a=crypto:`.
    public static let attributeName = "crypto"

    /// Identifies this attribute among the offer's alternatives; an answer echoes the chosen tag (RFC 4568 §5.1).
    public var tag: UInt32
    public var suite: CryptoSuite
    /// One key, or several told apart by MKI (RFC 4568 §6.1). Never empty.
    public var keys: [KeyParameters]
    /// Session parameters such as `KDR=1` or `UNENCRYPTED_SRTP`, kept as written (RFC 4568 §6.3).
    public var sessionParameters: [String]

    public init(tag: UInt32, suite: CryptoSuite, keys: [KeyParameters], sessionParameters: [String] = []) {
        precondition(!keys.isEmpty, "an a=crypto attribute carries at least one key")
        self.tag = tag
        self.suite = suite
        self.keys = keys
        self.sessionParameters = sessionParameters
    }

    /// The first (usually the only) key.
    public var key: KeyParameters { keys[0] }

    /// The attribute value, keys included: `1 AES_CM_128_HMAC_SHA1_80 inline:...`.
    public var encoded: String {
        ([String(tag), suite.name, keys.map(\.encoded).joined(separator: ";")] + sessionParameters)
            .joined(separator: " ")
    }

    /// The full SDP line without its line ending: `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:...`.
    public var attributeLine: String { "a=\(Self.attributeName):" + encoded }
}

// MARK: - Parsing

extension CryptoAttribute {
    /// Parses an attribute value, with or without its leading `a=crypto:`.
    ///
    /// Throws ``CryptoAttributeError/unsupportedSuite(tag:suite:)`` for a well-formed attribute whose suite is not
    /// supported, so an answerer can skip it and try the next.
    public init(parsing text: some StringProtocol) throws(CryptoAttributeError) {
        var value = Substring(text)
        for prefix in ["a=crypto:", "crypto:"] where value.hasPrefix(prefix) {
            value = value.dropFirst(prefix.count)
            break
        }
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 1 else { throw .missingField("tag") }
        guard fields[0].count <= 9, fields[0].allSatisfy(\.isASCIIDigit), let tag = UInt32(fields[0]) else {
            throw .invalidTag(String(fields[0]))
        }
        guard fields.count >= 2 else { throw .missingField("crypto-suite") }
        guard let suite = CryptoSuite(rawValue: String(fields[1])) else {
            throw .unsupportedSuite(tag: tag, suite: String(fields[1]))
        }
        guard fields.count >= 3 else { throw .missingField("key parameters") }
        var keys: [KeyParameters] = []
        for keyParam in fields[2].split(separator: ";", omittingEmptySubsequences: false) {
            keys.append(try KeyParameters(parsing: keyParam, suite: suite))
        }
        if keys.count > 1, keys.contains(where: { $0.mki == nil }) { throw .multipleKeysWithoutMKI }
        self.init(tag: tag, suite: suite, keys: keys, sessionParameters: fields.dropFirst(3).map(String.init))
    }
}

extension KeyParameters {
    /// Parses `inline:<key||salt>[|lifetime][|MKI:length]` for `suite` (RFC 4568 §6.1, §9.2).
    init(parsing text: Substring, suite: CryptoSuite) throws(CryptoAttributeError) {
        guard let colon = text.firstIndex(of: ":") else { throw .missingField("key method ('inline:')") }
        let method = text[..<colon]
        guard method == "inline" else { throw .unsupportedKeyMethod(String(method)) }
        let parts = text[text.index(after: colon)...].split(separator: "|", omittingEmptySubsequences: false)
        let keySalt: [UInt8]
        do {
            keySalt = try Base64.decode(parts[0].utf8)
        } catch {
            switch error {
            case .invalidCharacter(let offset): throw .invalidBase64(offset: offset)
            case .lengthNotMultipleOfFour, .invalidPadding: throw .invalidBase64(offset: nil)
            }
        }
        guard keySalt.count == suite.keySaltLength else {
            throw .wrongKeySaltLength(suite: suite, expected: suite.keySaltLength, actual: keySalt.count)
        }
        var lifetime: Lifetime?
        var mki: MKI?
        for part in parts.dropFirst() {
            // The lifetime, when present, comes before the MKI; an MKI always has a colon (RFC 4568 §9.2).
            if part.contains(":") {
                guard mki == nil else { throw .unexpectedKeyInfoField(String(part)) }
                mki = try MKI(parsing: part)
            } else {
                guard lifetime == nil, mki == nil else { throw .unexpectedKeyInfoField(String(part)) }
                let parsed = try Lifetime(parsing: part)
                guard parsed.packetCount <= suite.maximumSRTPLifetime else {
                    throw .lifetimeTooLong(suite: suite, maximum: suite.maximumSRTPLifetime)
                }
                lifetime = parsed
            }
        }
        self.init(masterKey: Array(keySalt[..<suite.masterKeyLength]),
                  masterSalt: Array(keySalt[suite.masterKeyLength...]), lifetime: lifetime, mki: mki)
    }
}

extension KeyParameters.Lifetime {
    init(parsing text: Substring) throws(CryptoAttributeError) {
        let digits = text.hasPrefix("2^") ? text.dropFirst(2) : text
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let number = UInt64(digits), number > 0 else {
            throw .invalidLifetime(String(text))
        }
        if text.hasPrefix("2^") {
            guard number < 64 else { throw .invalidLifetime(String(text)) }
            self = .powerOfTwo(exponent: Int(number))
        } else {
            self = .packets(number)
        }
    }
}

extension KeyParameters.MKI {
    init(parsing text: Substring) throws(CryptoAttributeError) {
        let halves = text.split(separator: ":", omittingEmptySubsequences: false)
        guard halves.count == 2,
              !halves[0].isEmpty, halves[0].allSatisfy(\.isASCIIDigit), let value = UInt64(halves[0]),
              (1...3).contains(halves[1].count), halves[1].allSatisfy(\.isASCIIDigit),
              let length = Int(halves[1]), (1...128).contains(length),
              length >= 8 || value < (1 << UInt64(8 * length))
        else { throw .invalidMKI(String(text)) }
        self.init(value: value, length: length)
    }
}

// MARK: - Redaction

extension CryptoAttribute: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The attribute with its keys redacted.
    public var description: String {
        ([String(tag), suite.name, keys.map(\.description).joined(separator: ";")] + sessionParameters)
            .joined(separator: " ")
    }

    public var debugDescription: String { "CryptoAttribute(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["tag": tag, "suite": suite, "keys": keys, "sessionParameters": sessionParameters])
    }
}
