/// A proleptic Gregorian calendar day as a plain number, so recurrences step and count days without a calendar.
import Foundation

struct CivilDay: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01.
    var number: Int

    /// The day `year`-`month`-`day` (H. Hinnant's `days_from_civil`).
    init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    init(number: Int) { self.number = number }

    /// The local day `date` falls on in `calendar`'s zone.
    init(_ date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// ISO 8601 weekday: Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
    var isoWeekday: Int { ((number + 3) % 7 + 7) % 7 + 1 }

    var isWeekday: Bool { isoWeekday <= 5 }

    static func < (lhs: CivilDay, rhs: CivilDay) -> Bool { lhs.number < rhs.number }
}
