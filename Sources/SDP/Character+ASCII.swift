/// ASCII character classes from the SDP and SDES grammars (RFC 8866 §9, RFC 5234 Appendix B.1 `DIGIT`).

extension Character {
    /// `DIGIT`: 0–9 only, unlike `isNumber`, which also accepts other scripts' digits.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
