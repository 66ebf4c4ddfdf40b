import Foundation
import TOMLKit

/// A parsed configuration file read through typed accessors that report a bad value against the file, the line and
/// the dotted key (`Config/huiyi.toml:14: sip.listen[1]: expected …, got "udp:5060"`).
struct TOMLConfigurationDocument {
    /// The path as the operator gave it, for messages.
    let path: String
    private let root: TOMLTable
    private let locator: TOMLSourceLocator

    init(path: String, text: String) throws(ConfigurationError) {
        self.path = path
        locator = TOMLSourceLocator(text: text)
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                origin: .file(path: path, line: error.source.begin.line), key: "",
                problem: "not valid TOML: \(error.description)"
            )
        } catch {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "not valid TOML: \(error)")
        }
    }

    // MARK: Typed reads; each returns nil when the key is absent, so the default stays.

    func string<T>(_ key: String, _ rule: (String) throws(UnexpectedValue) -> T) throws(ConfigurationError) -> T? {
        guard let value = value(at: key) else { return nil }
        return try convert(value, key: key, expectedType: "a string", rule)
    }

    func strings<T>(_ key: String, _ rule: (String) throws(UnexpectedValue) -> T) throws(ConfigurationError) -> [T]? {
        guard let value = value(at: key) else { return nil }
        guard let array = value.array else { throw mismatch(key, expected: "an array of strings", got: value) }
        var result: [T] = []
        for (index, element) in array.enumerated() {
            result.append(try convert(element, key: key, index: index, expectedType: "a string", rule))
        }
        return result
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = value(at: key) else { return nil }
        let expected = range.upperBound == .max
            ? "an integer ≥ \(range.lowerBound)" : "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard let number = value.int, range.contains(number) else { throw mismatch(key, expected: expected, got: value) }
        return number
    }

    func integers(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> [Int]? {
        guard let value = value(at: key) else { return nil }
        guard let array = value.array else { throw mismatch(key, expected: "an array of integers", got: value) }
        var result: [Int] = []
        for (index, element) in array.enumerated() {
            guard let number = element.int, range.contains(number) else {
                throw mismatch(key, index: index, expected: "an integer from \(range.lowerBound) to \(range.upperBound)",
                               got: element)
            }
            result.append(number)
        }
        return result
    }

    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = value(at: key) else { return nil }
        guard let flag = value.bool else { throw mismatch(key, expected: "true or false", got: value) }
        return flag
    }

    /// Refuses any key or table not in `known` (dotted paths of every leaf key), suggesting the nearest known one:
    /// a misspelt key would otherwise be ignored and its default silently used.
    func rejectUnknownKeys(known: [String]) throws(ConfigurationError) {
        let tables = Set(known.compactMap { $0.split(separator: ".").count > 1 ? String($0.split(separator: ".")[0]) : nil })
        for (key, value) in root {
            if tables.contains(key), let table = value.table {
                for (inner, _) in table where !known.contains("\(key).\(inner)") {
                    throw unknown([key, inner], known: known)
                }
            } else if !known.contains(key) {
                throw unknown([key], known: known)
            }
        }
    }

    // MARK: Helpers

    private func value(at key: String) -> (any TOMLValueConvertible)? {
        var current: (any TOMLValueConvertible)? = root
        for component in key.split(separator: ".") {
            guard let table = current?.table, table.contains(key: String(component)) else { return nil }
            current = table[String(component)]
        }
        return current
    }

    private func convert<T>(
        _ value: any TOMLValueConvertible, key: String, index: Int? = nil, expectedType: String,
        _ rule: (String) throws(UnexpectedValue) -> T
    ) throws(ConfigurationError) -> T {
        guard let text = value.string else { throw mismatch(key, index: index, expected: expectedType, got: value) }
        do {
            return try rule(text)
        } catch {
            throw mismatch(key, index: index, expected: error.expected, got: value)
        }
    }

    private func mismatch(
        _ key: String, index: Int? = nil, expected: String, got value: any TOMLValueConvertible
    ) -> ConfigurationError {
        let path = key.split(separator: ".").map(String.init)
        let shown = Self.render(value)
        let line = index == nil ? locator.line(ofKey: path) : locator.line(ofLiteral: shown, inValueOf: path)
        return ConfigurationError(
            origin: .file(path: self.path, line: line), key: key + (index.map { "[\($0)]" } ?? ""),
            problem: "expected \(expected), got \(shown)"
        )
    }

    private func unknown(_ path: [String], known: [String]) -> ConfigurationError {
        let key = path.joined(separator: ".")
        var problem = "unknown key"
        if let suggestion = ConfigurationKeySuggestion.nearest(to: key, among: known) {
            problem += #"; did you mean "\#(suggestion)"?"#
        }
        return ConfigurationError(origin: .file(path: self.path, line: locator.line(ofKey: path)), key: key, problem: problem)
    }

    /// The value as it would be written in TOML, short enough for a one-line message.
    static func render(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string:
            let text = value.string ?? ""
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .int: return value.int.map(String.init) ?? value.debugDescription
        case .bool: return value.bool.map(String.init) ?? value.debugDescription
        case .array: return "an array"
        case .table: return "a table"
        default: return value.debugDescription
        }
    }
}
