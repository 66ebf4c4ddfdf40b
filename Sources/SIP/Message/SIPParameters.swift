/// An ordered list of `;name[=value]` parameters (RFC 3261 §19.1.1 uri-parameters, §20 generic-param), names compared
/// case-insensitively, order and spelling kept for serialization.
public struct SIPParameters: Sendable, Hashable, Sequence {
    public struct Parameter: Sendable, Hashable {
        public var name: String
        /// nil for a flag parameter such as `lr` or `rport`.
        public var value: String?
        public init(name: String, value: String?) { self.name = name; self.value = value }
    }

    public private(set) var items: [Parameter]

    public init(_ items: [Parameter] = []) { self.items = items }

    public var isEmpty: Bool { items.isEmpty }
    public func makeIterator() -> IndexingIterator<[Parameter]> { items.makeIterator() }

    /// The value of parameter `name`: `.some(nil)` for a flag, nil when absent.
    public subscript(name: String) -> String?? {
        get {
            guard let i = index(of: name) else { return nil }
            return .some(items[i].value)
        }
    }

    public func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// Sets (or adds at the end) parameter `name`.
    public mutating func set(_ name: String, _ value: String?) {
        if let i = index(of: name) { items[i].value = value } else { items.append(.init(name: name, value: value)) }
    }

    public mutating func remove(_ name: String) {
        items.removeAll { $0.name.caseInsensitiveEquals(name) }
    }

    private func index(of name: String) -> Int? {
        items.firstIndex { $0.name.caseInsensitiveEquals(name) }
    }

    /// Appends the `;a=b;c` form.
    func write(into out: inout [UInt8]) {
        for p in items {
            out.append(UInt8(ascii: ";"))
            out.appendUTF8(p.name)
            if let v = p.value { out.append(UInt8(ascii: "=")); out.appendUTF8(v) }
        }
    }

    /// `;a=b;c` form.
    public var serialized: String {
        var out = ""
        for p in items {
            out += ";" + p.name
            if let v = p.value { out += "=" + v }
        }
        return out
    }
}

extension StringProtocol {
    /// ASCII case-insensitive comparison, what SIP uses for tokens and parameter names.
    @inlinable
    public func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        var i = a.startIndex, j = b.startIndex
        while i != a.endIndex {
            let x = a[i], y = b[j]
            guard x == y || (x | 0x20 == y | 0x20 && SIPGrammar.isAlpha(x)) else { return false }
            a.formIndex(after: &i)
            b.formIndex(after: &j)
        }
        return true
    }
}

extension SIPScanner {
    /// Parses `*( SEMI generic-param )` — `;name[=token|host|quoted-string]` with LWS allowed around `;` and `=`
    /// (RFC 3261 §25.1). Quoted values keep their quotes so serialization round-trips.
    mutating func genericParameters(stopAt stop: UInt8 = UInt8(ascii: ",")) throws(SIPParseError) -> SIPParameters {
        var params: [SIPParameters.Parameter] = []
        while true {
            let saved = position
            skipWhitespace()
            if isAtEnd || bytes[position] == stop { position = saved; break }
            guard consumeSeparator(UInt8(ascii: ";")) else {
                throw .malformed("unexpected character '\(Character(Unicode.Scalar(bytes[position])))' in parameters")
            }
            let name = token()
            if name.isEmpty { throw .malformed("empty parameter") }
            var value: String?
            if consumeSeparator(UInt8(ascii: "=")) {
                if peek == UInt8(ascii: "\"") {
                    let start = position
                    _ = try quotedString()
                    value = string(start, position)
                } else {
                    // gen-value = token / host / quoted-string; host may be an IPv6 reference "[...]".
                    value = take { SIPGrammar.isToken($0) || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]")
                        || $0 == UInt8(ascii: ":") }
                    if value!.isEmpty { throw .malformed("parameter \(name) has an empty value") }
                }
            }
            params.append(.init(name: name, value: value))
        }
        return SIPParameters(params)
    }
}
