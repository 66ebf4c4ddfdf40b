/// Operators' meeting commands (docs/ADMIN-API.md): book, list, show, cancel, start early, end. A booking is saved
/// before the operator is told it is booked.
import AdminAPI
import Conference
import Foundation
import NIOCore

extension MeetingService {
    func schedule(_ request: MeetingRequest) async throws -> MeetingSummary {
        let zone: TimeZone
        do {
            zone = try request.timeZone.map { zoneName throws(MeetingTimeInputError) in
                try MeetingTimeInput.timeZone(zoneName)
            } ?? settings.timeZone
        } catch {
            throw AdminError.badRequest(error.description)
        }
        let recurrence: MeetingRecurrence
        if let word = request.repeats {
            guard let parsed = MeetingRecurrence(rawValue: word.lowercased()) else {
                throw AdminError.badRequest(
                    "repeat \"\(word)\" is not one of none, daily, weekdays, weekly; for example --repeat weekdays")
            }
            recurrence = parsed
        } else {
            recurrence = .none
        }
        let committed = loop.makePromise(of: Void.self)
        let booking = loop.submit { () throws -> (Meeting, [SchedulerAction]) in
            let now = Date()
            // A room by its name or its number (`room(forUser:)` knows both).
            guard let room = self.rooms.room(forUser: request.room) else {
                throw AdminError.notFound("no room \(request.room); see huiyi room list")
            }
            let start: Date
            let duration: Duration
            do {
                start = try MeetingTimeInput.parse(request.at, now: now, timeZone: zone)
                duration = try MeetingDurationInput.parse(request.duration)
            } catch let error as MeetingTimeInputError {
                throw AdminError.badRequest(error.description)
            }
            let meeting: Meeting
            do {
                meeting = try Meeting(id: .generate(using: &self.state.value.random), room: room, title: request.title,
                                      start: start, timeZone: zone, duration: duration, sites: request.sites,
                                      recurrence: recurrence)
                let actions = try self.state.value.scheduler.add(meeting, now: now)
                // Queued here, on the loop, so it is written before any later change of the same booking.
                self.repository.save(meeting) { error in
                    if let error { committed.fail(error) } else { committed.succeed() }
                }
                return (meeting, actions)
            } catch let error as MeetingDefinitionError {
                throw AdminError.badRequest(error.description)
            } catch let error as MeetingSchedulingError {
                throw Self.adminError(error)
            }
        }
        booking.whenFailure { committed.fail($0) }  // refused before anything was queued
        let (meeting, actions) = try await booking.get()
        // Saved before anything happens to it, and before the operator hears it is booked: its actions (a meeting
        // booked to start now dials at once) wait for the commit, which runs on the store's writer, not the loop.
        do {
            try await committed.futureResult.get()
        } catch {
            try? await loop.submit { _ = try? self.state.value.scheduler.cancel(meeting.id, now: Date()) }.get()
            throw AdminError.unavailable("the meeting could not be saved: \(error)")
        }
        try await loop.submit {
            self.carryOut(actions, for: meeting.id)
            self.logger.notice("meeting scheduled", metadata: [
                "meeting": "\(meeting.id)", "room": "\(meeting.room)", "start": "\(meeting.start)",
                "duration_s": "\(meeting.duration.components.seconds)", "repeat": "\(recurrence.rawValue)",
            ])
        }.get()
        return try await summary(meeting.id)
    }

    /// How many meetings run, and the sites in alarm (`MEETING/SITE`, sorted), for `huiyi status`.
    func status() async throws -> (running: Int, alarms: [String]) {
        try await loop.submit {
            (self.state.value.scheduler.runningOccurrences.count, self.state.value.alarms.sorted())
        }.get()
    }

    /// Every booking. The scheduler is copied off the signalling loop (a value; copying shares its storage) and the
    /// summaries are built here, so a long listing never holds up SIP or the scheduler's timer.
    func meetings(room: String?, state: String?) async throws -> [MeetingSummary] {
        let wanted: MeetingState?
        if let state {
            // "running" is a one-off meeting's state; a repeating one running now is listed with it too.
            guard let parsed = MeetingState(rawValue: state.lowercased()) else {
                throw AdminError.badRequest(
                    "state=\(state) is not one of scheduled, running, ended, cancelled")
            }
            wanted = parsed
        } else {
            wanted = nil
        }
        let (scheduler, rooms) = try await loop.submit { (self.state.value.scheduler, self.rooms) }.get()
        let roomName: String?
        if let room {
            guard let found = rooms.room(forUser: room) else {
                throw AdminError.notFound("no room \(room); see huiyi room list")
            }
            roomName = found.name
        } else {
            roomName = nil
        }
        var formatters = SummaryFormatters()
        return scheduler.meetings.compactMap { meeting in
            guard roomName.map({ meeting.room == $0 }) ?? true else { return nil }
            guard let summary = Self.summary(meeting.id, scheduler, rooms, &formatters) else { return nil }
            if let wanted, wanted == .running ? !summary.running : (summary.running || meeting.state != wanted) {
                return nil
            }
            return summary
        }
    }

    func summary(_ id: MeetingID) async throws -> MeetingSummary {
        let (scheduler, rooms) = try await loop.submit { (self.state.value.scheduler, self.rooms) }.get()
        var formatters = SummaryFormatters()
        guard let summary = Self.summary(id, scheduler, rooms, &formatters) else {
            throw AdminError.notFound("no meeting \(id); see huiyi meeting list")
        }
        return summary
    }

    /// ISO 8601 formatters for one listing: creating one costs far more than formatting with it (about 0.1 ms).
    struct SummaryFormatters {
        let utc = ISO8601DateFormatter()
        private var zoned: [String: ISO8601DateFormatter] = [:]

        mutating func local(_ zone: TimeZone) -> ISO8601DateFormatter {
            if let formatter = zoned[zone.identifier] { return formatter }
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = zone
            zoned[zone.identifier] = formatter
            return formatter
        }
    }

    func meeting(_ text: String) async throws -> MeetingSummary {
        try await summary(Self.id(text))
    }

    func cancel(_ text: String) async throws -> MeetingSummary {
        try await operate(text) { scheduler, id, now throws(MeetingSchedulingError) in try scheduler.cancel(id, now: now) }
    }

    func startNow(_ text: String) async throws -> MeetingSummary {
        try await operate(text) { scheduler, id, now throws(MeetingSchedulingError) in try scheduler.start(meeting: id, now: now) }
    }

    func endNow(_ text: String) async throws -> MeetingSummary {
        try await operate(text) { scheduler, id, now throws(MeetingSchedulingError) in try scheduler.end(meeting: id, now: now) }
    }

    /// Calls off the occurrence of a repeating meeting on a local day (`2026-12-07` in the meeting's zone).
    func skip(_ text: String, on day: String) async throws -> MeetingSummary {
        try await operate(text) { scheduler, id, now throws(MeetingSchedulingError) in
            try scheduler.skip(meeting: id, on: day, now: now)
        }
    }

    /// An operator's redial of a site missing from the running meeting: a fresh series of calls starts now.
    func redial(_ text: String, site: String) async throws -> MeetingSummary {
        try await operate(text) { scheduler, id, now throws(MeetingSchedulingError) in
            try scheduler.redial(meeting: id, site: site, now: now)
        }
    }

    private func operate(
        _ text: String,
        _ change: @escaping @Sendable (inout MeetingScheduler, MeetingID, Date) throws(MeetingSchedulingError)
            -> [SchedulerAction]
    ) async throws -> MeetingSummary {
        let id = try Self.id(text)
        try await loop.submit {
            do {
                let actions = try change(&self.state.value.scheduler, id, Date())
                self.persist(id)
                self.carryOut(actions, for: id)
            } catch let error as MeetingSchedulingError {
                throw Self.adminError(error)
            }
        }.get()
        return try await summary(id)
    }

    /// The booking's attendance: the store's rows, with the sitting the scheduler holds (running, or the last one
    /// ended) taken live, so time present counts up to now. Rows are read off the loop.
    func attendance(_ text: String, sittings: Int) async throws -> [AttendanceSummary] {
        let id = try Self.id(text)
        let (known, live) = try await loop.submit {
            (self.state.value.scheduler.meeting(id) != nil, self.state.value.scheduler.attendance(of: id, now: Date()))
        }.get()
        guard known else { throw AdminError.notFound("no meeting \(id); see huiyi meeting list") }
        let stored: [MeetingAttendance]
        do {
            stored = try repository.attendance(of: id, sittings: sittings)
        } catch {
            throw AdminError.unavailable("the attendance could not be read: \(error)")
        }
        // Live rows stand for their sitting (the store may be a write or two behind). Sittings are told apart by
        // their start to the millisecond: a time read back from the store is not bit for bit the one written.
        func sitting(_ row: MeetingAttendance) -> Int64 {
            Int64((row.sittingStart.timeIntervalSince1970 * 1000).rounded())
        }
        let liveSittings = Set(live.map(sitting))
        let bySitting = Dictionary(grouping: live + stored.filter { !liveSittings.contains(sitting($0)) }, by: sitting)
        let rows = bySitting.keys.sorted(by: >).prefix(sittings).flatMap { bySitting[$0] ?? [] }
        let utc = ISO8601DateFormatter()
        return rows.map { row in
            AttendanceSummary(
                meeting: row.meetingID.description, occurrence: row.occurrence,
                sittingStart: utc.string(from: row.sittingStart), room: row.room, site: row.site,
                outcome: row.outcome.rawValue, calls: row.calls, joinedAt: row.joinedAt.map(utc.string(from:)),
                leftAt: row.leftAt.map(utc.string(from:)), secondsPresent: Int(row.secondsPresent.rounded()),
                lastFailure: row.lastFailure?.description, alarmedAt: row.alarmedAt.map(utc.string(from:)))
        }
    }

    private static func id(_ text: String) throws -> MeetingID {
        guard let id = MeetingID(text) else {
            throw AdminError.badRequest("\"\(text)\" is not a meeting id; see huiyi meeting list")
        }
        return id
    }

    static func adminError(_ error: MeetingSchedulingError) -> AdminError {
        switch error {
        case .overlap: AdminError(.conflict, error.description)
        case .unknownMeeting: AdminError.notFound(error.description)
        case .alreadyOver, .notInvited, .badDay, .noOccurrence: AdminError.badRequest(error.description)
        default: AdminError(.conflict, error.description)
        }
    }

    /// The meeting as `huiyi meeting show` prints it.
    static func summary(_ id: MeetingID, _ scheduler: MeetingScheduler, _ rooms: RoomDirectory,
                        _ formatters: inout SummaryFormatters) -> MeetingSummary? {
        guard let meeting = scheduler.meeting(id) else { return nil }
        let roomSites = rooms.room(named: meeting.room)?.sites.map(\.name) ?? []
        let status = scheduler.status(of: id, roomSites: roomSites)
        let utc = formatters.utc
        let local = formatters.local(meeting.timeZone)
        let next = status?.occurrence
        let sites = (status?.sites ?? []).map { site -> MeetingSiteSummary in
            switch site.state {
            case .notInvited:
                return MeetingSiteSummary(site: site.site, state: "not invited", attempt: nil, reason: nil, since: nil,
                                          alarm: false)
            case .awaitingStart:
                return MeetingSiteSummary(site: site.site, state: "awaiting start", attempt: nil, reason: nil,
                                          since: nil, alarm: false)
            case .dialing(let attempt):
                return MeetingSiteSummary(site: site.site, state: "dialing", attempt: attempt, reason: nil, since: nil,
                                          alarm: false)
            case let .waitingToRedial(attempt, at, after):
                return MeetingSiteSummary(site: site.site, state: "waiting to redial", attempt: attempt,
                                          reason: "\(after)", since: utc.string(from: at), alarm: false)
            case .connected(let since):
                return MeetingSiteSummary(site: site.site, state: "connected", attempt: nil, reason: nil,
                                          since: utc.string(from: since), alarm: false)
            case let .alarm(reason, since):
                return MeetingSiteSummary(site: site.site, state: "alarm", attempt: nil, reason: "\(reason)",
                                          since: utc.string(from: since), alarm: true)
            }
        }
        return MeetingSummary(
            id: meeting.id.description, room: meeting.room, title: meeting.title,
            start: local.string(from: meeting.start), timeZone: meeting.timeZone.identifier,
            durationSeconds: Int(meeting.duration.components.seconds), repeats: meeting.recurrence.rawValue,
            state: "\(meeting.state)", running: status?.isRunning ?? false,
            nextStart: next.map { utc.string(from: $0.start) }, nextEnd: next.map { utc.string(from: $0.end) },
            sites: sites, alarms: sites.filter(\.alarm).map(\.site), skipped: meeting.skippedDates)
    }
}
