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
}
