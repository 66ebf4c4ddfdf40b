/// Typed views of the headers every transaction and TU needs (RFC 3261 §8.1.1, §20).
/// Parsed values cached by `SIPHeaders` (see `parsed`).
struct ParsedEssentials: Sendable {
    var vias: [Via]?
    var from: NameAddress?
    var to: NameAddress?
    var cseq: CSeq?
    var contacts: (addresses: [NameAddress], isWildcard: Bool)?
}

/// Immutable once made: a change makes a new box, so sharing one between copies of the headers is safe.
final class ParsedEssentialsBox: Sendable {
    let value: ParsedEssentials
    init(_ value: ParsedEssentials) { self.value = value }
}

extension SIPHeaders {
    /// Parses the headers every element depends on, checks single-valued ones appear once (RFC 4475 §3.3.8), and keeps
    /// the typed values for later readers.
    mutating func validateEssentials(isRequest: Bool) throws(SIPParseError) {
        for name in Self.singletons {
            switch count(of: name) {
            case 0: throw .malformed("missing \(name.spelling) header")
            case 1: break
            default: throw .malformed("more than one \(name.spelling) header")
            }
        }
        guard count(of: .maxForwards) <= 1 else { throw .malformed("more than one Max-Forwards header") }
        guard let callID, !callID.isEmpty, !callID.utf8.contains(where: { SIPGrammar.isWhitespace($0) }) else {
            throw .malformed("malformed Call-ID")
        }
        var essentials = ParsedEssentials()
        essentials.vias = try vias()
        guard !(essentials.vias!.isEmpty) else { throw .malformed("missing Via header") }
        essentials.cseq = try cseq()
        essentials.from = try from()
        essentials.to = try to()
        _ = try maxForwards()
        if isRequest { essentials.contacts = try contacts() }
        _ = try routes(.route)
        _ = try routes(.recordRoute)
        parsed = essentials
    }

    private static let singletons: [SIPHeaderName] = [.callID, .from, .to, .cseq]

    /// All Via values top first, across every Via line.
    public func vias() throws(SIPParseError) -> [Via] {
        if let vias = essentials?.value.vias { return vias }
        var all: [Via] = []
        for f in fields where f.has(.via) {
            let list = try Via.list(parsing: f.value)
            if all.isEmpty { all = list } else { all += list }
        }
        return all
    }

    public func topVia() throws(SIPParseError) -> Via {
        if let top = essentials?.value.vias?.first { return top }
        guard let first = self[.via] else { throw .malformed("missing Via") }
        return try SIPScanner.scan(first) { (scanner: inout SIPScanner) throws(SIPParseError) in try scanner.viaParm() }
    }

    public var callID: String? { self[.callID] }

    public func cseq() throws(SIPParseError) -> CSeq {
        if let cseq = essentials?.value.cseq { return cseq }
        guard let v = self[.cseq] else { throw .malformed("missing CSeq") }
        return try CSeq(parsing: v)
    }

    public func from() throws(SIPParseError) -> NameAddress {
        if let from = essentials?.value.from { return from }
        guard let v = self[.from] else { throw .malformed("missing From") }
        return try NameAddress(parsing: v)
    }

    public func to() throws(SIPParseError) -> NameAddress {
        if let to = essentials?.value.to { return to }
        guard let v = self[.to] else { throw .malformed("missing To") }
        return try NameAddress(parsing: v)
    }

    /// Contact values; `isWildcard` when the value is `*` (RFC 3261 §10.2.2).
    public func contacts() throws(SIPParseError) -> (addresses: [NameAddress], isWildcard: Bool) {
        if let contacts = essentials?.value.contacts { return contacts }
        var all: [NameAddress] = []
        var wildcard = false
        for f in fields where f.has(.contact) {
            if f.value.trimmingSIPWhitespace() == "*" { wildcard = true; continue }
            let list = try NameAddress.list(parsing: f.value)
            if all.isEmpty { all = list } else { all += list }
        }
        if wildcard && !all.isEmpty { throw .malformed("Contact: * mixed with other contacts") }
        return (all, wildcard)
    }

    public func routes(_ name: SIPHeaderName = .route) throws(SIPParseError) -> [NameAddress] {
        var all: [NameAddress] = []
        for f in fields where f.has(name) { all += try NameAddress.list(parsing: f.value) }
        return all
    }

    /// Max-Forwards (RFC 3261 §20.22): 0–255; nil when absent.
    public func maxForwards() throws(SIPParseError) -> Int? {
        guard let v = self[.maxForwards] else { return nil }
        return try Self.integer(v, max: 255, name: "Max-Forwards")
    }

    /// Expires (RFC 3261 §20.19) in seconds; nil when absent. Overlarge values saturate at 2^32-1 (§3.1.2.4 of RFC 4475
    /// allows treating them as the default; the registrar clamps to its maximum anyway).
    public func expires() throws(SIPParseError) -> UInt32? {
        guard let v = self[.expires] else { return nil }
        let digits = v.trimmingSIPWhitespace()
        guard !digits.isEmpty, digits.utf8.allSatisfy(SIPGrammar.isDigit) else {
            throw .malformed("Expires is not a number of seconds")
        }
        return UInt32(digits) ?? UInt32.max
    }

    public func contentLength() throws(SIPParseError) -> Int? {
        guard let v = self[.contentLength] else { return nil }
        return try Self.integer(v, max: Int(Int32.max), name: "Content-Length")
    }

    /// Option tags of Require / Proxy-Require / Supported (comma lists of tokens, RFC 3261 §20.32).
    public func optionTags(_ name: SIPHeaderName) -> [String] {
        values(name).flatMap { SIPHeaders.splitList($0) }.filter { !$0.isEmpty }
    }

    static func integer(_ text: String, max: Int, name: String) throws(SIPParseError) -> Int {
        let digits = text.trimmingSIPWhitespace()
        guard !digits.isEmpty, digits.utf8.count <= 12, digits.utf8.allSatisfy(SIPGrammar.isDigit),
              let n = Int(digits), n <= max
        else { throw .malformed("\(name) must be a number from 0 to \(max), got \"\(digits)\"") }
        return n
    }
}

extension SIPHeaders {
    /// Replaces the topmost Via value (the first element of the first Via line), keeping the other parsed values.
    public mutating func replaceTopVia(_ via: Via) {
        guard let first = self[.via] else { return }
        var saved = parsed
        let elements = SIPHeaders.splitList(first)
        replaceFirst(.via, with: ([via.description] + elements.dropFirst()).joined(separator: ", "))
        if saved.vias?.isEmpty == false { saved.vias![0] = via }
        parsed = saved
    }
}
