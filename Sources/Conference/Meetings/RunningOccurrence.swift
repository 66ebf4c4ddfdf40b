/// An occurrence in progress: when it started and ends, and each invited site's calls.
import Foundation

struct RunningOccurrence: Sendable {
    var occurrence: MeetingOccurrence
    /// When it actually started (its booked start, later after a restart, earlier when an operator started it).
    var startedAt: Date
    /// When it ends (its booked end unless the booking changed while it ran).
    var endsAt: Date
    /// Invited sites in dialling order.
    var sites: [String]
    var calls: [String: SiteCall]

    /// When it ended; nil while it runs.
    var endedAt: Date?

    /// One site's call series, and its attendance so far.
    struct SiteCall: Sendable {
        /// Changed only through `move(to:now:)`, which keeps the tally.
        private(set) var state: SiteState
        /// An alarm was raised for the site and not cleared yet (an operator's redial keeps it until the site is in).
        var alarmRaised = false
        private(set) var tally = AttendanceTally()
        /// Stays in a row that ended within the scheduler's `shortStay`; a longer stay starts the count again.
        var shortStays = 0

        /// A site whose first call goes out at `now`.
        init(calledAt now: Date) {
            state = .awaitingStart
            move(to: .dialing(attempt: 1), now: now)
        }

        /// Enters `next` and counts what the step means: a call placed, the site coming in or leaving, a failure,
        /// an alarm.
        mutating func move(to next: SiteState, now: Date) {
            if case .connected(let since) = state, !next.isConnected {
                tally.secondsOfEndedStays += now.timeIntervalSince(since)
                tally.leftAt = now
            }
            switch next {
            case .dialing: tally.calls += 1
            case .connected where !state.isConnected:
                tally.joinedAt = tally.joinedAt ?? now
                tally.leftAt = nil
            case .waitingToRedial(_, _, let failure): tally.lastFailure = failure
            case .alarm(let failure, let since):
                tally.lastFailure = failure
                tally.alarmedAt = tally.alarmedAt ?? since
            default: break
            }
            state = next
        }

        /// Leaves the room if in it, at the end of the sitting.
        mutating func close(at now: Date) {
            guard case .connected(let since) = state else { return }
            tally.secondsOfEndedStays += now.timeIntervalSince(since)
            tally.leftAt = now
        }
    }

    init(occurrence: MeetingOccurrence, startedAt: Date, sites: [String]) {
        self.occurrence = occurrence
        self.startedAt = startedAt
        self.endsAt = occurrence.end
        self.sites = sites
        self.calls = Dictionary(uniqueKeysWithValues: sites.map { ($0, SiteCall(calledAt: startedAt)) })
    }

    /// Ends the sitting at `now`: sites in the room leave it.
    mutating func close(at now: Date) {
        endedAt = now
        for site in sites { calls[site]?.close(at: now) }
    }

    /// Each invited site's attendance as of `now` (the end, once the sitting is over), in dialling order.
    func attendance(now: Date) -> [MeetingAttendance] {
        sites.compactMap { site in
            guard let call = calls[site] else { return nil }
            let tally = call.tally
            var present = tally.secondsOfEndedStays
            let outcome: MeetingAttendance.Outcome
            if endedAt != nil {
                outcome = tally.joinedAt == nil ? .missed : .attended
            } else if case .connected(let since) = call.state {
                outcome = .present
                present += max(0, now.timeIntervalSince(since))
            } else {
                outcome = .away
            }
            return MeetingAttendance(
                meetingID: occurrence.meetingID, occurrence: occurrence.index, room: occurrence.room,
                sittingStart: startedAt, site: site, outcome: outcome, calls: tally.calls, joinedAt: tally.joinedAt,
                leftAt: tally.leftAt, secondsPresent: present, lastFailure: tally.lastFailure,
                alarmedAt: tally.alarmedAt)
        }
    }

    /// The occurrence with its actual start and end.
    var actual: MeetingOccurrence {
        var actual = occurrence
        actual.start = startedAt
        actual.end = endsAt
        return actual
    }

    /// Takes on a changed booking of the same occurrence: its title and length, and its invited sites — new ones are
    /// called, dropped ones forgotten (an alarm raised for one is cleared).
    mutating func follow(_ meeting: Meeting, now: Date) -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        occurrence.title = meeting.title
        occurrence.end = occurrence.start.addingTimeInterval(meeting.length)
        endsAt = occurrence.end
        for site in sites where !meeting.invitedSites.contains(site) {
            if calls[site]?.alarmRaised == true { actions.append(.clearAlarm(occurrence, site: site)) }
            calls[site] = nil
        }
        for site in meeting.invitedSites where calls[site] == nil {
            calls[site] = SiteCall(calledAt: now)
            actions.append(.dial(occurrence, site: site, attempt: 1))
        }
        sites = meeting.invitedSites
        return actions
    }

    /// The earliest redial due.
    var nextRedial: Date? {
        calls.values.compactMap { call -> Date? in
            if case .waitingToRedial(_, let at, _) = call.state { return at }
            return nil
        }.min()
    }
}
