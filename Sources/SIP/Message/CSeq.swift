/// The CSeq header (RFC 3261 §20.16): a sequence number below 2^32 and the request method.
public struct CSeq: Sendable, Hashable, CustomStringConvertible {
    public var sequence: UInt32
    public var method: SIPMethod

    public init(_ sequence: UInt32, _ method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    public init(parsing text: some StringProtocol) throws(SIPParseError) {
        (sequence, method) = try SIPScanner.scan(text) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try Self.parse(&scanner)
        }
    }

    private static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> (UInt32, SIPMethod) {
        scanner.skipWhitespace()
        let digits = scanner.take(while: SIPGrammar.isDigit)
        // RFC 3261 §8.1.1.5: the sequence number MUST be less than 2^31... and §25.1 caps it below 2^32.
        guard !digits.isEmpty, let n = UInt32(digits.drop(while: { $0 == "0" }).isEmpty ? "0" : String(digits.drop(while: { $0 == "0" })))
        else { throw .malformed("CSeq number missing or not below 2^32") }
        let before = scanner.position
        scanner.skipWhitespace()
        guard scanner.position > before else { throw .malformed("malformed CSeq") }
        let method = scanner.token()
        scanner.skipWhitespace()
        guard !method.isEmpty, scanner.isAtEnd else { throw .malformed("malformed CSeq method") }
        return (n, SIPMethod(method))
    }

    public var description: String { "\(sequence) \(method.rawValue)" }
}
