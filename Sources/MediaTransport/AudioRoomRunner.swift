/// Runs one room's `AudioRoomMedia` on its event loop: the legs' UDP sockets are bound there, datagrams are fed in
/// as they arrive, and the 20 ms tick is scheduled at t0 + n·20 ms (never chained from the previous tick, so it does
/// not drift; a late wake-up catches up by mixing the missed ticks). No locks on the packet path.
import Foundation
import Logging
import Metrics
import Mixing
import NIOCore
import NIOPosix
import RTP

public final class AudioRoomRunner: Sendable {
    public let loop: any EventLoop
    private let ports: RTPPortAllocator
    private let logger: Logger
    private let onEvent: @Sendable (RoomMediaEvent) -> Void
    private let state: NIOLoopBoundBox<State>
    /// The room's media, apart from `state` so that the tick's send callback may touch the sockets while the media
    /// is being mutated (exclusive access is per box).
    private let media: NIOLoopBoundBox<AudioRoomMedia>
    /// Where each arriving datagram is copied for SRTP to work on in place (one per room, reused).
    private let scratch: NIOLoopBoundBox<[UInt8]>

    /// What the room's media did: tick timing and the mixer's counters, for logs, metrics and benchmarks.
    public struct Statistics: Sendable {
        public var lateness = TickLateness()
        public var mixer = MixerTotals()
        public var legs = 0
        /// Over the current legs: packets concealed as lost, dropped as late, and ticks short of audio.
        public var concealed = 0
        public var late = 0
        public var underruns = 0
    }

    private struct LegSockets {
        var rtp: any Channel
        var rtcp: (any Channel)?
        var port: Int
    }

    private struct State {
        var sockets: [ParticipantID: LegSockets] = [:]
        var origin: NIODeadline?
        var tickIndex: Int64 = 0
        var scheduled: Scheduled<Void>?
        var lateness = TickLateness()
        var pendingFlush: Set<ParticipantID> = []
        var packetsIn = 0
        var packetsOut = 0
    }

    static let period = TimeAmount.milliseconds(20)

    public init(loop: any EventLoop, configuration: AudioRoomMedia.Configuration, ports: RTPPortAllocator,
                logger: Logger, onEvent: @escaping @Sendable (RoomMediaEvent) -> Void) {
        self.loop = loop
        self.ports = ports
        self.logger = logger
        self.onEvent = onEvent
        state = NIOLoopBoundBox.makeBoxSendingValue(State(), eventLoop: loop)
        var roomMedia = AudioRoomMedia(configuration: configuration)
        roomMedia.ntpOffset = Int64(Date().timeIntervalSince1970 * 1e9) - Int64(NIODeadline.now().uptimeNanoseconds)
        media = NIOLoopBoundBox.makeBoxSendingValue(roomMedia, eventLoop: loop)
        scratch = NIOLoopBoundBox.makeBoxSendingValue([UInt8](repeating: 0, count: 2048), eventLoop: loop)
    }

    // MARK: Legs

    /// Binds the leg's sockets on `host` (a wildcard or local address of the family the SDP uses) and starts its
    /// media; the future gives the RTP port for the SDP answer.
    /// When the sockets were bound beforehand (`reserveSockets`, for an offer this side makes), they are kept.
    public func addLeg(_ id: ParticipantID, parameters: AudioLegParameters, bindHost: String) -> EventLoopFuture<Int> {
        loop.flatSubmit {
            do {
                try self.media.value.addLeg(id, parameters: parameters, now: Self.now())
            } catch {
                return self.loop.makeFailedFuture(error)
            }
            if let sockets = self.state.value.sockets[id] {
                self.startTicking()
                return self.loop.makeSucceededFuture(sockets.port)
            }
            return self.bind(id, host: bindHost, attemptsLeft: 16).map { sockets in
                self.state.value.sockets[id] = sockets
                self.startTicking()
                return sockets.port
            }.flatMapErrorThrowing { error in
                self.media.value.removeLeg(id)
                throw error
            }
        }
    }

    /// Binds an RTP/RTCP socket pair for a leg whose media is not known yet (this side offers: the port goes into
    /// the offer, and `addLeg` follows once the answer came). Datagrams before then are dropped.
    public func reserveSockets(_ id: ParticipantID, bindHost: String) -> EventLoopFuture<Int> {
        loop.flatSubmit {
            if let sockets = self.state.value.sockets[id] { return self.loop.makeSucceededFuture(sockets.port) }
            return self.bind(id, host: bindHost, attemptsLeft: 16).map { sockets in
                self.state.value.sockets[id] = sockets
                return sockets.port
            }
        }
    }

    public func updateLeg(_ id: ParticipantID, parameters: AudioLegParameters) -> EventLoopFuture<Void> {
        loop.submit { try self.media.value.updateLeg(id, parameters: parameters) }
    }

    public func admit(_ id: ParticipantID) {
        loop.execute { try? self.media.value.admit(id) }
    }

    public func removeLeg(_ id: ParticipantID) {
        loop.execute {
            self.media.value.removeLeg(id)
            if let sockets = self.state.value.sockets.removeValue(forKey: id) {
                sockets.rtp.close(promise: nil)
                sockets.rtcp?.close(promise: nil)
                self.ports.release(sockets.port)
            }
            if self.media.value.legCount == 0 {
                self.state.value.scheduled?.cancel()
                self.state.value.scheduled = nil
                self.state.value.origin = nil
            }
        }
    }

    public func setMuted(_ muted: Bool, _ id: ParticipantID) {
        loop.execute { self.media.value.setMuted(muted, id) }
    }

    public func playToAll(_ samples: [Float]) {
        loop.execute { self.media.value.playToAll(samples) }
    }

    public func play(_ samples: [Float], to id: ParticipantID) {
        loop.execute { self.media.value.play(samples, to: id) }
    }

    /// A snapshot for status displays: who is talking, and each leg's receive statistics.
    public func snapshot() -> EventLoopFuture<[ParticipantID: LegSnapshot]> {
        loop.submit {
            let media = self.media.value
            var out: [ParticipantID: LegSnapshot] = [:]
            for leg in media.legs.storage {
                let id = leg.id
                out[id] = LegSnapshot(talking: media.isSpeaking(id), roundTripTime: leg.rtcp.roundTripTime,
                                      received: leg.statistics?.received ?? 0,
                                      lost: leg.statistics?.cumulativeLost ?? 0,
                                      jitterSeconds: (leg.statistics?.jitter ?? 0)
                                          / Double(leg.parameters.codec.rtpClockRate),
                                      sent: Int(leg.sender.packetCount))
            }
            return out
        }
    }

    public func statistics() -> EventLoopFuture<Statistics> {
        loop.submit {
            let playout = self.media.value.playoutTotals
            return Statistics(lateness: self.state.value.lateness, mixer: self.media.value.lastTick.totals,
                              legs: self.media.value.legCount, concealed: playout.concealed, late: playout.late,
                              underruns: playout.underruns)
        }
    }

    /// Closes every socket (room closed or server stopping).
    public func close() -> EventLoopFuture<Void> {
        loop.submit {
            self.state.value.scheduled?.cancel()
            for (id, sockets) in self.state.value.sockets {
                sockets.rtp.close(promise: nil)
                sockets.rtcp?.close(promise: nil)
                self.ports.release(sockets.port)
                self.media.value.removeLeg(id)
            }
            self.state.value.sockets.removeAll()
        }
    }

    // MARK: Sockets

    private func bind(_ id: ParticipantID, host: String, attemptsLeft: Int) -> EventLoopFuture<LegSockets> {
        guard attemptsLeft > 0, let port = ports.reserve() else {
            return loop.makeFailedFuture(MediaError.noPorts(range: ports.range))
        }
        let rtcpMux = media.value.legs[id]?.parameters.rtcpMux ?? false
        return channel(for: id, host: host, port: port).flatMap { rtp in
            if rtcpMux { return self.loop.makeSucceededFuture(LegSockets(rtp: rtp, rtcp: nil, port: port)) }
            return self.channel(for: id, host: host, port: port + 1).map { rtcp in
                LegSockets(rtp: rtp, rtcp: rtcp, port: port)
            }.flatMapError { error in
                rtp.close(promise: nil)
                return self.loop.makeFailedFuture(error)
            }
        }.flatMapError { error in
            // Port taken by another process: release it and try the next pair.
            self.ports.release(port)
            self.logger.debug("RTP port pair unavailable", metadata: ["port": "\(port)", "error": "\(error)"])
            return self.bind(id, host: host, attemptsLeft: attemptsLeft - 1)
        }
    }

    private func channel(for id: ParticipantID, host: String, port: Int) -> EventLoopFuture<any Channel> {
        DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 0)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        MediaDatagramHandler { envelope in self.receive(envelope, leg: id) })
                }
            }
            .bind(host: host, port: port)
    }

    private func receive(_ envelope: AddressedEnvelope<ByteBuffer>, leg id: ParticipantID) {
        let data = envelope.data
        let length = data.readableBytes
        guard length > 0, length <= scratch.value.count else { return }
        data.withUnsafeReadableBytes { bytes in scratch.value.withUnsafeMutableBytes { $0.copyMemory(from: bytes) } }
        state.value.packetsIn += 1
        let events = media.value.receive(&scratch.value, length: length, leg: id,
                                               from: envelope.remoteAddress, now: Self.now())
        for event in events { onEvent(event) }
    }

    // MARK: Tick

    private func startTicking() {
        guard state.value.origin == nil else { return }
        let origin = NIODeadline.now()
        state.value.origin = origin
        state.value.tickIndex = 0
        schedule()
    }

    private func schedule() {
        guard let origin = state.value.origin else { return }
        let deadline = origin + Self.period * (state.value.tickIndex + 1)
        state.value.scheduled = loop.scheduleTask(deadline: deadline) { self.fire() }
    }

    private func fire() {
        guard let origin = state.value.origin else { return }
        let wake = NIODeadline.now()
        var caughtUp = 0
        while state.value.origin != nil {
            let due = origin + Self.period * (state.value.tickIndex + 1)
            guard due <= wake else { break }
            state.value.tickIndex += 1
            record(lateness: wake - due, catchUp: caughtUp > 0)
            caughtUp += 1
            if caughtUp > 10 {
                // More than 200 ms behind (a stalled machine): skip ahead rather than mixing a burst.
                state.value.tickIndex = (wake - origin).nanoseconds / Self.period.nanoseconds
                break
            }
            tick()
        }
        flush()
        schedule()
    }

    private func tick() {
        let now = Self.now()
        let box = state
        let events = self.media.value.tick(now: now, send: { id, bytes, destination in
            guard let channel = box.value.sockets[id]?.rtp else { return }
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            channel.write(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
            box.value.pendingFlush.insert(id)
            box.value.packetsOut += 1
        }, sendRTCP: { id, bytes, destination in
            guard let sockets = box.value.sockets[id] else { return }
            let channel = sockets.rtcp ?? sockets.rtp
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
        })
        for event in events { onEvent(event) }
    }

    private func flush() {
        for id in state.value.pendingFlush { state.value.sockets[id]?.rtp.flush() }
        state.value.pendingFlush.removeAll(keepingCapacity: true)
        // Counted per wake-up, not per packet: a metric update takes a lock.
        if state.value.packetsIn > 0 { Self.packetsReceived.increment(by: state.value.packetsIn) }
        if state.value.packetsOut > 0 { Self.packetsSent.increment(by: state.value.packetsOut) }
        state.value.packetsIn = 0
        state.value.packetsOut = 0
    }

    static let packetsReceived = Counter(label: "huiyi_rtp_packets_received_total")
    static let packetsSent = Counter(label: "huiyi_rtp_packets_sent_total")
    static let tickLateness = Metrics.Timer(label: "huiyi_mixer_tick_lateness_seconds")

    private func record(lateness: TimeAmount, catchUp: Bool) {
        state.value.lateness.record(microseconds: lateness.nanoseconds / 1000)
        Self.tickLateness.recordNanoseconds(lateness.nanoseconds)
        if catchUp { state.value.lateness.caughtUp += 1 }
    }

    /// The media clock: NIO's monotonic uptime clock.
    static func now() -> MediaInstant { MediaInstant(nanoseconds: Int64(NIODeadline.now().uptimeNanoseconds)) }
}

/// What a status display shows about one leg.
public struct LegSnapshot: Sendable, Hashable {
    public var talking: Bool
    public var roundTripTime: Duration?
    public var received: Int
    public var lost: Int
    public var jitterSeconds: Double
    public var sent: Int

    /// The interarrival jitter in milliseconds, to a tenth (as listings, records and logs show it).
    public var jitterMilliseconds: Double { (jitterSeconds * 10_000).rounded() / 10 }

    /// The round-trip time in milliseconds, to a tenth; nil before the peer's RTCP reported one.
    public var roundTripMilliseconds: Double? {
        roundTripTime.map { duration in
            let (seconds, attoseconds) = duration.components
            return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 10).rounded() / 10
        }
    }
}

/// Hands every datagram of a leg's socket to the runner.
final class MediaDatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let onDatagram: @Sendable (AddressedEnvelope<ByteBuffer>) -> Void

    init(_ onDatagram: @escaping @Sendable (AddressedEnvelope<ByteBuffer>) -> Void) { self.onDatagram = onDatagram }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        onDatagram(unwrapInboundIn(data))
    }
}
