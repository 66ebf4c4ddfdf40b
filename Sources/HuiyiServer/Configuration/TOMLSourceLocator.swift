/// Finds the line on which a key is written in a TOML text, so that errors about values can point at it.
///
/// TOMLKit reports positions for syntax errors only; this reads the text again in the simplest TOML terms
/// (table headers, `key = value` lines, dotted keys) and gives up (nil) on anything cleverer.
struct TOMLSourceLocator {
    private let lines: [Substring]

    init(text: String) {
        // Split on the LF scalar: to a Swift `Character`, CRLF is one grapheme that "\n" never matches.
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Substring(String(String.UnicodeScalarView($0))) }
    }

    /// The 1-based line where `path` (`["sip", "listen"]`) is assigned or opened as a table.
    func line(ofKey path: [String]) -> Int? {
        index(ofKey: path).map { $0 + 1 }
    }

    /// The line holding `literal` (as written, e.g. `"udp:5060"`) in the value of `path`, which may span lines;
    /// the key's own line when the literal is not found.
    func line(ofLiteral literal: String, inValueOf path: [String]) -> Int? {
        guard let start = index(ofKey: path) else { return nil }
        var index = start
        while index < lines.count {
            if index > start, Self.assignedKey(lines[index]) != nil || Self.tableHeader(lines[index]) != nil { break }
            if lines[index].contains(literal) { return index + 1 }
            index += 1
        }
        return start + 1
    }

    private func index(ofKey path: [String]) -> Int? {
        var table: [String] = []
        for (index, line) in lines.enumerated() {
            if let header = Self.tableHeader(line) {
                table = header
                if header == path { return index }
            } else if let key = Self.assignedKey(line), table + key == path {
                return index
            }
        }
        return nil
    }

    /// `[a.b]` or `[[a.b]]` → ["a", "b"].
    private static func tableHeader(_ line: Substring) -> [String]? {
        let text = line.trimmingBlanks
        guard text.hasPrefix("["), let close = text.lastIndex(of: "]") else { return nil }
        let inner = text[..<close].drop { $0 == "[" }
        // An array value continued on its own line ("["udp:..."]") is not a header: headers hold bare keys.
        guard !inner.contains("\""), !inner.contains("'") || inner.hasPrefix("'") else { return nil }
        return splitDotted(inner)
    }

    /// `a.b = value` → ["a", "b"]; nil for comments, blank lines and array continuation lines.
    private static func assignedKey(_ line: Substring) -> [String]? {
        let text = line.trimmingBlanks
        guard !text.isEmpty, !text.hasPrefix("#"), !text.hasPrefix("\""), let equals = text.firstIndex(of: "=")
        else { return nil }
        let key = splitDotted(text[..<equals])
        return key.allSatisfy { !$0.isEmpty } ? key : nil
    }

    private static func splitDotted(_ key: Substring) -> [String] {
        key.split(separator: ".", omittingEmptySubsequences: false).map {
            String($0.trimmingBlanks.trimming("\"'"))
        }
    }
}

fileprivate extension Substring {
    var trimmingBlanks: Substring { trimming(" \t\r") }

    func trimming(_ set: String) -> Substring {
        guard let first = firstIndex(where: { !set.contains($0) }),
              let last = lastIndex(where: { !set.contains($0) }) else { return self[endIndex...] }
        return self[first...last]
    }
}
