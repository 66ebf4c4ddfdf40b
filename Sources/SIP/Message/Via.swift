/// One Via header value (RFC 3261 §20.42, §25.1 `via-parm`): sent-protocol, sent-by and via-params.
public struct Via: Sendable, Hashable, CustomStringConvertible {
    /// RFC 3261 §8.1.1.7: branch ids that start with this cookie are unique per transaction.
    public static let magicCookie = "z9hG4bK"

    public var protocolName: String
    public var protocolVersion: String
    /// Uppercased transport token ("UDP", "TCP", "TLS", "SCTP", or an unknown one).
    public var transport: String
    /// sent-by host as written (IPv6 in brackets).
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters

    public init(transport: String, host: String, port: Int?, branch: String) {
        self.protocolName = "SIP"
        self.protocolVersion = "2.0"
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = SIPParameters([.init(name: "branch", value: branch)])
    }

    init(protocolName: String, protocolVersion: String, transport: String, host: String, port: Int?,
         parameters: SIPParameters) {
        self.protocolName = protocolName
        self.protocolVersion = protocolVersion
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    public var branch: String? {
        get { parameters["branch"] ?? nil }
        set { if let newValue { parameters.set("branch", newValue) } else { parameters.remove("branch") } }
    }

    /// `received` (RFC 3261 §18.2.1), brackets of an IPv6 address removed (RFC 5118 §4.5 allows both forms).
    public var received: String? {
        guard let value = parameters["received"] ?? nil else { return nil }
        return value.hasPrefix("[") && value.hasSuffix("]") ? String(value.dropFirst().dropLast()) : value
    }

    /// `rport`: `.some(nil)` when requested without a value (RFC 3581 §3), `.some(port)` once filled in.
    public var rport: Int?? {
        guard let value = parameters["rport"] else { return nil }
        return .some(value.flatMap { Int($0) })
    }

    /// sent-by without IPv6 brackets.
    public var hostLiteral: String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// True when the branch starts with the RFC 3261 magic cookie (and has more after it, RFC 4475 §3.2.1).
    public var hasRFC3261Branch: Bool {
        guard let branch else { return false }
        return branch.hasPrefix(Self.magicCookie) && branch.utf8.count > Self.magicCookie.utf8.count
    }

    public var sentBy: String { port.map { "\(host):\($0)" } ?? host }

    public var description: String {
        "\(protocolName)/\(protocolVersion)/\(transport) \(sentBy)\(parameters.serialized)"
    }

    /// Parses a comma-separated Via header value.
    public static func list(parsing text: some StringProtocol) throws(SIPParseError) -> [Via] {
        try SIPScanner.scan(text) { (scanner: inout SIPScanner) throws(SIPParseError) in
            var result: [Via] = []
            repeat {
                result.append(try scanner.viaParm())
                scanner.skipWhitespace()
            } while scanner.consumeSeparator(UInt8(ascii: ","))
            guard scanner.isAtEnd else { throw .malformed("unexpected text in Via: \(scanner.remainder)") }
            return result
        }
    }
}

extension SIPScanner {
    /// The transport token uppercased; the common ones as literals.
    private static func uppercasedTransport(_ t: String) -> String {
        for known in knownTransports where t.caseInsensitiveEquals(known) { return known }
        return t.uppercased()
    }
    private static let knownTransports = ["UDP", "TCP", "TLS", "SCTP", "WS", "WSS"]

    mutating func viaParm() throws(SIPParseError) -> Via {
        skipWhitespace()
        let name = token()
        guard !name.isEmpty, consumeSeparator(UInt8(ascii: "/")) else { throw .malformed("malformed Via sent-protocol") }
        let version = token()
        guard !version.isEmpty, consumeSeparator(UInt8(ascii: "/")) else { throw .malformed("malformed Via sent-protocol") }
        let transport = token()
        guard !transport.isEmpty else { throw .malformed("malformed Via transport") }
        let beforeSpace = position
        skipWhitespace()
        guard position > beforeSpace else { throw .malformed("missing white space before Via sent-by") }
        let host: String
        if peek == UInt8(ascii: "[") {
            let start = position
            while position < end, bytes[position] != UInt8(ascii: "]") { position += 1 }
            guard consume(UInt8(ascii: "]")) else { throw .malformed("unterminated IPv6 reference in Via") }
            host = string(start, position)
            guard host.utf8.dropFirst().dropLast().allSatisfy({ SIPGrammar.isHex($0) || $0 == UInt8(ascii: ":")
                || $0 == UInt8(ascii: ".") }) else { throw .malformed("invalid IPv6 reference in Via") }
        } else {
            host = take { SIPGrammar.isAlpha($0) || SIPGrammar.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            guard !host.isEmpty else { throw .malformed("missing Via sent-by host") }
        }
        var port: Int?
        if consumeSeparator(UInt8(ascii: ":")) {
            let digits = take(while: SIPGrammar.isDigit)
            guard !digits.isEmpty, digits.utf8.count <= 5, let p = Int(digits), p <= 65535 else {
                throw .malformed("invalid Via port")
            }
            port = p
        }
        let params = try genericParameters()
        return Via(protocolName: name, protocolVersion: version, transport: Self.uppercasedTransport(transport),
                   host: host, port: port, parameters: params)
    }
}
