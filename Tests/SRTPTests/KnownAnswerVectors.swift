import Foundation
import XCTest

/// Loads the known-answer fixtures in `Fixtures/` (see its README for their sources).
enum KnownAnswerVectors {
    /// One JSON fixture as a dictionary of entries.
    static func json(_ name: String) throws -> [String: Any] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The entry `key` of the compiled corpus file `srtp-known-answer-vectors.json`.
    static func corpusEntry(_ key: String) throws -> [String: Any] {
        try XCTUnwrap(json("srtp-known-answer-vectors")[key] as? [String: Any], "missing fixture entry \(key)")
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The hex string at `key` as bytes.
    func bytes(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let text = try XCTUnwrap(self[key] as? String, "missing hex field \(key)", file: file, line: line)
        return try XCTUnwrap([UInt8](hex: text), "bad hex in \(key)", file: file, line: line)
    }
}

extension [UInt8] {
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self = bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
