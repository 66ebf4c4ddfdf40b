/// Runs the sans-IO `SIPServerCore` on one event loop: inbound messages hop to that loop, the core's actions are
/// carried out (send, persist), and one scheduled task tracks the core's next timer deadline. No locks on the
/// signalling path: everything that touches the core runs on `loop`.
import Foundation
import Logging
import NIOCore
import SIP
import SIPServices
import SIPTransport
import Synchronization

final class SIPCoreRunner: Sendable {
    let loop: any EventLoop
    private let state: NIOLoopBoundBox<State>
    private let bindings: any BindingPersistence
    private let logger: Logger
    private let tracer: SIPMessageTracer
    /// The transport is created after the runner (it needs the runner's callback), so it is attached later.
    private let transportBox = Mutex<SIPTransportService?>(nil)
    /// The call router, attached once built (it needs the runner to answer through).
    private let conferenceBox = Mutex<ConferenceService?>(nil)

    private struct State {
        var core: SIPServerCore
        var timer: Scheduled<Void>?
        var timerDeadline: SIPInstant?
        var sweep: RepeatedTask?
        var metrics = SIPMessageMetrics()
    }

    init(core: SIPServerCore, loop: any EventLoop, bindings: any BindingPersistence, logger: Logger,
         tracer: SIPMessageTracer) {
        self.loop = loop
        self.state = NIOLoopBoundBox.makeBoxSendingValue(State(core: core), eventLoop: loop)
        self.bindings = bindings
        self.logger = logger
        self.tracer = tracer
    }

    func attach(_ transport: SIPTransportService) {
        transportBox.withLock { $0 = transport }
        loop.execute {
            // Registrar bindings expire on the wall clock; sweep them now and then so they are persisted as gone.
            self.state.value.sweep = self.loop.scheduleRepeatedTask(initialDelay: .seconds(5), delay: .seconds(5)) { _ in
                let actions = self.state.value.core.expireBindings(wallClock: Date())
                self.perform(actions)
            }
        }
    }

    func attach(_ conference: ConferenceService) {
        conferenceBox.withLock { $0 = conference }
    }

    /// Where calls reach this server, once the listeners are bound: for Contact and Via of calls. A wildcard
    /// listener leaves the host empty (the core then uses the host the caller dialled) unless `advertised` is set.
    func setLocalAddresses(_ bound: [SIPListenerSpec], advertised: String) {
        loop.execute {
            var addresses: [SIPTransportKind: LocalSIPAddress] = [:]
            for spec in bound where addresses[spec.transport] == nil {
                var host = spec.host == "0.0.0.0" || spec.host == "::" ? advertised : spec.host
                if host.contains(":") { host = "[\(host)]" }
                addresses[spec.transport] = LocalSIPAddress(host: host, port: spec.port)
            }
            self.state.value.core.localAddresses = addresses
        }
    }

    /// Carries out the call router's decision on the core, on the core's loop.
    func execute(_ command: CallCommand) {
        loop.execute {
            let now = Self.now()
            switch command {
            case let .answer(handle, answer):
                self.perform(self.state.value.core.answerCall(handle, answer, now: now))
            case let .hangUp(handle, reason):
                self.perform(self.state.value.core.hangUp(handle, reason: reason, now: now))
            case let .resolve(target, completion):
                completion(self.state.value.core.resolve(target, wallClock: Date()).map(\.1))
            case let .dial(request, completion):
                switch self.state.value.core.dial(request, now: now, wallClock: Date()) {
                case .success(let (handle, actions)):
                    completion(.success(handle))
                    self.perform(actions)
                case .failure(let error):
                    completion(.failure(error))
                }
            }
            self.rescheduleTimer()
        }
    }

    /// Called by the transport on the socket's loop.
    /// The registrar's live bindings (the store may lag them by a write-behind flush).
    func liveBindings() -> EventLoopFuture<[StoredBinding]> {
        loop.submit { self.state.value.core.answerer.registrar.allBindings(now: Date()) }
    }

    func receive(_ message: InboundSIPMessage) {
        if loop.inEventLoop {
            process(message)
        } else {
            loop.execute { self.process(message) }
        }
    }

    func stop() -> EventLoopFuture<Void> {
        loop.submit {
            self.state.value.timer?.cancel()
            self.state.value.sweep?.cancel()
        }
    }

    private func process(_ message: InboundSIPMessage) {
        trace(.received, message.flow, message.bytes)
        state.value.metrics.count(message.bytes, direction: .inbound)
        let actions = state.value.core.receive(message.bytes, from: message.flow, now: Self.now(), wallClock: Date())
        perform(actions)
        rescheduleTimer()
    }

    private func perform(_ actions: [SIPServerCore.Action]) {
        for action in actions {
            switch action {
            case let .send(bytes, flow):
                trace(.sent, flow, bytes)
                state.value.metrics.count(bytes, direction: .outbound)
                guard let transport = transportBox.withLock({ $0 }) else { continue }
                // The transport logs a failed send itself; nothing here waits on the outcome.
                transport.send(bytes, to: flow)
            case let .persistBindings(aor, list):
                bindings.saveBindings(aor: aor, list)
            case let .rejected(reason, flow):
                logger.debug("rejected a message", metadata: ["from": "\(flow)", "reason": "\(reason)"])
            case .call(let event):
                if let conference = conferenceBox.withLock({ $0 }) {
                    conference.handle(event)
                } else if case .offered(let call) = event {
                    let answer = CallAnswer.reject(status: 404, warning: "no room \(call.request.uri.user ?? "") here")
                    perform(state.value.core.answerCall(call.handle, answer, now: Self.now()))
                }
            }
        }
    }

    /// Keeps one scheduled task at the core's earliest deadline.
    private func rescheduleTimer() {
        guard let deadline = state.value.core.nextDeadline else { return }
        if let current = state.value.timerDeadline, current <= deadline { return }
        state.value.timer?.cancel()
        state.value.timerDeadline = deadline
        state.value.timer = loop.scheduleTask(deadline: NIODeadline.uptimeNanoseconds(UInt64(max(0, deadline.nanoseconds)))) {
            self.state.value.timerDeadline = nil
            self.state.value.timer = nil
            let actions = self.state.value.core.advance(now: Self.now(), wallClock: Date())
            self.perform(actions)
            self.rescheduleTimer()
        }
    }

    /// The core's clock is NIO's monotonic uptime clock, so deadlines map one to one.
    static func now() -> SIPInstant { SIPInstant(nanoseconds: Int64(NIODeadline.now().uptimeNanoseconds)) }

    private func trace(_ direction: SIPMessageTracer.Direction, _ flow: SIPFlow, _ bytes: [UInt8]) {
        guard tracer.isEnabled else { return }
        tracer.trace(direction, remote: flow.description, transport: flow.transport,
                     message: String(decoding: bytes, as: UTF8.self))
    }
}
