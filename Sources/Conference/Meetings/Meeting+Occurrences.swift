/// Expanding a booking into its occurrences, in the meeting's own time zone so local times survive DST changes.
import Foundation

extension Meeting {
    /// The Gregorian calendar of the meeting's zone.
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The occurrences that share an instant with `from..<to`, in order. Bound `to` for a series without an end.
    public func occurrences(overlapping from: Date, _ to: Date) -> [MeetingOccurrence] {
        var found: [MeetingOccurrence] = []
        walk(from: from) { occurrence in
            guard occurrence.start < to else { return false }
            if occurrence.end > from { found.append(occurrence) }
            return true
        }
        return found
    }

    /// The first occurrence still going on at `date` or later (its end is after `date`); `nil` when the series is over.
    public func firstOccurrence(endingAfter date: Date) -> MeetingOccurrence? {
        var first: MeetingOccurrence?
        walk(from: date) { occurrence in
            guard occurrence.end > date else { return true }
            first = occurrence
            return false
        }
        return first
    }

    /// Calls `body` with each occurrence, in order, beginning at or a little before the first one that can end after
    /// `date`, until it returns `false` or the series ends. Days are stepped as numbers and each start is the series'
    /// start moved by whole local days, so a 09:00 start stays 09:00 local; a local time that a spring-forward gap
    /// skips on some day moves forward by the gap that day (as `Calendar` does).
    func walk(from date: Date, _ body: (MeetingOccurrence) -> Bool) {
        let calendar = self.calendar
        let firstDay = CivilDay(start, in: calendar)
        // The day offset where an occurrence ending after `date` can start: a day before `date - duration` locally,
        // for the zone's offset changes.
        let earliest = CivilDay(date.addingTimeInterval(-length), in: calendar).number - firstDay.number - 1
        var offset = recurrence == .none ? 0 : max(0, earliest)
        if recurrence == .weekly { offset = (offset + 6) / 7 * 7 }
        var index = occurrenceIndex(dayOffset: offset, from: firstDay)
        while true {
            if recurrence == .none, offset > 0 { return }
            if recurrence == .weekdays, !CivilDay(number: firstDay.number + offset).isWeekday {
                offset += 1
                continue
            }
            if case .count(let count) = recurrenceEnd, index >= count { return }
            guard let start = calendar.date(byAdding: .day, value: offset, to: self.start) else { return }
            if case .until(let until) = recurrenceEnd, start > until { return }
            if skippedDays.contains(firstDay.number + offset) {
                // Called off: it keeps its index (the next occurrence's number does not change), nothing is held.
                index += 1
                offset += recurrence == .weekly ? 7 : 1
                continue
            }
            let occurrence = MeetingOccurrence(
                meetingID: id, index: index, room: room, title: title, start: start,
                end: start.addingTimeInterval(length)
            )
            guard body(occurrence) else { return }
            index += 1
            offset += recurrence == .weekly ? 7 : 1
        }
    }

    /// How many occurrences fall on the days before `dayOffset` (counted from the first day).
    func occurrenceIndex(dayOffset: Int, from firstDay: CivilDay) -> Int {
        switch recurrence {
        case .none: return 0
        case .daily: return dayOffset
        case .weekly: return (dayOffset + 6) / 7
        case .weekdays:
            let remainder = (0..<(dayOffset % 7)).count { CivilDay(number: firstDay.number + $0).isWeekday }
            return dayOffset / 7 * 5 + remainder
        }
    }

    /// When the last occurrence ends; `nil` for a series without an end (or one whose end leaves no occurrence).
    public var lastEnd: Date? {
        switch (recurrence, recurrenceEnd) {
        case (.none, _): return start.addingTimeInterval(length)
        case (_, nil): return nil
        case (_, let end?):
            // A week before an until holds its last occurrence; a count is walked from the start.
            let from: Date
            if case .until(let until) = end {
                from = max(start, until.addingTimeInterval(-8 * 86_400))
            } else {
                from = start
            }
            var last: Date?
            walk(from: from) { occurrence in
                last = occurrence.end
                return true
            }
            return last
        }
    }
}
