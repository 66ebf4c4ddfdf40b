/// `name-addr / addr-spec` followed by header parameters, the shape of From, To, Contact, Route and Record-Route
/// values (RFC 3261 §20.10, §20.20, §20.39, §25.1).
public struct NameAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name with quoting removed, nil when absent.
    public var displayName: String?
    public var uri: SIPURI
    /// Header parameters after the address (`tag`, `expires`, `q`, ...): never the URI's own parameters.
    public var parameters: SIPParameters

    public init(displayName: String? = nil, uri: SIPURI, parameters: SIPParameters = .init()) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    /// The `tag` parameter of From/To (RFC 3261 §19.3).
    public var tag: String? {
        get { parameters["tag"] ?? nil }
        set { if let newValue { parameters.set("tag", newValue) } else { parameters.remove("tag") } }
    }

    /// Parses exactly one value.
    public init(parsing text: some StringProtocol) throws(SIPParseError) {
        self = try SIPScanner.scan(text) { (scanner: inout SIPScanner) throws(SIPParseError) in
            let first = try scanner.nameAddress()
            scanner.skipWhitespace()
            if scanner.isAtEnd { return first }
            // More than one: parse the rest as a list to say how many, or why it is malformed.
            guard scanner.consumeSeparator(UInt8(ascii: ",")) else {
                throw .malformed("unexpected text after address: \(scanner.remainder)")
            }
            let rest = try scanner.nameAddressList()
            throw .malformed("expected one address, found \(1 + rest.count)")
        }
    }

    /// Parses a comma-separated list (Contact, Route, Record-Route).
    public static func list(parsing text: some StringProtocol) throws(SIPParseError) -> [NameAddress] {
        try SIPScanner.scan(text) { (scanner: inout SIPScanner) throws(SIPParseError) in try scanner.nameAddressList() }
    }

    /// Always the bracketed form, which is valid for every URI (RFC 3261 §20).
    public var description: String {
        var out = ""
        if let displayName, !displayName.isEmpty { out = displayName.sipQuoted + " " }
        return out + "<" + uri.description + ">" + parameters.serialized
    }
}

extension SIPScanner {
    mutating func nameAddressList() throws(SIPParseError) -> [NameAddress] {
        var result: [NameAddress] = []
        repeat {
            result.append(try nameAddress())
            skipWhitespace()
        } while consumeSeparator(UInt8(ascii: ","))
        skipWhitespace()
        guard isAtEnd else { throw .malformed("unexpected text after address: \(remainder)") }
        return result
    }

    mutating func nameAddress() throws(SIPParseError) -> NameAddress {
        skipWhitespace()
        var display: String?
        if peek == UInt8(ascii: "\"") {
            display = try quotedString()
            skipWhitespace()
            guard peek == UInt8(ascii: "<") else { throw .malformed("display name not followed by <URI>") }
        } else if peek != UInt8(ascii: "<") {
            // Either `*(token LWS) <URI>` or a bare addr-spec: look ahead for '<' after tokens and LWS.
            let start = position
            var words: [String] = []
            while true {
                let word = token()
                if word.isEmpty { break }
                words.append(word)
                skipWhitespace()
            }
            if peek == UInt8(ascii: "<"), !words.isEmpty {
                display = words.joined(separator: " ")
            } else {
                position = start
                return try addrSpec()
            }
        }
        guard consume(UInt8(ascii: "<")) else { throw .malformed("expected <URI>") }
        let uriStart = position
        while position < end, bytes[position] != UInt8(ascii: ">") { position += 1 }
        guard position < end else { throw .malformed("missing > after URI") }
        let uri = try SIPURI(bytes: UnsafeBufferPointer(rebasing: bytes[uriStart..<position]))
        position += 1
        let params = try genericParameters()
        return NameAddress(displayName: display, uri: uri, parameters: params)
    }

    /// addr-spec without brackets: the URI ends at ';', ',' or white space, and so may not contain them, nor '?'
    /// (RFC 3261 §20: such URIs must be enclosed in <>; RFC 4475 §3.1.2.13).
    private mutating func addrSpec() throws(SIPParseError) -> NameAddress {
        let start = position
        while position < end, bytes[position] != UInt8(ascii: ";"), bytes[position] != UInt8(ascii: ","),
              !SIPGrammar.isWhitespace(bytes[position]) { position += 1 }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if raw.contains(UInt8(ascii: "?")) {
            throw .malformed("a URI with headers must be enclosed in <>")
        }
        let uri = try SIPURI(bytes: raw)
        let params = try genericParameters()
        return NameAddress(uri: uri, parameters: params)
    }
}
