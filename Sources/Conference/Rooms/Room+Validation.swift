/// The rules a room definition must meet, each failing with the TOML key at fault and a one-line fix.
extension Room {
    static let identifierLength = 1...32
    static let titleLength = 1...100
    static let numberLength = 2...15
    static let pinLength = 4...12

    /// Room and site names: 1-32 of `a-z`, `0-9`, `-`, `_` (so they survive as SIP user parts and file names).
    static func checkIdentifier(_ value: String, key: String, example: String) throws(RoomDefinitionError) {
        let valid = identifierLength.contains(value.unicodeScalars.count)
            && value.unicodeScalars.allSatisfy { isLowercaseLetterOrDigit($0) || $0 == "-" || $0 == "_" }
        guard !valid else { return }
        throw RoomDefinitionError(
            key: key,
            message: "\(quoted(value)) is not a valid name; use 1-32 lowercase letters, digits, \"-\" or \"_\" "
                + "such as \(suggestedIdentifier(for: value) ?? example)"
        )
    }

    /// Titles are shown on screens and in listings: one line of 1-100 characters.
    static func checkTitle(_ value: String, key: String) throws(RoomDefinitionError) {
        if value.allSatisfy(\.isWhitespace) {
            throw RoomDefinitionError(
                key: key, message: "is empty; write what people should see, such as \"City Hall\""
            )
        }
        if value.count > titleLength.upperBound {
            throw RoomDefinitionError(
                key: key, message: "is \(value.count) characters long; keep it to \(titleLength.upperBound)"
            )
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw RoomDefinitionError(
                key: key, message: "contains a line break or control character; keep it to one line"
            )
        }
    }

    /// Dial numbers: 2-15 digits (the E.164 maximum), dialled as the Request-URI user part.
    static func checkNumber(_ value: String) throws(RoomDefinitionError) {
        guard !(numberLength.contains(value.utf8.count) && isDigits(value)) else { return }
        throw RoomDefinitionError(
            key: "number", message: "\(quoted(value)) is not a dial number; use 2-15 digits such as 8000"
        )
    }

    /// PINs are keyed in on a phone, so digits only; the value itself never appears in a message or a log.
    static func checkPIN(_ value: String, key: String) throws(RoomDefinitionError) {
        if !isDigits(value) {
            throw RoomDefinitionError(key: key, message: "has characters other than digits; use 4-12 digits (0-9) only")
        }
        if !pinLength.contains(value.utf8.count) {
            throw RoomDefinitionError(key: key, message: "has \(value.utf8.count) digits; use 4-12 digits")
        }
    }

    static func checkRange(
        _ value: Int, _ range: ClosedRange<Int>, _ fallback: Int, key: String
    ) throws(RoomDefinitionError) {
        guard !range.contains(value) else { return }
        throw RoomDefinitionError(
            key: key,
            message: "\(value) is out of range; use \(range.lowerBound)-\(range.upperBound) (default \(fallback))"
        )
    }

    static func checkSites(_ sites: [RoomSite]) throws(RoomDefinitionError) {
        var firstIndexByName: [String: Int] = [:]
        for (index, site) in sites.enumerated() {
            let prefix = "sites[\(index)]"
            try checkIdentifier(site.name, key: "\(prefix).name", example: "boardroom")
            if let earlier = firstIndexByName[site.name] {
                throw RoomDefinitionError(
                    key: "\(prefix).name",
                    message: "\(quoted(site.name)) is also the name of sites[\(earlier)]; "
                        + "give each site a name of its own"
                )
            }
            firstIndexByName[site.name] = index
            try checkTitle(site.title, key: "\(prefix).title")
            if !isSIPURI(site.uri) {
                throw RoomDefinitionError(
                    key: "\(prefix).uri",
                    message: "\(quoted(site.uri)) is not a SIP URI; write sip: or sips: and user@host, "
                        + "such as sips:boardroom@hq.example.com"
                )
            }
        }
    }

    /// A word-valued key (`access`, `srtp`), compared without regard to case.
    static func parseWord<Word: RawRepresentable & CaseIterable>(
        _ value: String, key: String, as _: Word.Type
    ) throws(RoomDefinitionError) -> Word where Word.RawValue == String {
        if let word = Word(rawValue: value.lowercased()) { return word }
        let choices = Word.allCases.map { "\"\($0.rawValue)\"" }
        let listed = choices.dropLast().joined(separator: ", ") + " or " + (choices.last ?? "")
        throw RoomDefinitionError(key: key, message: "\(quoted(value)) is not allowed here; use \(listed)")
    }

    /// `sip:` or `sips:` (any case, RFC 3261 §19.1.1), then a host, optionally after `user@`; no spaces or controls.
    static func isSIPURI(_ value: String) -> Bool {
        let lowered = value.lowercased()
        guard let scheme = ["sips:", "sip:"].first(where: lowered.hasPrefix) else { return false }
        let rest = lowered.dropFirst(scheme.count)
        guard rest.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return false }
        var hostPart = rest[...]
        if let at = rest.firstIndex(of: "@") {
            guard at != rest.startIndex else { return false }
            hostPart = rest[rest.index(after: at)...]
        }
        let host = hostPart.prefix { $0 != ";" && $0 != "?" && $0 != ":" }
        return !host.isEmpty
    }

    private static func isDigits(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isLowercaseLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// What the user probably meant (`City Hall` → `city-hall`), if anything usable is left.
    private static func suggestedIdentifier(for value: String) -> String? {
        var result = ""
        for scalar in value.lowercased().unicodeScalars {
            if isLowercaseLetterOrDigit(scalar) || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        let suggestion = String(result.prefix(identifierLength.upperBound))
        return suggestion.isEmpty || suggestion == value ? nil : suggestion
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingControlCharacters() + "\""
    }
}

extension String {
    /// The string with line breaks and other controls shown as `\u{..}`, so a message stays one line.
    fileprivate func replacingControlCharacters() -> String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
