/// SDES offer/answer: choosing and confirming one `a=crypto` attribute per media stream (RFC 4568 §7.1).

/// The keys agreed for one media stream: the peer's key decrypts what arrives, this side's key protects what leaves.
public struct CryptoAgreement: Sendable, Hashable {
    /// The peer's attribute (its key protects the packets this side receives).
    public var remote: CryptoAttribute
    /// This side's attribute (its key protects the packets this side sends).
    public var local: CryptoAttribute
}

/// An offered attribute the answerer passed over, and why; for logs, since the other attributes may still succeed.
public enum SkippedCryptoAttribute: Sendable, Equatable {
    /// The line did not parse, or names an unsupported suite.
    case invalid(CryptoAttributeError)
    /// A session parameter this implementation cannot honour (RFC 4568 §6.3 forbids accepting it then).
    case unsupportedSessionParameter(tag: UInt32, parameter: String)
    /// Several master keys: the SRTP context uses one key per direction.
    case multipleKeys(tag: UInt32)
}

/// Why an SDES answer does not fit the offer it answers.
public enum CryptoAnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The answer has no `a=crypto` attribute for a stream offered with SDES.
    case missingAnswer
    /// The answer's tag matches none of the offered attributes.
    case unknownTag(UInt32)
    /// The answer's suite differs from the suite offered under its tag.
    case suiteMismatch(tag: UInt32, offered: CryptoSuite, answered: CryptoSuite)
    /// The answer's attribute is itself invalid.
    case invalid(CryptoAttributeError)

    public var description: String {
        switch self {
        case .missingAnswer: "the SDP answer carries no a=crypto attribute for a stream offered with SDES"
        case .unknownTag(let tag): "the SDP answer's a=crypto tag \(tag) matches no offered attribute"
        case .suiteMismatch(let tag, let offered, let answered):
            "the SDP answer's a=crypto:\(tag) uses \(answered.name) but \(offered.name) was offered under that tag"
        case .invalid(let error): "the SDP answer's a=crypto is invalid: \(error)"
        }
    }
}

public enum CryptoNegotiation {
    /// Session parameters that need nothing from the SRTP context: WSH is only a hint for the replay window.
    static func isHonoured(_ parameter: String) -> Bool { parameter.hasPrefix("WSH=") }

    /// The offerer's attributes, one per suite in preference order, tags from 1, each with a fresh key.
    public static func offer(
        suites: [CryptoSuite] = [.aeadAES128GCM, .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32],
        using generator: inout some RandomNumberGenerator
    ) -> [CryptoAttribute] {
        suites.enumerated().map { index, suite in
            CryptoAttribute.generate(tag: UInt32(index + 1), suite: suite, using: &generator)
        }
    }

    /// Answers an offer's `a=crypto` values (RFC 4568 §7.1.2): the first one, in the offer's order of preference,
    /// with a suite in `supported` and nothing this side cannot honour, answered with the same tag and suite and a
    /// fresh key. `nil` agreement means no attribute is acceptable, and the stream must be refused.
    public static func answer(
        offer values: [String], supported: Set<CryptoSuite> = Set(CryptoSuite.allCases),
        using generator: inout some RandomNumberGenerator
    ) -> (agreement: CryptoAgreement?, skipped: [SkippedCryptoAttribute]) {
        var skipped: [SkippedCryptoAttribute] = []
        for value in values {
            let offered: CryptoAttribute
            do {
                offered = try CryptoAttribute(parsing: value)
            } catch {
                skipped.append(.invalid(error))
                continue
            }
            guard supported.contains(offered.suite) else {
                skipped.append(.invalid(.unsupportedSuite(tag: offered.tag, suite: offered.suite.name)))
                continue
            }
            if let parameter = offered.sessionParameters.first(where: { !isHonoured($0) }) {
                skipped.append(.unsupportedSessionParameter(tag: offered.tag, parameter: parameter))
                continue
            }
            guard offered.keys.count == 1 else {
                skipped.append(.multipleKeys(tag: offered.tag))
                continue
            }
            let local = CryptoAttribute.generate(tag: offered.tag, suite: offered.suite, using: &generator)
            return (CryptoAgreement(remote: offered, local: local), skipped)
        }
        return (nil, skipped)
    }

    /// Matches the answer's `a=crypto` value to the attribute offered under its tag (RFC 4568 §7.1.3).
    public static func accept(
        answer value: String?, offered: [CryptoAttribute]
    ) throws(CryptoAnswerError) -> CryptoAgreement {
        guard let value else { throw .missingAnswer }
        let answer: CryptoAttribute
        do {
            answer = try CryptoAttribute(parsing: value)
        } catch {
            throw .invalid(error)
        }
        guard let local = offered.first(where: { $0.tag == answer.tag }) else { throw .unknownTag(answer.tag) }
        guard local.suite == answer.suite else {
            throw .suiteMismatch(tag: answer.tag, offered: local.suite, answered: answer.suite)
        }
        return CryptoAgreement(remote: answer, local: local)
    }
}
