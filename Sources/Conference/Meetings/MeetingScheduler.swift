/// Bookings in, calls out: starts each occurrence on time, dials its sites, redials, raises alarms, ends it (sans-IO).
///
/// The driver owns the wall clock (meetings are booked in wall-clock time and must survive a restart). Every input
/// takes `now` and first handles whatever fell due by then, so a late driver sees what a punctual one would; call
/// `advance(now:)` at `nextDeadline`. Each returned action is to be carried out in order.
///
/// After a restart, build the scheduler from the persisted bookings and call `advance(now:)`: bookings still ahead
/// stay scheduled, and an occurrence in progress (start ≤ now < end) is started again and dials all of its sites,
/// since the calls died with the process. An occurrence that ended while the server was down is skipped.
import Foundation

public struct MeetingScheduler: Sendable {
    public let configuration: MeetingSchedulerConfiguration
    public internal(set) var book: MeetingBook
    /// The next occurrence to start of each active booking that is not running.
    var pending: [MeetingID: MeetingOccurrence] = [:]
    var running: [MeetingID: RunningOccurrence] = [:]
    /// The last occurrence that ended of each booking, as it ended (which sites were in, which were in alarm), so an
    /// operator still sees who never joined after the meeting is over. Kept in memory only: call records persist.
    var finished: [MeetingID: RunningOccurrence] = [:]

    /// A scheduler holding `meetings` as persisted, at `now`. A one-off booking persisted as running is scheduled
    /// again and restarts at the next `advance(now:)` if its end is still ahead; one whose end has passed is ended.
    public init(meetings: [Meeting] = [], now: Date, configuration: MeetingSchedulerConfiguration = .init()) {
        self.configuration = configuration
        book = MeetingBook(horizon: configuration.overlapHorizon)
        for var meeting in meetings {
            if meeting.state == .running { meeting.state = .scheduled }
            book.restore(meeting)
            if meeting.state.isActive { schedule(meeting.id, after: now) }
        }
    }

    /// The booking with this id.
    public func meeting(_ id: MeetingID) -> Meeting? { book[id] }

    /// Every booking, by start then id.
    public var meetings: [Meeting] { book.all }

    /// The occurrences running now, by start then id.
    public var runningOccurrences: [MeetingOccurrence] {
        running.values.sorted(by: Self.byStart).map(\.occurrence)
    }

    /// The next occurrence to start of each active booking that is not running, by start then id.
    public var upcoming: [MeetingOccurrence] {
        pending.values.sorted { ($0.start, $0.meetingID) < ($1.start, $1.meetingID) }
    }

    /// When `advance(now:)` must next be called: the next start, end or redial.
    public var nextDeadline: Date? {
        var deadline = pending.values.lazy.map(\.start).min()
        for occurrence in running.values {
            for due in [occurrence.endsAt, occurrence.nextRedial].compactMap({ $0 })
            where deadline.map({ due < $0 }) ?? true {
                deadline = due
            }
        }
        return deadline
    }

    /// Books `meeting` (its id must be new) unless another booking of its room overlaps one of its occurrences.
    public mutating func add(_ meeting: Meeting, now: Date) throws(MeetingSchedulingError) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard book[meeting.id] == nil else { throw .duplicateID(meeting.id) }
        let first = try firstBookableOccurrence(of: meeting, now: now)
        var booked = meeting
        booked.state = .scheduled
        try book.insert(booked, now: now)
        pending[meeting.id] = first
        actions += advance(now: now)
        return actions
    }

    /// Replaces the booking with `meeting`'s id. A running occurrence keeps going: its title and end follow the new
    /// booking, newly invited sites are dialled and sites no longer invited are forgotten (their alarms cleared);
    /// its room, start, zone and recurrence cannot change while it runs.
    public mutating func update(_ meeting: Meeting, now: Date) throws(MeetingSchedulingError) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard let old = book[meeting.id] else { throw .unknownMeeting(meeting.id) }
        guard old.state.isActive else { throw .finished(old.id, old.state) }
        var updated = meeting
        updated.state = old.state
        if var current = running[meeting.id] {
            for (field, same) in [
                ("room", old.room == meeting.room), ("start", old.start == meeting.start),
                ("time zone", old.timeZone == meeting.timeZone),
                ("recurrence", old.recurrence == meeting.recurrence && old.recurrenceEnd == meeting.recurrenceEnd),
            ] where !same {
                throw .changeWhileRunning(meeting.id, field: field)
            }
            try book.replace(updated, now: now)
            actions += current.follow(meeting, now: now)
            running[meeting.id] = current
        } else {
            let first = try firstBookableOccurrence(of: meeting, now: now)
            try book.replace(updated, now: now)
            pending[meeting.id] = first
        }
        actions += advance(now: now)
        return actions
    }

    /// Calls the booking off; a running occurrence ends at once.
    public mutating func cancel(_ id: MeetingID, now: Date) throws(MeetingSchedulingError) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard let meeting = book[id] else { throw .unknownMeeting(id) }
        guard meeting.state.isActive else { throw .finished(id, meeting.state) }
        if var current = running.removeValue(forKey: id) {
            current.close(at: now)
            finished[id] = current
            actions.append(.endMeeting(current.occurrence))
        }
        pending[id] = nil
        book.setState(.cancelled, of: id)
        return actions
    }

    /// Handles everything due by `now`, in this order: occurrences whose end has come end (so a back-to-back
    /// booking of the same room can start), redials fall due, occurrences whose start has come start.
    public mutating func advance(now: Date) -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        for current in running.values.sorted(by: Self.byStart) where current.endsAt <= now {
            actions += finish(current.occurrence.meetingID, now: now)
        }
        for current in running.values.sorted(by: Self.byStart) {
            for site in current.sites {
                guard case .waitingToRedial(let attempt, let at, _)? = current.calls[site]?.state, at <= now else {
                    continue
                }
                running[current.occurrence.meetingID]?.calls[site]?.move(to: .dialing(attempt: attempt), now: now)
                actions.append(.dial(current.occurrence, site: site, attempt: attempt))
            }
        }
        let due = pending.values.filter { $0.start <= now }.sorted {
            ($0.start, $0.meetingID) < ($1.start, $1.meetingID)
        }
        for occurrence in due {
            if occurrence.end <= now {
                schedule(occurrence.meetingID, after: now)
            } else {
                actions += begin(occurrence, now: now)
            }
        }
        return actions
    }

    // MARK: - Transitions shared by the inputs

    /// Starts `occurrence` now: open the room, call every invited site.
    mutating func begin(_ occurrence: MeetingOccurrence, now: Date) -> [SchedulerAction] {
        let id = occurrence.meetingID
        guard let meeting = book[id] else { return [] }
        pending[id] = nil
        if meeting.recurrence == .none { book.setState(.running, of: id) }
        running[id] = RunningOccurrence(occurrence: occurrence, startedAt: now, sites: meeting.invitedSites)
        return [.startMeeting(occurrence)] + meeting.invitedSites.map { .dial(occurrence, site: $0, attempt: 1) }
    }

    /// Ends the running occurrence of `id` and schedules the series' next one.
    mutating func finish(_ id: MeetingID, now: Date) -> [SchedulerAction] {
        guard var current = running.removeValue(forKey: id) else { return [] }
        current.close(at: now)
        finished[id] = current
        schedule(id, after: max(now, current.occurrence.end))
        return [.endMeeting(current.occurrence)]
    }

    /// Makes the booking's first occurrence ending after `date` pending; a booking with none left has ended.
    mutating func schedule(_ id: MeetingID, after date: Date) {
        if let next = book[id]?.firstOccurrence(endingAfter: date) {
            pending[id] = next
        } else {
            pending[id] = nil
            book.setState(.ended, of: id)
        }
    }

    /// The first occurrence of `meeting` still to come or in progress, if no running meeting holds its room then.
    func firstBookableOccurrence(of meeting: Meeting, now: Date) throws(MeetingSchedulingError) -> MeetingOccurrence {
        guard let first = meeting.firstOccurrence(endingAfter: now) else {
            throw .alreadyOver(meeting.id, lastEnd: meeting.lastEnd ?? now, timeZone: meeting.timeZone)
        }
        if let conflict = runningConflict(with: meeting, now: now) { throw .overlap(conflict) }
        return first
    }

    /// A running occurrence of another booking in `meeting`'s room (perhaps started early by an operator) that an
    /// occurrence of `meeting` overlaps.
    func runningConflict(with meeting: Meeting, now: Date) -> MeetingConflict? {
        for current in running.values.sorted(by: Self.byStart)
        where current.occurrence.room == meeting.room && current.occurrence.meetingID != meeting.id {
            guard let holder = book[current.occurrence.meetingID],
                let mine = meeting.occurrences(overlapping: max(now, current.startedAt), current.endsAt).first
            else { continue }
            return MeetingConflict(holder: holder, occurrence: current.actual, requestedStart: mine.start)
        }
        return nil
    }

    static func byStart(_ a: RunningOccurrence, _ b: RunningOccurrence) -> Bool {
        (a.startedAt, a.occurrence.meetingID) < (b.startedAt, b.occurrence.meetingID)
    }
}
