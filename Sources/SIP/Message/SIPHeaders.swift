/// The header fields of a message in their wire order (RFC 3261 §7.3). Unknown headers are kept verbatim; values
/// are stored unfolded (§7.3.1) and serialized on one line each.
public struct SIPHeaders: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral {
    public struct Field: Sendable, Hashable {
        /// The name as written.
        public var name: String
        /// Canonical key ("call-id" for "i" or "Call-ID").
        public let key: String
        public var value: String
        /// The well-known name id of `key` (0 for other names).
        let id: UInt8

        public init(name: String, value: String) {
            self.name = name
            self.key = SIPHeaderName.canonicalKey(name)
            self.id = SIPHeaderName.wellKnownID(key: key)
            self.value = value
        }

        init(name: String, key: String, id: UInt8, value: String) {
            self.name = name
            self.key = key
            self.id = id
            self.value = value
        }

        init(_ name: SIPHeaderName, value: String) {
            self.init(name: name.spelling, key: name.key, id: name.id, value: value)
        }

        /// Whether this field is named `name`: one octet compared for known names, the keys otherwise.
        @inline(__always)
        func has(_ name: SIPHeaderName) -> Bool { id == name.id && (id != 0 || key == name.key) }
    }

    public private(set) var fields: [Field] {
        didSet { essentials = nil }
    }

    /// Typed values of the headers every element reads (Via, From, To, CSeq, Contact), kept from the parser's
    /// validation so that the transaction layer and the TU do not parse them again. Any change to the fields drops it.
    /// Held by reference so that copying a message (into actions, transactions, responses) copies a pointer, not
    /// several hundred octets of parsed values.
    var essentials: ParsedEssentialsBox?

    var parsed: ParsedEssentials {
        get { essentials?.value ?? ParsedEssentials() }
        set { essentials = ParsedEssentialsBox(newValue) }
    }

    public init(_ fields: [Field] = []) { self.fields = fields }

    public static func == (lhs: SIPHeaders, rhs: SIPHeaders) -> Bool { lhs.fields == rhs.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }
    public init(arrayLiteral elements: (SIPHeaderName, String)...) {
        fields = elements.map { Field($0.0, value: $0.1) }
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
    public var count: Int { fields.count }

    /// The value of the first field named `name`.
    public subscript(name: SIPHeaderName) -> String? {
        for f in fields where f.has(name) { return f.value }
        return nil
    }

    /// Every field value named `name`, in order (one per header line, not split at commas).
    public func values(_ name: SIPHeaderName) -> [String] {
        fields.lazy.filter { $0.has(name) }.map(\.value)
    }

    public func contains(_ name: SIPHeaderName) -> Bool { fields.contains { $0.has(name) } }

    public func count(of name: SIPHeaderName) -> Int { fields.reduce(0) { $0 + ($1.has(name) ? 1 : 0) } }

    /// Appends a field as it is (name as written, key already known): copying fields between messages.
    mutating func append(_ field: Field) { fields.append(field) }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    public mutating func append(_ name: SIPHeaderName, _ value: String) {
        fields.append(Field(name, value: value))
    }

    /// Inserts before the first field of the same name (or at the top): how a new Via or Record-Route goes on.
    public mutating func prepend(_ name: SIPHeaderName, _ value: String) {
        let i = fields.firstIndex { $0.has(name) } ?? 0
        fields.insert(Field(name, value: value), at: i)
    }

    /// Replaces all fields named `name` by one, kept at the position of the first (or appended).
    public mutating func set(_ name: SIPHeaderName, _ value: String) {
        if let i = fields.firstIndex(where: { $0.has(name) }) {
            fields[i].value = value
            var j = fields.count - 1
            while j > i {
                if fields[j].has(name) { fields.remove(at: j) }
                j -= 1
            }
        } else {
            append(name, value)
        }
    }

    public mutating func remove(_ name: SIPHeaderName) {
        fields.removeAll { $0.has(name) }
    }

    /// Replaces the value of the first field named `name`; returns false when there is none.
    @discardableResult
    public mutating func replaceFirst(_ name: SIPHeaderName, with value: String) -> Bool {
        guard let i = fields.firstIndex(where: { $0.has(name) }) else { return false }
        fields[i].value = value
        return true
    }

    /// Removes the first comma-separated element of the first field named `name` (e.g. the top Via or Route),
    /// dropping the field when it held only that element.
    public mutating func removeFirstElement(_ name: SIPHeaderName) {
        guard let i = fields.firstIndex(where: { $0.has(name) }) else { return }
        let elements = SIPHeaders.splitList(fields[i].value)
        if elements.count <= 1 {
            fields.remove(at: i)
        } else {
            fields[i].value = elements.dropFirst().joined(separator: ", ")
        }
    }

    /// Splits a header value at the commas that separate list elements, not those inside quoted strings or <...>
    /// (RFC 3261 §7.3.1). Elements are trimmed.
    public static func splitList(_ value: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        var inQuotes = false, inAngle = false, escaped = false
        for b in value.utf8 {
            if escaped { escaped = false; current.append(b); continue }
            switch b {
            case UInt8(ascii: "\\") where inQuotes: escaped = true
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: "<") where !inQuotes: inAngle = true
            case UInt8(ascii: ">") where !inQuotes: inAngle = false
            case UInt8(ascii: ",") where !inQuotes && !inAngle:
                result.append(String(decoding: current, as: UTF8.self).trimmingSIPWhitespace())
                current.removeAll(keepingCapacity: true)
                continue
            default: break
            }
            current.append(b)
        }
        result.append(String(decoding: current, as: UTF8.self).trimmingSIPWhitespace())
        return result
    }
}

extension String {
    /// Without leading and trailing SP / HTAB (LWS after unfolding, RFC 3261 §25.1).
    public func trimmingSIPWhitespace() -> String {
        let u = utf8
        guard let first = u.firstIndex(where: { !SIPGrammar.isWhitespace($0) }) else { return "" }
        let last = u.lastIndex(where: { !SIPGrammar.isWhitespace($0) })!
        return String(self[first...last])
    }
}
