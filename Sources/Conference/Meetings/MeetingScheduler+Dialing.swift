/// The scheduler's side of each site's calls: outcomes, redials with backoff, alarms, sites joining and leaving.
import Foundation

extension MeetingScheduler {
    /// The outcome of the call to `site` for the running occurrence of `meeting`. A busy, unanswered or unreachable
    /// site is redialled after the policy's next interval; after its last call, or at once when it refused the call,
    /// an alarm is raised. An outcome for a site with no call out (a stale report) changes nothing, except that an
    /// answer always puts the site in the room.
    public mutating func dialResult(
        meeting id: MeetingID, site: String, outcome: DialOutcome, now: Date
    ) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard var current = running[id], var call = current.calls[site] else { return actions }
        switch outcome {
        case .answered:
            actions += joined(&call, site: site, occurrence: current.occurrence, now: now)
        case .failed(let failure):
            guard case .dialing(let attempt) = call.state else { return actions }
            if failure.isRetried, let wait = configuration.redial.wait(afterFailedAttempt: attempt) {
                call.move(
                    to: .waitingToRedial(
                        attempt: attempt + 1, at: now.addingTimeInterval(wait.meetingSeconds), after: failure),
                    now: now)
            } else {
                call.move(to: .alarm(failure, since: now), now: now)
                if !call.alarmRaised { actions.append(.alarm(current.occurrence, site: site, reason: failure)) }
                call.alarmRaised = true
            }
        }
        current.calls[site] = call
        running[id] = current
        return actions
    }

    /// `site` is in the room of the running occurrence of `meeting` by a call of its own (it dialled in), so any
    /// redial stops and its alarm, if raised, clears.
    public mutating func siteJoined(meeting id: MeetingID, site: String, now: Date) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard var current = running[id], var call = current.calls[site] else { return actions }
        actions += joined(&call, site: site, occurrence: current.occurrence, now: now)
        current.calls[site] = call
        running[id] = current
        return actions
    }

    /// The running occurrence in `room`, if any, and its invited sites (a room runs one meeting at a time).
    public func runningOccurrence(inRoom room: String) -> (occurrence: MeetingOccurrence, sites: [String])? {
        guard let current = running.values.first(where: { $0.occurrence.room == room }) else { return nil }
        return (current.occurrence, current.sites)
    }

    /// `site` left the running occurrence of `meeting` (hung up, or its call dropped). After a stay of at least
    /// `configuration.shortStay` it is called again at once, as the first call of a fresh series (the full set of
    /// redials follows if that call fails too). A site that left sooner is called back after the redial policy's
    /// waits, counting each such stay as a failed call, and raises an alarm when they run out.
    public mutating func siteLeft(meeting id: MeetingID, site: String, now: Date) -> [SchedulerAction] {
        var actions = advance(now: now)
        guard let current = running[id], var call = current.calls[site], case .connected(let since) = call.state
        else { return actions }
        if now.timeIntervalSince(since) >= configuration.shortStay {
            call.shortStays = 0
            call.move(to: .dialing(attempt: 1), now: now)
            actions.append(.dial(current.occurrence, site: site, attempt: 1))
        } else {
            call.shortStays += 1
            if let wait = configuration.redial.wait(afterFailedAttempt: call.shortStays) {
                let at = now.addingTimeInterval(wait.meetingSeconds)
                call.move(to: .waitingToRedial(attempt: call.shortStays + 1, at: at, after: .leftAtOnce), now: now)
            } else {
                call.move(to: .alarm(.leftAtOnce, since: now), now: now)
                if !call.alarmRaised { actions.append(.alarm(current.occurrence, site: site, reason: .leftAtOnce)) }
                call.alarmRaised = true
            }
        }
        running[id]?.calls[site] = call
        return actions
    }

    /// An operator's redial of `site` (in alarm, or waiting to be redialled): a call now, as the first of a fresh
    /// series. An alarm stays raised until the site is in. A site already in or being called is left alone.
    public mutating func redial(meeting id: MeetingID, site: String, now: Date) throws(MeetingSchedulingError)
        -> [SchedulerAction]
    {
        var actions = advance(now: now)
        guard let current = running[id] else { throw book[id] == nil ? .unknownMeeting(id) : .notRunning(id) }
        guard let call = current.calls[site] else { throw .notInvited(id, site: site) }
        switch call.state {
        case .alarm, .waitingToRedial:
            running[id]?.calls[site]?.move(to: .dialing(attempt: 1), now: now)
            actions.append(.dial(current.occurrence, site: site, attempt: 1))
        default: break
        }
        return actions
    }

    /// Puts the site in the room; clears its alarm if one was raised.
    private func joined(
        _ call: inout RunningOccurrence.SiteCall, site: String, occurrence: MeetingOccurrence, now: Date
    ) -> [SchedulerAction] {
        if case .connected = call.state { return [] }
        call.move(to: .connected(since: now), now: now)
        guard call.alarmRaised else { return [] }
        call.alarmRaised = false
        return [.clearAlarm(occurrence, site: site)]
    }
}
