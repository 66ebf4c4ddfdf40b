/// A booking as `huiyi meeting show` presents it: its running or next occurrence and where each site stands.
import Foundation

public struct MeetingStatus: Hashable, Sendable {
    public var meeting: Meeting
    /// The running occurrence, else the next one; `nil` when the booking is over or cancelled.
    public var occurrence: MeetingOccurrence?
    /// When the running occurrence started; `nil` when none is running.
    public var startedAt: Date?
    /// When the running occurrence ends.
    public var endsAt: Date?
    /// Invited sites in dialling order, then the room's other sites as `.notInvited`.
    public var sites: [SiteStatus]

    public var isRunning: Bool { startedAt != nil }
}

/// One site's line in a `MeetingStatus`.
public struct SiteStatus: Hashable, Sendable {
    public var site: String
    public var state: SiteState

    public init(site: String, state: SiteState) {
        self.site = site
        self.state = state
    }
}

extension MeetingScheduler {
    /// The status of booking `id`, listing the room's sites (`roomSites`, e.g. `room.sites.map(\.name)`) that it
    /// does not invite as well.
    public func status(of id: MeetingID, roomSites: [String] = []) -> MeetingStatus? {
        guard let meeting = book[id] else { return nil }
        // Running: its live state. Over for good (ended, cancelled): how its last occurrence ended. Otherwise the
        // next occurrence has not started.
        let current = running[id] ?? (pending[id] == nil ? finished[id] : nil)
        var sites = meeting.invitedSites.map { site in
            SiteStatus(site: site, state: current?.calls[site]?.state ?? .awaitingStart)
        }
        sites += roomSites.filter { !meeting.invitedSites.contains($0) }.map {
            SiteStatus(site: $0, state: .notInvited)
        }
        return MeetingStatus(
            meeting: meeting, occurrence: current?.occurrence ?? pending[id], startedAt: running[id]?.startedAt,
            endsAt: current?.endsAt, sites: sites
        )
    }
}

extension MeetingScheduler {
    /// Each invited site's attendance of the running sitting of booking `id`, as of `now`; of its last sitting once
    /// it is over; empty when it has not run since the scheduler was built (older sittings are in the store).
    public func attendance(of id: MeetingID, now: Date) -> [MeetingAttendance] {
        (running[id] ?? finished[id])?.attendance(now: now) ?? []
    }
}
