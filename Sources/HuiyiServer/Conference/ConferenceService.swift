/// The call router for rooms: turns `CallEvent`s from the SIP core into room joins (access policy, PIN entry,
/// admission, SDP offer/answer, a media leg) and room events (digits, silent legs) back into SIP answers and BYEs.
///
/// Runs on the signalling loop, like the SIP core: calls arrive there and answers are executed there. Rooms' media
/// run on media loops; what comes back from them (digits, timeouts, bound ports) hops to the signalling loop first,
/// so the state below is only ever touched on one thread.
import Conference
import Foundation
import Logging
import Metrics
import MediaTransport
import Mixing
import NIOCore
import NIOPosix
import SDP
import SIP
import SIPServices

/// What the service asks of the SIP core.
enum CallCommand: Sendable {
    case answer(CallHandle, CallAnswer)
    case hangUp(CallHandle, reason: String)
    /// Where a call to this URI would go (the registered flow, or the URI's own address); the completion runs on
    /// the signalling loop.
    case resolve(SIPURI, completion: @Sendable (Result<SIPFlow, DialError>) -> Void)
    /// Place a call; the completion (on the signalling loop) gets its handle before any response can arrive.
    case dial(DialRequest, completion: @Sendable (Result<CallHandle, DialError>) -> Void)
}

/// What the conference service tells whoever placed a call through it (the meeting scheduler).
enum ConferenceCallEvent: Sendable {
    /// A call this side placed was answered and its media started.
    case answered(CallHandle)
    /// A call this side placed failed before an answer, with the final status.
    case failed(CallHandle, status: Int)
    /// A call ended; `wasAnswered` tells a call that never connected from one that did.
    case ended(CallHandle, CallEndReason, wasAnswered: Bool)
    /// A caller is in `room` (past its PIN, if any) by a call of its own; `party` is its address of record.
    case dialledIn(CallHandle, room: String, party: String)
}

final class ConferenceService: Sendable {
    /// The end reason of a call an operator removed (`huiyi participant kick`): the meeting scheduler does not call
    /// such a site back.
    static let operatorRemoval = "removed by the operator"

    struct Settings: Sendable {
        var advertisedAddress: String
        var mediaTimeout: Duration
        /// The SIP domain: rooms call out as `sip:NUMBER@domain`.
        var domain: String
    }

    let loop: any EventLoop
    private let mediaGroup: any EventLoopGroup
    private let ports: RTPPortAllocator
    let settings: Settings
    let logger: Logger
    let execute: @Sendable (CallCommand) -> Void
    /// Where call detail records and operator actions are kept.
    let records: (any ConferenceRecords)?
    /// Where operators' room changes are saved.
    let roomStore: (any RoomRepository)?
    /// Told of the outcome of calls (set once, on `loop`).
    let observer: NIOLoopBoundBox<(@Sendable (ConferenceCallEvent) -> Void)?>
    let state: NIOLoopBoundBox<State>

    struct LiveRoom {
        var room: Room
        var roster: RoomRoster
        var media: AudioRoomRunner
        var calls: [Mixing.ParticipantID: CallHandle] = [:]
    }

    enum Stage {
        /// Answered, waiting for the ACK.
        case answering
        /// Entering a PIN; the leg hears only prompts.
        case enteringPIN(PINEntry)
        /// In the mix.
        case joined
        /// Refused after the PIN attempts: the goodbye prompt plays, then the call ends.
        case leaving
        /// This side called the site and waits for its answer.
        case dialing
    }

    struct Call {
        var roomName: String
        var participant: Conference.ParticipantID
        var stage: Stage
        /// Chair or participant once known.
        var role: ParticipantRole
        var versioning: SessionVersioning
        var negotiated: NegotiatedAudio?
        /// This side's offer, for a call it placed, until the answer is read.
        var offer: AudioOffer?
        var port: Int
        var localAddress: String
        var lastAnswer: [UInt8] = []
        var pinTimer: Scheduled<Void>?
        /// For the call detail record.
        var party: String = ""
        var direction: CallRecord.Direction = .incoming
        var startedAt = Date()
        var answeredAt: Date?
    }

    struct State {
        var directory: RoomDirectory
        /// Rooms an operator locked: only chairs get in (kept while the room is empty, too).
        var locked: Set<String> = []
        let startedAt = Date()
        var rooms: [String: LiveRoom] = [:]
        var calls: [CallHandle: Call] = [:]
        var prompts = PromptRenderer()
        var random = SystemRandomNumberGenerator()
        var reporting: RepeatedTask?
    }

    init(rooms: RoomDirectory, loop: any EventLoop, mediaGroup: any EventLoopGroup, ports: RTPPortAllocator,
         settings: Settings, logger: Logger, records: (any ConferenceRecords)? = nil,
         roomStore: (any RoomRepository)? = nil, execute: @escaping @Sendable (CallCommand) -> Void) {
        self.records = records
        self.roomStore = roomStore
        observer = NIOLoopBoundBox.makeBoxSendingValue(nil, eventLoop: loop)
        self.loop = loop
        self.mediaGroup = mediaGroup
        self.ports = ports
        self.settings = settings
        self.logger = logger
        self.execute = execute
        state = NIOLoopBoundBox.makeBoxSendingValue(State(directory: rooms), eventLoop: loop)
    }

    /// Logs each live room's media statistics every `interval` (tick lateness, encoder calls): what operators and
    /// the load benchmark read.
    func startReporting(every interval: TimeAmount = .seconds(10)) {
        loop.execute {
            self.state.value.reporting = self.loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
                for (name, live) in self.state.value.rooms { self.report(name, live.media) }
            }
        }
    }

    private func report(_ name: String, _ media: AudioRoomRunner, closing: Bool = false) {
        let logger = self.logger
        media.statistics().whenSuccess { stats in
            // A room that never mixed (a dial-out that was not answered) has nothing to report.
            if closing, stats.mixer.ticks == 0 { return }
            let ticks = max(1, stats.mixer.ticks)
            func us(_ p: Double) -> String { stats.lateness.percentileMicroseconds(p).map(String.init) ?? "-" }
            logger.info(closing ? "room closed" : "room statistics", metadata: [
                "room": "\(name)", "legs": "\(stats.legs)", "ticks": "\(stats.mixer.ticks)",
                "encoder_calls_per_tick": "\(String(format: "%.2f", Double(stats.mixer.encoderCalls) / Double(ticks)))",
                "encoder_failures": "\(stats.mixer.encoderFailures)",
                "lateness_p50_us": "\(us(0.5))", "lateness_p99_us": "\(us(0.99))", "lateness_p999_us": "\(us(0.999))",
                "lateness_max_us": "\(stats.lateness.maximumMicroseconds)", "caught_up": "\(stats.lateness.caughtUp)",
                "concealed": "\(stats.concealed)", "late_packets": "\(stats.late)", "underruns": "\(stats.underruns)",
            ])
        }
    }

    // MARK: Events from the SIP core (on `loop`)

    func handle(_ event: CallEvent) {
        switch event {
        case .offered(let call): offered(call)
        case let .confirmed(handle, _): confirmed(handle)
        case let .reoffered(handle, request): reoffered(handle, request)
        case let .info(handle, contentType, body):
            if let digit = DTMFRelayBody.digit(contentType: contentType, body: body) { received(digit, on: handle) }
        case let .ended(handle, reason): ended(handle, reason: reason)
        case let .progress(handle, status):
            logger.info("site ringing", metadata: ["call": "\(handle)", "status": "\(status)"])
        case let .answered(handle, response): answered(handle, response)
        case let .failed(handle, status, reason): dialFailed(handle, status: status, reason: reason)
        }
    }

    private func offered(_ incoming: IncomingCall) {
        let user = incoming.request.uri.user ?? ""
        guard let room = state.value.directory.room(forUser: user) else {
            return execute(.answer(incoming.handle, .reject(status: 404, warning: "no room \(user) here")))
        }
        var role = ParticipantRole.participant
        switch room.access {
        case .open:
            break
        case .account:
            if let failure = incoming.credentials.failure {
                return execute(.answer(incoming.handle, .reject(status: 403, warning: failure)))
            }
            guard incoming.credentials.authenticatedUser != nil else {
                return execute(.answer(incoming.handle, .challenge))
            }
        case .pin:
            role = .participant  // decided by the PIN
        }
        guard !incoming.request.body.isEmpty else {
            return execute(.answer(incoming.handle, .reject(
                status: 488, warning: "an SDP offer in the INVITE is required")))
        }
        let offer: SessionDescription
        do {
            offer = try SessionDescription(parsing: incoming.request.body)
        } catch {
            return execute(.answer(incoming.handle, .reject(status: 400, warning: "bad SDP: \(error)")))
        }

        // Negotiate before spending a socket: an offer the room cannot take is refused at once.
        let localAddress = mediaAddress(for: incoming, offer: offer)
        let identity = SessionIdentity(username: "huiyi", sessionID: String(UInt32.random(in: 1...UInt32.max,
                                       using: &state.value.random)), version: 1)
        let answer: AudioAnswer
        do {
            answer = try AudioOfferAnswer(srtpPolicy: room.srtp).answer(
                to: offer, session: identity, localAddress: localAddress, localPort: 9, using: &state.value.random)
        } catch {
            return execute(.answer(incoming.handle, .reject(status: error.statusCode, warning: error.warning, warningCode: error.warningCode)))
        }
        guard let parameters = answer.negotiated.legParameters() else {
            return execute(.answer(incoming.handle, .reject(status: 488, warning: "codec not available")))
        }

        var live = liveRoom(for: room)
        let caller = Caller(displayName: (try? incoming.request.headers.from())?.displayName,
                            uri: (try? incoming.request.headers.from())?.uri.addressOfRecord ?? "")
        let participant: Conference.ParticipantID
        switch live.roster.admit(caller: caller, role: role, at: Date()) {
        case .admitted(let id): participant = id
        case .refused(let refusal):
            state.value.rooms[room.name] = live
            return execute(.answer(incoming.handle, .reject(
                status: refusal.statusCode, reason: refusal.reasonPhrase, warning: refusal.warningText)))
        }
        let mediaID = Mixing.ParticipantID(participant.rawValue)
        live.calls[mediaID] = incoming.handle
        state.value.rooms[room.name] = live
        let stage: Stage = room.access == .pin ? .enteringPIN(PINEntry(room: room)!) : .answering
        defer { updateGauges(room: room.name) }
        state.value.calls[incoming.handle] = Call(
            roomName: room.name, participant: participant, stage: stage, role: role,
            versioning: SessionVersioning(identity), negotiated: answer.negotiated, port: 0,
            localAddress: localAddress, party: caller.uri, direction: .incoming)

        let bindHost = localAddress.contains(":") ? "::" : "0.0.0.0"
        let handle = incoming.handle
        let media = live.media
        media.addLeg(mediaID, parameters: parameters, bindHost: bindHost).hop(to: loop).whenComplete { result in
            switch result {
            case .success(let port):
                guard var call = self.state.value.calls[handle] else {
                    media.removeLeg(mediaID)  // cancelled meanwhile
                    return
                }
                call.port = port
                let body = call.versioning.stamp(answer.description.settingAudioPort(port)).bytes
                call.lastAnswer = body
                self.state.value.calls[handle] = call
                self.logger.info("call answered", metadata: [
                    "room": "\(room.name)", "call": "\(handle)", "participant": "\(participant.rawValue)",
                    "codec": "\(answer.negotiated.codec.encodingName)", "srtp": "\(answer.negotiated.crypto != nil)",
                ])
                self.execute(.answer(handle, .accept(sdp: body)))
            case .failure(let error):
                self.logger.error("no media for a call", metadata: ["room": "\(room.name)", "error": "\(error)"])
                self.forget(handle, playLeave: false)
                self.execute(.answer(handle, .reject(status: 503, warning: "no media resources: \(error)")))
            }
        }
    }

    private func confirmed(_ handle: CallHandle) {
        guard var call = state.value.calls[handle] else { return }
        switch call.stage {
        case .answering:
            call.answeredAt = Date()
            call.stage = .joined
            state.value.calls[handle] = call
            join(handle)
        case .enteringPIN(var entry):
            call.answeredAt = Date()
            let actions = entry.start(now: Self.now())
            call.stage = .enteringPIN(entry)
            state.value.calls[handle] = call
            perform(actions, for: handle)
        case .joined, .leaving, .dialing:
            break
        }
    }

    private func reoffered(_ handle: CallHandle, _ request: SIPRequest) {
        guard var call = state.value.calls[handle], let live = state.value.rooms[call.roomName] else {
            return execute(.answer(handle, .reject(status: 481)))
        }
        guard !request.body.isEmpty else {
            // A re-INVITE without an offer: offer what is in force again (RFC 3264 §8, RFC 3261 §14.2).
            return execute(.answer(handle, .accept(sdp: call.lastAnswer)))
        }
        let answer: AudioAnswer
        do {
            let offer = try SessionDescription(parsing: request.body)
            answer = try AudioOfferAnswer(srtpPolicy: live.room.srtp).answer(
                to: offer, session: call.versioning.identity, localAddress: call.localAddress,
                localPort: UInt16(call.port), previousCrypto: call.negotiated?.crypto, using: &state.value.random)
        } catch let error as OfferAnswerError {
            return execute(.answer(handle, .reject(status: error.statusCode, warning: error.warning, warningCode: error.warningCode)))
        } catch {
            return execute(.answer(handle, .reject(status: 400, warning: "bad SDP: \(error)")))
        }
        guard let parameters = answer.negotiated.legParameters() else {
            return execute(.answer(handle, .reject(status: 488, warning: "codec not available")))
        }
        let mediaID = Mixing.ParticipantID(call.participant.rawValue)
        call.negotiated = answer.negotiated
        let body = call.versioning.stamp(answer.description).bytes
        call.lastAnswer = body
        state.value.calls[handle] = call
        live.media.updateLeg(mediaID, parameters: parameters).hop(to: loop).whenComplete { result in
            switch result {
            case .success: self.execute(.answer(handle, .accept(sdp: body)))
            case .failure(let error):
                self.execute(.answer(handle, .reject(status: 488, warning: "\(error)")))
            }
        }
    }

    /// Every end of a call comes here, whoever ended it (this side's hang-ups too: the SIP core reports them), so
    /// each call is logged and forgotten in one place.
    private func ended(_ handle: CallHandle, reason: CallEndReason) {
        guard let call = state.value.calls[handle] else { return }
        observer.value?(.ended(handle, reason, wasAnswered: call.answeredAt != nil))
        let mediaID = Mixing.ParticipantID(call.participant.rawValue)
        let logger = self.logger
        // The leg's statistics are read on its loop before the leg is removed there (the loop keeps the order).
        let records = self.records
        state.value.rooms[call.roomName]?.media.snapshot().whenSuccess { legs in
            var metadata: Logger.Metadata = ["room": "\(call.roomName)", "call": "\(handle)", "reason": "\(reason)"]
            if let leg = legs[mediaID] {
                metadata["packets_in"] = "\(leg.received)"
                metadata["packets_out"] = "\(leg.sent)"
                metadata["lost"] = "\(leg.lost)"
                metadata["jitter_ms"] = "\(String(format: "%.1f", leg.jitterMilliseconds))"
                metadata["rtt_ms"] = "\(leg.roundTripMilliseconds.map { String(format: "%.1f", $0) } ?? "-")"
            }
            logger.info("call ended", metadata: metadata)
            let leg = legs[mediaID]
            Metrics.Counter(label: "huiyi_rtp_packets_lost_total").increment(by: max(0, leg?.lost ?? 0))
            Recorder(label: "huiyi_call_jitter_ms").record((leg?.jitterSeconds ?? 0) * 1000)
            records?.append(CallRecord(
                call: handle.description, room: call.roomName, party: call.party, direction: call.direction,
                startedAt: call.startedAt, answeredAt: call.answeredAt, endedAt: Date(), endReason: "\(reason)",
                codec: call.negotiated?.codec.encodingName, srtp: call.negotiated?.crypto != nil,
                packetsIn: leg?.received ?? 0, packetsOut: leg?.sent ?? 0, lost: leg?.lost ?? 0,
                jitterMilliseconds: leg?.jitterMilliseconds ?? 0, roundTripMilliseconds: leg?.roundTripMilliseconds))
        }
        if case .joined = call.stage { forget(handle, playLeave: true) } else { forget(handle, playLeave: false) }
    }

    // MARK: Events from the media (hopped to `loop`)

    private func mediaEvent(_ event: RoomMediaEvent, room name: String) {
        switch event {
        case let .digit(mediaID, digit):
            guard let handle = state.value.rooms[name]?.calls[mediaID] else { return }
            received(digit, on: handle)
        case .mediaTimeout(let mediaID):
            guard let handle = state.value.rooms[name]?.calls[mediaID] else { return }
            let seconds = settings.mediaTimeout.components.seconds
            logger.notice("no media from a participant", metadata: ["room": "\(name)", "call": "\(handle)"])
            execute(.hangUp(handle, reason: "no media for \(seconds) s"))
        }
    }

    private func received(_ digit: Character, on handle: CallHandle) {
        guard var call = state.value.calls[handle], case .enteringPIN(var entry) = call.stage else { return }
        let actions = entry.digit(digit, now: Self.now())
        call.stage = .enteringPIN(entry)
        state.value.calls[handle] = call
        perform(actions, for: handle)
    }

    // MARK: PIN entry

    private func perform(_ actions: [PINEntryAction], for handle: CallHandle) {
        guard let call = state.value.calls[handle], let live = state.value.rooms[call.roomName] else { return }
        let mediaID = Mixing.ParticipantID(call.participant.rawValue)
        var queued = Duration.zero
        for action in actions {
            switch action {
            case .play(let prompt):
                let samples = state.value.prompts.samples(for: prompt)
                queued += .milliseconds(samples.count / 48)
                live.media.play(samples, to: mediaID)
            case .admit(let role):
                guard var call = state.value.calls[handle] else { return }
                call.stage = .joined
                call.role = role
                call.pinTimer?.cancel()
                state.value.calls[handle] = call
                _ = state.value.rooms[call.roomName]?.roster.setRole(role, for: call.participant)
                join(handle)
                return
            case .hangUp(let failure):
                guard var call = state.value.calls[handle] else { return }
                call.stage = .leaving
                call.pinTimer?.cancel()
                call.pinTimer = loop.scheduleTask(in: .nanoseconds(Int64(queued.components.seconds) * 1_000_000_000
                                                     + queued.components.attoseconds / 1_000_000_000)
                                                     + .milliseconds(200)) {
                    self.execute(.hangUp(handle, reason: Self.describe(failure)))
                }
                state.value.calls[handle] = call
                return
            }
        }
        schedulePINTimer(handle)
    }

    private func schedulePINTimer(_ handle: CallHandle) {
        guard var call = state.value.calls[handle], case .enteringPIN(let entry) = call.stage else { return }
        call.pinTimer?.cancel()
        call.pinTimer = entry.nextDeadline.map { deadline in
            let delay = max(0, deadline.nanoseconds - Self.now().nanoseconds)
            return loop.scheduleTask(in: .nanoseconds(delay)) { self.pinTimerFired(handle) }
        }
        state.value.calls[handle] = call
    }

    private func pinTimerFired(_ handle: CallHandle) {
        guard var call = state.value.calls[handle], case .enteringPIN(var entry) = call.stage else { return }
        let actions = entry.advance(now: Self.now())
        call.stage = .enteringPIN(entry)
        call.pinTimer = nil
        state.value.calls[handle] = call
        perform(actions, for: handle)
    }

    private static func describe(_ failure: PINEntryFailure) -> String {
        switch failure {
        case .wrongPIN(let attempts): "wrong PIN \(attempts) times"
        case .noInput(let attempts): "no PIN entered in \(attempts) attempts"
        }
    }

    // MARK: Rooms

    func join(_ handle: CallHandle) {
        guard let call = state.value.calls[handle], let live = state.value.rooms[call.roomName] else { return }
        let mediaID = Mixing.ParticipantID(call.participant.rawValue)
        live.media.admit(mediaID)
        live.media.playToAll(state.value.prompts.samples(for: .join))
        logger.info("participant joined", metadata: [
            "room": "\(call.roomName)", "participant": "\(call.participant.rawValue)", "role": "\(call.role)",
        ])
        if call.direction == .incoming {
            observer.value?(.dialledIn(handle, room: call.roomName, party: call.party))
        }
    }

    func liveRoom(for room: Room) -> LiveRoom {
        if let live = state.value.rooms[room.name] { return live }
        let name = room.name
        let media = AudioRoomRunner(
            loop: mediaGroup.next(),
            configuration: .init(speakers: room.speakers, mediaTimeout: settings.mediaTimeout),
            ports: ports, logger: logger,
            onEvent: { event in self.loop.execute { self.mediaEvent(event, room: name) } })
        var roster = RoomRoster(room: room)
        roster.isLocked = state.value.locked.contains(room.name)
        let live = LiveRoom(room: room, roster: roster, media: media)
        state.value.rooms[room.name] = live
        return live
    }

    /// Drops the call's state and media leg; the room closes when its last participant leaves.
    func forget(_ handle: CallHandle, playLeave: Bool) {
        let roomName = state.value.calls[handle]?.roomName
        defer { if let roomName { updateGauges(room: roomName) } }
        guard let call = state.value.calls.removeValue(forKey: handle) else { return }
        call.pinTimer?.cancel()
        guard var live = state.value.rooms[call.roomName] else { return }
        let mediaID = Mixing.ParticipantID(call.participant.rawValue)
        live.roster.remove(call.participant)
        live.calls[mediaID] = nil
        live.media.removeLeg(mediaID)
        if playLeave { live.media.playToAll(state.value.prompts.samples(for: .leave)) }
        state.value.rooms[call.roomName] = live
        forgetRoomIfEmpty(call.roomName)
    }

    /// Closes a room's media once nobody is in it.
    /// Active calls and participants per room, for `/metrics` (called when either changes).
    func updateGauges(room name: String) {
        Gauge(label: "huiyi_calls_active").record(state.value.calls.count)
        Gauge(label: "huiyi_participants", dimensions: [("room", name)])
            .record(state.value.rooms[name]?.roster.count ?? 0)
    }

    func forgetRoomIfEmpty(_ name: String) {
        guard let live = state.value.rooms[name], live.roster.count == 0 else { return }
        report(name, live.media, closing: true)
        _ = live.media.close()
        state.value.rooms[name] = nil
    }

    /// The address written in SDP: the configured one, else the host the caller used when it is an IP address of
    /// the offer's family, else the loopback of that family.
    func mediaAddress(for call: IncomingCall, offer: SessionDescription) -> String {
        if !settings.advertisedAddress.isEmpty { return settings.advertisedAddress }
        let wantsV6 = offer.media.first { $0.media == .audio }.flatMap { offer.connection(for: $0) }?.addressType == .ip6
        var host = call.request.uri.host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let isV6 = host.contains(":")
        if ConfigurationValueRules.isIPLiteral(host), isV6 == wantsV6 { return host }
        return localAddress(toward: call.flow.remoteHost, ipv6: wantsV6)
    }

    /// This host's address toward `remoteHost`: loopback for a loopback peer, else the first address of the family
    /// on an interface that is not loopback.
    func localAddress(toward remoteHost: String, ipv6 wantsV6: Bool) -> String {
        let loopback = wantsV6 ? "::1" : "127.0.0.1"
        if remoteHost == loopback || remoteHost.hasPrefix("127.") { return loopback }
        let devices = (try? System.enumerateDevices()) ?? []
        for device in devices {
            guard let address = device.address, let text = address.ipAddress, text != loopback,
                  !text.hasPrefix("127."), text != "::1", !text.lowercased().hasPrefix("fe80") else { continue }
            switch address {
            case .v4 where !wantsV6, .v6 where wantsV6: return text
            default: continue
            }
        }
        return loopback
    }

    static func now() -> ConferenceInstant {
        ConferenceInstant(nanoseconds: Int64(NIODeadline.now().uptimeNanoseconds))
    }
}
