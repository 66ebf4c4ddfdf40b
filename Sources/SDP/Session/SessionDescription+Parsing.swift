/// Reading a session description from text (RFC 8866 §5 line order and §9 grammar), tolerant where peers stray.

extension SessionDescription {
    /// Parses a session description.
    ///
    /// Tolerated, because deployed endpoints send it: LF-only line endings, trailing spaces and tabs, blank lines,
    /// session-level lines in any order after `o=`, a missing `t=` (read as `t=0 0`), and a session-level line such as
    /// `t=` or `e=` inside a media section (kept there as an unknown line). Lines of a type SDP does not define are
    /// kept as ``UnknownLine``s, and unknown attributes are kept as they are (RFC 8866 §5, §5.13).
    ///
    /// Refused with an ``SDPParseError`` naming the line: anything that is not `<letter>=<value>`, a first line other
    /// than `v=0`, a missing or malformed `o=`, a missing `s=`, and malformed `c=`, `b=`, `t=` or `m=` lines.
    public init(parsing bytes: some Collection<UInt8>) throws(SDPParseError) {
        var parser = Parser()
        var lineNumber = 0
        var lineStart = bytes.startIndex
        while lineStart != bytes.endIndex || lineNumber == 0 {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            try parser.consume(line: bytes[lineStart..<lineEnd], number: lineNumber)
            lineStart = lineEnd == bytes.endIndex ? lineEnd : bytes.index(after: lineEnd)
            if lineStart == bytes.endIndex { break }
        }
        self = try parser.finish(lineCount: lineNumber)
    }

    /// Parses a session description from text.
    public init(parsing text: String) throws(SDPParseError) {
        try self.init(parsing: Array(text.utf8))
    }
}

/// Line-by-line state: the session fields seen so far and the media section being filled.
private struct Parser {
    var sawVersion = false
    var origin: Origin?
    var sessionName: String?
    var description = SessionDescription(
        origin: Origin(sessionID: "0", sessionVersion: 0, address: "0.0.0.0"), timings: [])
    var currentMedia: MediaDescription?
    var firstMediaLine: Int?

    mutating func consume(line raw: some Collection<UInt8>, number: Int) throws(SDPParseError) {
        var bytes = Array(raw)
        while let last = bytes.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            bytes.removeLast()
        }
        if bytes.isEmpty { return }
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.count >= 2, bytes[1] == UInt8(ascii: "="),
              (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0] | 0x20)
        else { throw SDPParseError(line: number, .notATypeValueLine(.excerpt(text))) }
        let type = Character(Unicode.Scalar(bytes[0]))
        let value = text.dropFirst(2)

        guard sawVersion else {
            guard type == "v" else { throw SDPParseError(line: number, .missingVersion) }
            guard value == "0" else { throw SDPParseError(line: number, .unsupportedVersion(.excerpt(value))) }
            sawVersion = true
            return
        }
        if currentMedia != nil {
            try consumeMediaLine(type: type, value: value, number: number)
        } else {
            try consumeSessionLine(type: type, value: value, number: number)
        }
    }

    mutating func consumeSessionLine(type: Character, value: Substring, number: Int) throws(SDPParseError) {
        func once<T>(_ existing: T?) throws(SDPParseError) {
            if existing != nil { throw SDPParseError(line: number, .duplicate(type)) }
        }
        switch type {
        case "v": throw SDPParseError(line: number, .duplicate(type))
        case "o":
            try once(origin)
            guard let parsed = Origin(parsing: value) else {
                throw SDPParseError(line: number, .malformedOrigin(.excerpt(value)))
            }
            origin = parsed
        case "s":
            try once(sessionName)
            sessionName = String(value)
        case "i": try once(description.information); description.information = String(value)
        case "u": try once(description.uri); description.uri = String(value)
        case "e": description.emails.append(String(value))
        case "p": description.phones.append(String(value))
        case "c":
            try once(description.connection)
            description.connection = try connection(value, number: number)
        case "b": description.bandwidths.append(try bandwidth(value, number: number))
        case "t":
            guard let timing = Timing(parsing: value) else {
                throw SDPParseError(line: number, .malformedTiming(.excerpt(value)))
            }
            description.timings.append(timing)
        case "r":
            guard !description.timings.isEmpty else { throw SDPParseError(line: number, .repeatWithoutTiming) }
            description.timings[description.timings.count - 1].repeats.append(String(value))
        case "z": try once(description.timeZones); description.timeZones = String(value)
        case "k": try once(description.encryptionKey); description.encryptionKey = String(value)
        case "a": description.attributes.append(Attribute(parsing: value))
        case "m": try startMedia(value, number: number)
        default: description.unknownLines.append(UnknownLine(type: type, value: String(value)))
        }
    }

    mutating func consumeMediaLine(type: Character, value: Substring, number: Int) throws(SDPParseError) {
        switch type {
        case "v", "o", "s": throw SDPParseError(line: number, .sessionLineInMedia(type))
        case "m":
            description.media.append(currentMedia!)
            try startMedia(value, number: number)
        case "i":
            if currentMedia!.title != nil { throw SDPParseError(line: number, .duplicate(type)) }
            currentMedia!.title = String(value)
        case "c": currentMedia!.connections.append(try connection(value, number: number))
        case "b": currentMedia!.bandwidths.append(try bandwidth(value, number: number))
        case "k":
            if currentMedia!.encryptionKey != nil { throw SDPParseError(line: number, .duplicate(type)) }
            currentMedia!.encryptionKey = String(value)
        case "a": currentMedia!.attributes.append(Attribute(parsing: value))
        default: currentMedia!.unknownLines.append(UnknownLine(type: type, value: String(value)))
        }
    }

    mutating func startMedia(_ value: Substring, number: Int) throws(SDPParseError) {
        firstMediaLine = firstMediaLine ?? number
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 3 else { throw SDPParseError(line: number, .malformedMedia(.excerpt(value))) }
        let portParts = fields[1].split(separator: "/", omittingEmptySubsequences: false)
        guard portParts.count <= 2 else { throw SDPParseError(line: number, .invalidPort(.excerpt(fields[1]))) }
        guard let port = Self.number(portParts[0], upTo: 65535) else {
            throw SDPParseError(line: number, .invalidPort(.excerpt(portParts[0])))
        }
        var portCount: Int?
        if portParts.count == 2 {
            guard let count = Self.number(portParts[1], upTo: 65535), count > 0 else {
                throw SDPParseError(line: number, .invalidPort(.excerpt(fields[1])))
            }
            portCount = count
        }
        currentMedia = MediaDescription(
            media: MediaType(rawValue: String(fields[0])), port: UInt16(port), portCount: portCount,
            proto: TransportProtocol(rawValue: String(fields[2])), formats: fields.dropFirst(3).map(String.init))
    }

    func connection(_ value: Substring, number: Int) throws(SDPParseError) -> ConnectionData {
        guard let parsed = ConnectionData(parsing: value) else {
            throw SDPParseError(line: number, .malformedConnection(.excerpt(value)))
        }
        return parsed
    }

    func bandwidth(_ value: Substring, number: Int) throws(SDPParseError) -> Bandwidth {
        guard let parsed = Bandwidth(parsing: value) else {
            throw SDPParseError(line: number, .malformedBandwidth(.excerpt(value)))
        }
        return parsed
    }

    static func number(_ text: Substring, upTo maximum: Int) -> Int? {
        guard (1...5).contains(text.count), text.allSatisfy(\.isASCIIDigit), let value = Int(text), value <= maximum
        else { return nil }
        return value
    }

    mutating func finish(lineCount: Int) throws(SDPParseError) -> SessionDescription {
        guard sawVersion else { throw SDPParseError(line: 1, .empty) }
        let expectedAt = firstMediaLine ?? lineCount + 1
        guard let origin else { throw SDPParseError(line: expectedAt, .missingOrigin) }
        guard let sessionName else { throw SDPParseError(line: expectedAt, .missingSessionName) }
        if let currentMedia { description.media.append(currentMedia) }
        description.origin = origin
        description.sessionName = sessionName
        if description.timings.isEmpty { description.timings = [Timing()] }
        return description
    }
}
