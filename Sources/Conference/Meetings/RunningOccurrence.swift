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

    /// The earliest redial due.
    var nextRedial: Date? {
        calls.values.compactMap { call -> Date? in
            if case .waitingToRedial(_, let at, _) = call.state { return at }
            return nil
        }.min()
    }
}
