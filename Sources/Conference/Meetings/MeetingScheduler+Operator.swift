/// An operator starting a meeting before its time or ending it before its end (`huiyi meeting start|end`).
import Foundation

extension MeetingScheduler {
    /// Starts the booking's next occurrence now, dialling its sites; it keeps its booked end. Refused while another
    /// meeting is running in the room.
    public mutating func start(meeting id: MeetingID, now: Date) throws(MeetingSchedulingError) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard let meeting = book[id] else { throw .unknownMeeting(id) }
        guard running[id] == nil else { throw .alreadyRunning(id) }
        guard meeting.state.isActive, let next = pending[id] else { throw .finished(id, meeting.state) }
        for current in running.values.sorted(by: Self.byStart) where current.occurrence.room == meeting.room {
            guard let holder = book[current.occurrence.meetingID] else { continue }
            throw .overlap(MeetingConflict(holder: holder, occurrence: current.actual, requestedStart: now))
        }
        actions += begin(next, now: now)
        return actions
    }

    /// Ends the running occurrence now: everyone is hung up. A repeating booking goes on with its next occurrence.
    public mutating func end(meeting id: MeetingID, now: Date) throws(MeetingSchedulingError) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard let meeting = book[id] else { throw .unknownMeeting(id) }
        guard running[id] != nil else { throw meeting.state.isActive ? .notRunning(id) : .finished(id, meeting.state) }
        actions += finish(id, now: now)
        return actions
    }

    /// Calls off the occurrence of a repeating booking that starts on the local day `date` (`2026-12-07`, in the
    /// meeting's zone), for a holiday; the series goes on. An occurrence already running is ended with `end`.
    public mutating func skip(meeting id: MeetingID, on date: String, now: Date) throws(MeetingSchedulingError)
        -> [SchedulerAction]
    {
        var actions = advance(now: now)
        guard var meeting = book[id] else { throw .unknownMeeting(id) }
        guard meeting.state.isActive else { throw .finished(id, meeting.state) }
        guard meeting.recurrence != .none else { throw .notRepeating(id) }
        guard let day = CivilDay(iso: date) else { throw .badDay(date) }
        let calendar = meeting.calendar
        // Every occurrence starting that day is among those overlapping it, give or take the zone's offset.
        let around = calendar.date(from: DateComponents(year: 1970, month: 1, day: 1 + day.number)) ?? now
        guard let occurrence = meeting.occurrences(overlapping: around.addingTimeInterval(-meeting.length),
                                                   around.addingTimeInterval(86_400 + 3600))
            .first(where: { CivilDay($0.start, in: calendar) == day }), occurrence.end > now
        else { throw .noOccurrence(id, on: date) }
        if running[id]?.occurrence.index == occurrence.index { throw .occurrenceRunning(id) }
        meeting.skippedDays.insert(day.number)
        try book.replace(meeting, now: now)
        if running[id] == nil { schedule(id, after: now) }
        actions += advance(now: now)
        return actions
    }
}
