/// Every booking by id, with a per-room index that finds the booking an overlapping request would collide with.
///
/// Only active bookings (scheduled or running) hold their room. One-off bookings of a room sit in an array sorted by
/// start; as they never overlap one another their ends are sorted too, so one binary search answers "what holds
/// this interval". Repeating bookings, which are few, are expanded where needed.
///
/// The horizon: a repeating series without an end is not expanded for ever. A repeating request is checked against
/// one-off bookings at its occurrences during `horizon` (a year) from the later of `now` and its start, and against
/// each repeating booking during `horizon` from the latest of `now` and both starts — a year covers every season, so
/// two series in zones that change clocks at different dates are compared across all of their offsets. A one-off
/// request is checked against everything at its own time, however far ahead. What is missed: a repeating request
/// against a one-off booked more than a year after the request's first occurrence.
import Foundation

public struct MeetingBook: Sendable {
    /// How far ahead a repeating booking is expanded when checking for overlaps.
    public let horizon: TimeInterval
    public static let defaultHorizon: TimeInterval = 366 * 86_400

    public private(set) var meetings: [MeetingID: Meeting] = [:]
    private var rooms: [String: RoomBookings] = [:]

    /// One-off slots sorted by start, and the ids of repeating bookings, of one room.
    struct RoomBookings: Sendable {
        var oneOffs: [Slot] = []
        var repeating: Set<MeetingID> = []
    }

    struct Slot: Sendable {
        var start: Date
        var end: Date
        var id: MeetingID
    }

    public init(horizon: TimeInterval = MeetingBook.defaultHorizon) { self.horizon = horizon }

    public subscript(id: MeetingID) -> Meeting? { meetings[id] }

    /// Every booking, by start then id.
    public var all: [Meeting] { meetings.values.sorted { ($0.start, $0.id) < ($1.start, $1.id) } }

    /// Active bookings of `room`, by start then id.
    public func active(inRoom room: String) -> [Meeting] {
        guard let bookings = rooms[room] else { return [] }
        let ids = bookings.oneOffs.map(\.id) + bookings.repeating
        return ids.compactMap { meetings[$0] }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// The first booking `meeting` would collide with (another id, same room, active) at or after `now`.
    public func conflict(for meeting: Meeting, now: Date) -> MeetingConflict? {
        guard let bookings = rooms[meeting.room] else { return nil }
        if meeting.recurrence == .none {
            let wanted = MeetingOccurrence(
                meetingID: meeting.id, index: 0, room: meeting.room, title: meeting.title, start: meeting.start,
                end: meeting.start.addingTimeInterval(meeting.length)
            )
            if let hit = oneOffHolding(wanted, in: bookings.oneOffs) { return hit }
            for id in bookings.repeating.sorted() where id != meeting.id {
                guard let holder = meetings[id] else { continue }
                if let occurrence = holder.occurrences(overlapping: wanted.start, wanted.end).first {
                    return MeetingConflict(holder: holder, occurrence: occurrence, requestedStart: wanted.start)
                }
            }
            return nil
        }
        let from = max(now, meeting.start)
        for wanted in meeting.occurrences(overlapping: from, from.addingTimeInterval(horizon)) {
            if let hit = oneOffHolding(wanted, in: bookings.oneOffs) { return hit }
        }
        for id in bookings.repeating.sorted() where id != meeting.id {
            guard let holder = meetings[id] else { continue }
            let from = max(now, meeting.start, holder.start)
            let to = from.addingTimeInterval(horizon)
            if let (theirs, mine) = firstOverlap(
                holder.occurrences(overlapping: from, to), meeting.occurrences(overlapping: from, to))
            {
                return MeetingConflict(holder: holder, occurrence: theirs, requestedStart: mine.start)
            }
        }
        return nil
    }

    /// Adds `meeting` if no active booking of its room collides with it; a finished booking is only recorded.
    public mutating func insert(_ meeting: Meeting, now: Date) throws(MeetingSchedulingError) {
        guard meetings[meeting.id] == nil else { throw .duplicateID(meeting.id) }
        if meeting.state.isActive, let conflict = conflict(for: meeting, now: now) { throw .overlap(conflict) }
        restore(meeting)
    }

    /// Replaces the booking with `meeting`'s id, checking the new times against every other booking.
    public mutating func replace(_ meeting: Meeting, now: Date) throws(MeetingSchedulingError) {
        guard meetings[meeting.id] != nil else { throw .unknownMeeting(meeting.id) }
        let old = remove(meeting.id)!
        if meeting.state.isActive, let conflict = conflict(for: meeting, now: now) {
            restore(old)
            throw .overlap(conflict)
        }
        restore(meeting)
    }

    /// Adds `meeting` as it was persisted, unchecked (it was checked when it was booked).
    public mutating func restore(_ meeting: Meeting) {
        meetings[meeting.id] = meeting
        guard meeting.state.isActive else { return }
        // Taken out while it changes, so the slot array is not copied on every insert.
        var bookings = rooms.removeValue(forKey: meeting.room) ?? RoomBookings()
        if meeting.recurrence == .none {
            let slot = Slot(start: meeting.start, end: meeting.start.addingTimeInterval(meeting.length), id: meeting.id)
            let at = bookings.oneOffs.partitioningIndex { ($0.start, $0.id) > (slot.start, slot.id) }
            bookings.oneOffs.insert(slot, at: at)
        } else {
            bookings.repeating.insert(meeting.id)
        }
        rooms[meeting.room] = bookings
    }

    /// Records a new state; a booking that is no longer active frees its room.
    public mutating func setState(_ state: MeetingState, of id: MeetingID) {
        guard var meeting = remove(id) else { return }
        meeting.state = state
        restore(meeting)
    }

    /// Takes the booking out of the book and returns it.
    @discardableResult
    public mutating func remove(_ id: MeetingID) -> Meeting? {
        guard let meeting = meetings.removeValue(forKey: id) else { return nil }
        rooms[meeting.room]?.oneOffs.removeAll { $0.id == id }
        rooms[meeting.room]?.repeating.remove(id)
        return meeting
    }

    /// The one-off booking holding any instant of `wanted`.
    private func oneOffHolding(_ wanted: MeetingOccurrence, in slots: [Slot]) -> MeetingConflict? {
        // Ends are sorted because one-offs of a room never overlap: the first slot ending after the start is the
        // only candidate.
        let at = slots.partitioningIndex { $0.end > wanted.start }
        guard at < slots.count, slots[at].start < wanted.end, slots[at].id != wanted.meetingID,
            let holder = meetings[slots[at].id]
        else { return nil }
        let occurrence = MeetingOccurrence(
            meetingID: holder.id, index: 0, room: holder.room, title: holder.title, start: slots[at].start,
            end: slots[at].end
        )
        return MeetingConflict(holder: holder, occurrence: occurrence, requestedStart: wanted.start)
    }

    /// The first pair of overlapping occurrences of two sorted lists (two pointers: linear in their lengths).
    private func firstOverlap(
        _ theirs: [MeetingOccurrence], _ mine: [MeetingOccurrence]
    ) -> (MeetingOccurrence, MeetingOccurrence)? {
        var (i, j) = (0, 0)
        while i < theirs.count, j < mine.count {
            if theirs[i].overlaps(mine[j]) { return (theirs[i], mine[j]) }
            if theirs[i].end <= mine[j].end { i += 1 } else { j += 1 }
        }
        return nil
    }
}

extension Array {
    /// The index of the first element satisfying `belongs`, which must be false for a prefix and true after it.
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
