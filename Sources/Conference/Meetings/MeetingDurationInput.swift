/// Reading `--duration` (`90m`, `1h30m`, `2h`, `45s`, or plain minutes `90`) and the `+1h30m` of a relative `--at`.
public enum MeetingDurationInput {
    static let examples = #"write e.g. "90m", "1h30m", "2h", "45s" or "90" (minutes)"#

    /// The duration `text` names; plain digits are minutes. Zero is refused.
    public static func parse(_ text: String) throws(MeetingTimeInputError) -> Duration {
        let written = text.trimmingSpaces.lowercased()
        let seconds: Int?
        if !written.isEmpty, written.utf8.count <= 6, written.utf8.allSatisfy({ (48...57).contains($0) }) {
            seconds = Int(written).map { $0 * 60 }
        } else {
            seconds = unitSeconds(written)
        }
        guard let seconds else {
            throw MeetingTimeInputError(option: "--duration", input: text, message: "not a duration; \(examples)")
        }
        guard seconds > 0 else {
            throw MeetingTimeInputError(
                option: "--duration", input: text, message: "a meeting cannot last 0 seconds; \(examples)")
        }
        return .seconds(seconds)
    }

    /// Seconds in `text` written as hours, minutes and seconds, each at most once and in that order (`1h30m`,
    /// `90s`, `2h15s`; spaces between parts allowed); `nil` if it is not written so.
    static func unitSeconds(_ text: String) -> Int? {
        let units: [(Character, Int)] = [("h", 3600), ("m", 60), ("s", 1)]
        var next = 0
        var total = 0
        var digits = ""
        for character in text where character != " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard !digits.isEmpty, digits.count <= 6, let value = Int(digits),
                let at = units[next...].firstIndex(where: { $0.0 == character })
            else { return nil }
            total += value * units[at].1
            next = at + 1
            digits = ""
        }
        return digits.isEmpty && next > 0 ? total : nil
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
