/// Runs the meeting scheduler (`Conference.MeetingScheduler`) on the signalling loop: one timer at its next
/// deadline, its actions carried out through the conference service (open the room, dial each site with a ring
/// timeout, raise alarms, hang everyone up at the end), every call's outcome reported back, bookings saved in the
/// store before an operator is told they are booked, and each site's attendance recorded as it changes. Store writes
/// are queued (in order) and never block the loop.
import Conference
import Foundation
import Logging
import Metrics
import NIOCore
import SIP
import SIPServices

final class MeetingService: Sendable {
    struct Settings: Sendable {
        var redial = RedialPolicy()
        /// A site that rings this long without answering counts as "no answer".
        var ringTimeout: TimeAmount = .seconds(45)
        /// The zone of times without an offset (`--at "2026-12-01 09:00"`).
        var timeZone = Meeting.defaultTimeZone
    }

    let loop: any EventLoop
    let conference: ConferenceService
    let repository: any MeetingRepository
    let settings: Settings
    let logger: Logger
    let state: NIOLoopBoundBox<State>

    /// A call the scheduler asked for.
    struct Dial {
        var occurrence: MeetingOccurrence
        var site: String
        var answered = false
        var ringTimer: Scheduled<Void>?
    }

    struct State {
        var scheduler: MeetingScheduler
        var timer: Scheduled<Void>?
        var timerDeadline: Date?
        var dials: [CallHandle: Dial] = [:]
        /// Alarms raised and not cleared, for logs and metrics.
        var alarms: Set<String> = []
        var random = SystemRandomNumberGenerator()
    }

    init(loop: any EventLoop, conference: ConferenceService, repository: any MeetingRepository,
         settings: Settings, logger: Logger) throws {
        self.loop = loop
        self.conference = conference
        self.repository = repository
        self.settings = settings
        self.logger = logger
        let scheduler = MeetingScheduler(meetings: try repository.loadMeetings(), now: Date(),
                                         configuration: .init(redial: settings.redial))
        state = NIOLoopBoundBox.makeBoxSendingValue(State(scheduler: scheduler), eventLoop: loop)
    }

    /// Starts the clock: meetings due now start (a meeting in progress when the server stopped is opened again and
    /// its sites dialled), and the timer follows the scheduler's next deadline.
    func start() {
        conference.observe { event in self.loop.execute { self.callEvent(event) } }
        loop.execute {
            self.logger.info("meetings restored", metadata: [
                "meetings": "\(self.state.value.scheduler.meetings.count)",
                "upcoming": "\(self.state.value.scheduler.upcoming.count)",
            ])
            self.tick()
        }
    }

    /// Carries out what is due and sets the timer to the next deadline.
    func tick() {
        carryOut(state.value.scheduler.advance(now: Date()))
    }

    /// Carries out the actions of one input to the scheduler, records the attendance of every meeting the input
    /// (`meeting`) or its actions touched, and sets the timer to the next deadline.
    func carryOut(_ actions: [SchedulerAction], for meeting: MeetingID? = nil) {
        perform(actions)
        var touched = Set(actions.map(\.occurrence.meetingID))
        if let meeting { touched.insert(meeting) }
        let now = Date()
        for id in touched.sorted(by: { $0.description < $1.description }) {
            repository.record(state.value.scheduler.attendance(of: id, now: now))
        }
        rearm()
    }

    func rearm() {
        guard let deadline = state.value.scheduler.nextDeadline else {
            state.value.timer?.cancel()
            state.value.timer = nil
            state.value.timerDeadline = nil
            return
        }
        if let current = state.value.timerDeadline, current == deadline, state.value.timer != nil { return }
        state.value.timer?.cancel()
        state.value.timerDeadline = deadline
        let delay = max(0, deadline.timeIntervalSinceNow)
        state.value.timer = loop.scheduleTask(in: .nanoseconds(Int64(delay * 1e9))) {
            self.state.value.timer = nil
            self.state.value.timerDeadline = nil
            self.tick()
        }
    }

    // MARK: Actions

    func perform(_ actions: [SchedulerAction]) {
        for action in actions {
            switch action {
            case .startMeeting(let occurrence):
                logger.notice("meeting started", metadata: meta(occurrence))
                persist(occurrence.meetingID)
            case let .dial(occurrence, site, attempt):
                dial(occurrence, site: site, attempt: attempt)
            case let .alarm(occurrence, site, reason):
                state.value.alarms.insert("\(occurrence.meetingID)/\(site)")
                Gauge(label: "huiyi_meeting_alarms").record(state.value.alarms.count)
                var metadata = meta(occurrence)
                metadata["site"] = "\(site)"
                metadata["reason"] = "\(reason)"
                logger.error("site missing from its meeting after every attempt", metadata: metadata)
                conference.records?.append(AuditEntry(at: Date(), actor: "scheduler", action: "alarm",
                                                      target: "meeting/\(occurrence.meetingID)/site/\(site)",
                                                      source: "server", details: "\(reason)"))
            case let .clearAlarm(occurrence, site):
                state.value.alarms.remove("\(occurrence.meetingID)/\(site)")
                Gauge(label: "huiyi_meeting_alarms").record(state.value.alarms.count)
                var metadata = meta(occurrence)
                metadata["site"] = "\(site)"
                logger.notice("site alarm cleared: the site is in the meeting", metadata: metadata)
            case .endMeeting(let occurrence):
                logger.notice("meeting ended", metadata: meta(occurrence))
                for (handle, dial) in state.value.dials where dial.occurrence == occurrence {
                    dial.ringTimer?.cancel()
                    state.value.dials[handle] = nil
                }
                state.value.alarms = state.value.alarms.filter { !$0.hasPrefix("\(occurrence.meetingID)/") }
                Gauge(label: "huiyi_meeting_alarms").record(state.value.alarms.count)
                conference.hangUpAll(in: occurrence.room, reason: "the meeting is over")
                persist(occurrence.meetingID)
            }
        }
    }

    private func dial(_ occurrence: MeetingOccurrence, site: String, attempt: Int) {
        guard let room = rooms.room(named: occurrence.room),
              let uri = room.sites.first(where: { $0.name == site })?.uri else {
            report(occurrence, site: site, outcome: .rejected(status: 404))
            return
        }
        var metadata = meta(occurrence)
        metadata["site"] = "\(site)"
        metadata["attempt"] = "\(attempt)"
        logger.info("dialling a meeting's site", metadata: metadata)
        conference.dial(room: room.name, uri: uri).hop(to: loop).whenComplete { result in
            switch result {
            case .success(let receipt):
                let timer = self.loop.scheduleTask(in: self.settings.ringTimeout) {
                    guard let dial = self.state.value.dials[receipt.call], !dial.answered else { return }
                    self.conference.hangUp(receipt.call, reason: "no answer")
                }
                self.state.value.dials[receipt.call] = Dial(occurrence: occurrence, site: site, ringTimer: timer)
            case .failure(let error):
                // Not placed at all: an unregistered site is as good as unreachable; a full or locked room refuses.
                let outcome: DialOutcome = switch error as? DialOutError {
                case .refused?: .rejected(status: 486)
                case .badURI?, .unknownRoom?: .rejected(status: 400)
                default: .unreachable
                }
                var metadata = self.meta(occurrence)
                metadata["site"] = "\(site)"
                metadata["error"] = "\(error)"
                self.logger.notice("a meeting's site could not be called", metadata: metadata)
                self.report(occurrence, site: site, outcome: outcome)
            }
        }
    }

    private func report(_ occurrence: MeetingOccurrence, site: String, outcome: DialOutcome) {
        carryOut(state.value.scheduler.dialResult(meeting: occurrence.meetingID, site: site, outcome: outcome,
                                                  now: Date()),
                 for: occurrence.meetingID)
    }

    // MARK: Call outcomes (on `loop`)

    private func callEvent(_ event: ConferenceCallEvent) {
        switch event {
        case .answered(let handle):
            guard var dial = state.value.dials[handle] else { return }
            dial.answered = true
            dial.ringTimer?.cancel()
            dial.ringTimer = nil
            state.value.dials[handle] = dial
            report(dial.occurrence, site: dial.site, outcome: .answered)
        case let .failed(handle, status):
            guard let dial = state.value.dials.removeValue(forKey: handle) else { return }
            dial.ringTimer?.cancel()
            report(dial.occurrence, site: dial.site, outcome: Self.outcome(status))
        case let .dialledIn(handle, room, party):
            dialledIn(handle, room: room, party: party)
        case let .ended(handle, reason, wasAnswered):
            guard let dial = state.value.dials.removeValue(forKey: handle) else { return }
            dial.ringTimer?.cancel()
            if !wasAnswered {
                report(dial.occurrence, site: dial.site, outcome: .noAnswer)
            } else if reason == .localHangUp(ConferenceService.operatorRemoval) {
                // An operator removed the site: it is not called back (it still counts as having left).
                var metadata = meta(dial.occurrence)
                metadata["site"] = "\(dial.site)"
                logger.notice("a meeting's site was removed by an operator; not redialled", metadata: metadata)
            } else {
                carryOut(state.value.scheduler.siteLeft(meeting: dial.occurrence.meetingID, site: dial.site,
                                                        now: Date()),
                         for: dial.occurrence.meetingID)
            }
        }
    }

    /// A caller in a room where a meeting runs: if it is one of the meeting's invited sites (its address of record
    /// is the site's), the site is in — redials stop, its alarm clears, a call still ringing to it is cancelled —
    /// and the call is followed like one the scheduler placed (the site is called back if it drops).
    private func dialledIn(_ handle: CallHandle, room roomName: String, party: String) {
        guard let (occurrence, invited) = state.value.scheduler.runningOccurrence(inRoom: roomName),
              let site = rooms.room(named: roomName)?.sites.first(where: { site in
                  invited.contains(site.name) && (try? SIPURI(parsing: site.uri))?.addressOfRecord == party
              })?.name
        else { return }
        for (other, dial) in state.value.dials
        where dial.occurrence == occurrence && dial.site == site && !dial.answered {
            conference.hangUp(other, reason: "the site dialled in")
        }
        state.value.dials[handle] = Dial(occurrence: occurrence, site: site, answered: true)
        var metadata = meta(occurrence)
        metadata["site"] = "\(site)"
        logger.notice("a meeting's site dialled in", metadata: metadata)
        carryOut(state.value.scheduler.siteJoined(meeting: occurrence.meetingID, site: site, now: Date()),
                 for: occurrence.meetingID)
    }

    /// RFC 3261 §21 status classes as the scheduler reads them.
    static func outcome(_ status: Int) -> DialOutcome {
        switch status {
        case 486, 600: .busy
        case 408, 480, 487: .noAnswer
        case 503, 500, 502, 504: .unreachable
        default: .rejected(status: status)
        }
    }

    // MARK: Helpers

    /// The rooms as the conference service knows them now (operators may have changed them; same loop).
    var rooms: RoomDirectory { conference.state.value.directory }

    /// Queues a save of the booking's state (running, ended, cancelled); a failure is logged by the store's handler.
    func persist(_ id: MeetingID) {
        guard let meeting = state.value.scheduler.meeting(id) else { return }
        repository.save(meeting)
    }

    func meta(_ occurrence: MeetingOccurrence) -> Logger.Metadata {
        ["meeting": "\(occurrence.meetingID)", "room": "\(occurrence.room)", "title": "\(occurrence.title)",
         "occurrence": "\(occurrence.index)"]
    }
}
