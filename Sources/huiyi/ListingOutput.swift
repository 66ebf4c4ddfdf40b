import Foundation

/// Printing listings either as a table for people or as JSON for scripts (`--json`).
enum ListingOutput {
    /// Pretty, key-sorted JSON with ISO 8601 dates: stable enough to diff and to parse.
    static func printJSON(_ value: some Encodable) throws(CommandFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            // Foundation pretty-prints an empty array over three lines; "[]" is what people and tools expect. A
            // string cannot hold a raw line break, so the pattern only meets the empty arrays themselves.
            let text = String(decoding: try encoder.encode(value), as: UTF8.self)
                .replacing(/\[\n\s*\]/, with: "[]")
            print(text)
        } catch {
            throw .operation(error)
        }
    }

    /// One "name  value" line per field, the values aligned: a single record (`huiyi status`, `huiyi room show`).
    static func fields(_ fields: KeyValuePairs<String, String>) -> String {
        self.fields(fields.map { ($0.key, $0.value) })
    }

    /// The same for fields chosen at run time.
    static func fields(_ fields: [(name: String, value: String)]) -> String {
        let width = fields.map(\.name.count).max() ?? 0
        return fields.map { name, value in
            name + String(repeating: " ", count: width - name.count + 2) + value
        }.joined(separator: "\n")
    }

    /// Lost packets as a share of those expected (received + lost), or "-" before any packet.
    static func loss(lost: Int, received: Int) -> String {
        let expected = received + lost
        guard expected > 0 else { return "-" }
        let percent = Double(lost) * 100 / Double(expected)
        return "\((percent * 10).rounded() / 10)%"
    }

    static func yesNo(_ value: Bool) -> String {
        value ? "yes" : "no"
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
