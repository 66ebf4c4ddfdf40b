/// Reads Content-Length (long form or compact `l`, RFC 3261 §20.14, §7.3.3) from a header section for stream framing.
extension SIPStreamFramer {
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let colon: UInt8 = 0x3A
    private static let longName = Array("content-length".utf8)
    private static let compactName: [UInt8] = [0x6C]  // "l"
    /// More digits than this cannot be a length any limit would allow; refusing early avoids integer overflow.
    private static let maxDigits = 18

    /// The body length announced by the header section (start line through CRLFCRLF).
    ///
    /// Header names compare case-insensitively and may be followed by LWS before the colon (§7.3.1). Repeating the
    /// header with the same value is tolerated; different values are an error because the body's end is ambiguous.
    static func contentLength(inHeaderSection section: ArraySlice<UInt8>) -> Result<Int, FramingError> {
        var found: [Int] = []
        var lineStart = section.startIndex
        var isStartLine = true
        while lineStart < section.endIndex {
            let lineEnd = endOfLine(in: section, from: lineStart)
            defer {
                lineStart = min(lineEnd + 2, section.endIndex)
                isStartLine = false
            }
            guard !isStartLine, let colon = section[lineStart..<lineEnd].firstIndex(of: colon) else { continue }
            guard isContentLengthName(section[lineStart..<colon]) else { continue }
            let value = trimmed(section[(colon + 1)..<lineEnd])
            guard let length = decimal(value) else {
                return .failure(.invalidContentLength(String(decoding: value, as: UTF8.self)))
            }
            if !found.contains(length) { found.append(length) }
        }
        switch found.count {
        case 0: return .failure(.missingContentLength)
        case 1: return .success(found[0])
        default: return .failure(.conflictingContentLength(found))
        }
    }

    /// Index of the CR of the next CRLF at or after `from`, or the end of the section.
    private static func endOfLine(in section: ArraySlice<UInt8>, from: Int) -> Int {
        var index = from
        while index + 1 < section.endIndex {
            if section[index] == cr, section[index + 1] == lf { return index }
            index += 1
        }
        return section.endIndex
    }

    private static func isContentLengthName(_ raw: ArraySlice<UInt8>) -> Bool {
        let name = trimmed(raw)
        // A line beginning with whitespace continues the previous header (folding), so it names nothing.
        guard name.startIndex == raw.startIndex else { return false }
        return equalsIgnoringASCIICase(name, longName) || equalsIgnoringASCIICase(name, compactName)
    }

    private static func equalsIgnoringASCIICase(_ bytes: ArraySlice<UInt8>, _ lowercase: [UInt8]) -> Bool {
        guard bytes.count == lowercase.count else { return false }
        return zip(bytes, lowercase).allSatisfy { byte, expected in
            (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected
        }
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == space || first == tab { slice.removeFirst() }
        while let last = slice.last, last == space || last == tab { slice.removeLast() }
        return slice
    }

    /// `1*DIGIT` (§20.14) as an Int; nil for anything else, including a sign.
    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= maxDigits else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }
}
