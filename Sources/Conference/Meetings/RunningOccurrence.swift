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

    /// One site's call series.
    struct SiteCall: Sendable {
        var state: SiteState
        /// An alarm was raised for the site and not cleared yet (an operator's redial keeps it until the site is in).
        var alarmRaised = false
    }

    init(occurrence: MeetingOccurrence, startedAt: Date, sites: [String]) {
        self.occurrence = occurrence
        self.startedAt = startedAt
        self.endsAt = occurrence.end
        self.sites = sites
        self.calls = Dictionary(uniqueKeysWithValues: sites.map { ($0, SiteCall(state: .dialing(attempt: 1))) })
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
    mutating func follow(_ meeting: Meeting) -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        occurrence.title = meeting.title
        occurrence.end = occurrence.start.addingTimeInterval(meeting.length)
        endsAt = occurrence.end
        for site in sites where !meeting.invitedSites.contains(site) {
            if calls[site]?.alarmRaised == true { actions.append(.clearAlarm(occurrence, site: site)) }
            calls[site] = nil
        }
        for site in meeting.invitedSites where calls[site] == nil {
            calls[site] = SiteCall(state: .dialing(attempt: 1))
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
