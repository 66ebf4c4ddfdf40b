/// Reading `--at`: a local date and time in the booking's zone, ISO 8601 with an offset, or a time from now.
import Foundation

public enum MeetingTimeInput {
    static let examples =
        #"write e.g. "2026-12-01 09:00", "2026-12-01 09:00:30", "2026-12-01T09:00:00+08:00" or "+10m""#

    /// The instant `text` names, refusing one before `now`:
    /// - `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (a `T` may stand for the space): wall-clock time in `timeZone`;
    ///   a time skipped by a spring-forward change is refused, and a time repeated by a fall-back change is the
    ///   first of the two;
    /// - the same with `Z` or an offset (`+08:00`, `+0800`, `+08`): ISO 8601, the zone does not matter;
    /// - `+` and a duration in hours, minutes and seconds (`+10m`, `+5s`, `+1h30m`): that long after `now`.
    public static func parse(_ text: String, now: Date, timeZone: TimeZone) throws(MeetingTimeInputError) -> Date {
        let written = text.trimmingSpaces
        func refuse(_ message: String) -> MeetingTimeInputError {
            MeetingTimeInputError(option: "--at", input: text, message: message)
        }
        if written.hasPrefix("+") {
            guard let seconds = MeetingDurationInput.unitSeconds(String(written.dropFirst()).lowercased()) else {
                throw refuse(#"not a time from now; write e.g. "+10m", "+5s" or "+1h30m""#)
            }
            return now.addingTimeInterval(TimeInterval(seconds))
        }
        guard let stamp = Stamp(written) else { throw refuse("not a date and time; \(examples)") }
        guard (1...12).contains(stamp.month) else { throw refuse("there is no month \(stamp.month); \(examples)") }
        let monthLength =
            CivilDay(year: stamp.month == 12 ? stamp.year + 1 : stamp.year, month: stamp.month % 12 + 1, day: 1).number
            - CivilDay(year: stamp.year, month: stamp.month, day: 1).number
        guard (1...monthLength).contains(stamp.day) else {
            throw refuse("\(stamp.year)-\(pad(stamp.month)) has no day \(stamp.day); \(examples)")
        }
        guard stamp.hour < 24, stamp.minute < 60, stamp.second < 60 else {
            throw refuse(
                "\(pad(stamp.hour)):\(pad(stamp.minute)):\(pad(stamp.second)) is not a time of day; \(examples)")
        }
        let date: Date
        if let offset = stamp.offsetSeconds {
            guard abs(offset) <= 14 * 3600 else { throw refuse("an offset beyond ±14:00; \(examples)") }
            let day = CivilDay(year: stamp.year, month: stamp.month, day: stamp.day).number
            let seconds = day * 86_400 + stamp.hour * 3600 + stamp.minute * 60 + stamp.second - offset
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
        } else {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let wanted = DateComponents(
                year: stamp.year, month: stamp.month, day: stamp.day, hour: stamp.hour, minute: stamp.minute,
                second: stamp.second
            )
            guard let local = calendar.date(from: wanted) else { throw refuse("not a date and time; \(examples)") }
            let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
            guard back.day == stamp.day, back.hour == stamp.hour, back.minute == stamp.minute else {
                throw refuse(
                    "there is no such time in \(timeZone.identifier) (the clocks skip it that day); give a time "
                        + "outside the change, e.g. an hour later"
                )
            }
            date = local
        }
        guard date >= now else {
            throw refuse(
                "is in the past (it is now \(MeetingTimeFormat.zoned(now, in: timeZone))); "
                    + #"give a later time, e.g. "+10m""#
            )
        }
        return date
    }

    /// The zone called `identifier`, e.g. `Asia/Shanghai` or `Europe/Berlin`.
    public static func timeZone(_ identifier: String) throws(MeetingTimeInputError) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else {
            throw MeetingTimeInputError(
                option: "--zone", input: identifier,
                message: #"not a time zone; write e.g. "Asia/Shanghai" or "Europe/Berlin""#
            )
        }
        return zone
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `YYYY-MM-DD[ T]HH:MM[:SS][Z|±HH[:]MM|±HH]`, fields unchecked beyond their digit counts.
    struct Stamp {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var offsetSeconds: Int?

        init?(_ text: String) {
            var rest = Substring(text)
            func number(_ digits: Int) -> Int? {
                let part = rest.prefix(digits)
                guard part.count == digits, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                rest = rest.dropFirst(digits)
                return Int(part)
            }
            func take(_ character: Character) -> Bool {
                guard rest.first == character else { return false }
                rest = rest.dropFirst()
                return true
            }
            guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2),
                take(" ") || take("T"), let hour = number(2), take(":"), let minute = number(2)
            else { return nil }
            (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
            if take(":") {
                guard let second = number(2) else { return nil }
                self.second = second
            }
            if take("Z") {
                offsetSeconds = 0
            } else if let sign = rest.first, sign == "+" || sign == "-" {
                rest = rest.dropFirst()
                guard let hours = number(2) else { return nil }
                let colon = take(":")
                let minutes = rest.isEmpty && !colon ? 0 : number(2)
                guard let minutes, minutes < 60 else { return nil }
                offsetSeconds = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
            }
            guard rest.isEmpty else { return nil }
        }
    }
}
