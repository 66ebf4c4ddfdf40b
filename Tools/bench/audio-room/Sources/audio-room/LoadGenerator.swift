/// The load: every participant's call and RTP stream, driven from one NIO event loop.
///
/// All state below is touched on `loop` only (no locks). Media leaves from a few shared UDP sockets rather than one per
/// participant: each server leg still has its own socket and latches onto its own source (RFC 4961), but the
/// generator's writes of one tick go out in one `sendmmsg` per socket and its reads come in `recvmmsg` batches, so
/// 500 streams × 50 packets/s cost the generator little. What the server receives is the same as from separate
/// clients: one stream per leg, to that leg's port; the packets of a leg arrive from one source address.
import Foundation
import NIOCore
import NIOPosix
import SIP

struct RoomTarget {
    var name: String
    var number: String
}

enum ProbeMode: String {
    /// The probe talker switches from one tone to another at a steady level: the mixer's own delay (jitter buffer,
    /// tick, encode), speaker selection unchanged.
    case `switch`
    /// The probe talker starts from silence: the delay a new talker's first word sees, speech detection included.
    case onset
}

struct LoadPlan {
    var rooms: [RoomTarget]
    var participantsPerRoom: Int
    var talkers: Int
    var probesPerRoom: Int
    var probeMode: ProbeMode
    /// What the participants who do not talk send: low noise, or digital silence.
    var quietSignal: ClipSignal
    var server: SocketAddress
    var domain: String
    var mediaSockets: Int
    var invitesInFlight: Int
    /// Send RFC 6464 client-to-mixer levels (RFC 8285 one-byte extension, identifier 1), as WebRTC clients do.
    var audioLevels = false
}

final class LoadGenerator {
    static let tick = TimeAmount.milliseconds(20)
    static let probeFrequency = 1600.0
    static let talkerFrequencies = [400.0, 1150.0, 2100.0, 2650.0, 3200.0]

    let loop: any EventLoop
    let plan: LoadPlan
    let clips: [EncodedClip]
    let onsetTicks: [Set<Int>]
    private(set) var participants: [Participant] = []
    var sipChannel: (any Channel)?
    var mediaChannels: [any Channel] = []
    var mediaPorts: [Int] = []
    var messages: SIPMessages!
    var byServerPort: [Int: Participant] = [:]
    var byCallID: [String: Participant] = [:]
    let parser = SIPMessageParser()

    var origin = NIODeadline.now()
    var tickIndex: Int64 = 0
    var ticking: Scheduled<Void>?
    private var signalling: RepeatedTask?
    var nextToDial = 0
    var branchCounter = 0
    var hangingUp = false

    /// Per room: how many probe onsets were sent, and when the last one was.
    var onsets: [(count: Int, sentAt: NIODeadline)]

    // Measurements, reset at the start of the window.
    var latenciesMicroseconds: [Int64] = []
    var sendLatenessMicroseconds: [Int64] = []
    var packetsSent = 0
    var packetsReceived = 0
    var unknownPackets = 0
    var sipErrors: [String] = []

    init(loop: any EventLoop, plan: LoadPlan) throws {
        self.loop = loop
        self.plan = plan
        let probe: ClipSignal = switch plan.probeMode {
        case .switch: .toneSwitch(from: 700, to: Self.probeFrequency, ticksEach: 25)
        case .onset: .toneOnset(frequency: Self.probeFrequency, ticksEach: 25)
        }
        var signals = [probe]
        for talker in 1..<max(1, plan.talkers) {
            signals.append(.syllables(frequency: Self.talkerFrequencies[(talker - 1) % Self.talkerFrequencies.count]))
        }
        signals.append(plan.quietSignal)
        clips = try signals.map { try EncodedClip($0) }
        onsetTicks = clips.map { Set($0.onsetTicks) }
        onsets = Array(repeating: (0, .distantPast), count: plan.rooms.count)

        let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let quietClip = clips.count - 1
        for room in plan.rooms.indices {
            for seat in 0..<plan.participantsPerRoom {
                let index = participants.count
                let clip = seat < plan.talkers ? seat : quietClip
                // Rooms' probe onsets spread over the cycle, so they do not all land on the same tick.
                let offset = seat == 0 ? (room * 7) % clips[clip].payloads.count : (index * 13) % clips[clip].payloads.count
                let p = Participant(index: index, room: room, seat: seat, clip: clip, clipOffset: offset,
                                    socket: index % max(1, plan.mediaSockets), run: run)
                if seat >= plan.talkers, seat < plan.talkers + plan.probesPerRoom {
                    p.probe = try ToneProbe(frequency: Self.probeFrequency)
                }
                participants.append(p)
                byCallID[p.callID] = p
            }
        }
    }

    // MARK: Start and stop (call on `loop`)

    func start() -> EventLoopFuture<Void> {
        let sip = DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_rcvbuf), value: 1 << 21)
            .channelInitializer { channel in
                channel.pipeline.addHandler(DatagramHandler { [unowned self] in self.receiveSIP($0) })
            }
            .bind(host: "127.0.0.1", port: 0)
        let media = (0..<max(1, plan.mediaSockets)).map { _ in
            DatagramBootstrap(group: loop)
                .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
                .channelOption(.socketOption(.so_sndbuf), value: 4 << 20)
                .channelOption(.datagramVectorReadMessageCount, value: 64)
                .channelOption(.maxMessagesPerRead, value: 16)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 1500))
                .channelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 4 << 20))
                .channelInitializer { channel in
                    channel.pipeline.addHandler(DatagramHandler { [unowned self] in self.receiveMedia($0) })
                }
                .bind(host: "127.0.0.1", port: 0)
        }
        return sip.and(EventLoopFuture.whenAllSucceed(media, on: loop)).map { sip, media in
            self.sipChannel = sip
            self.mediaChannels = media
            self.mediaPorts = media.map { $0.localAddress?.port ?? 0 }
            self.messages = SIPMessages(localHost: "127.0.0.1", localPort: sip.localAddress?.port ?? 0,
                                        domain: self.plan.domain, audioLevels: self.plan.audioLevels)
            self.origin = .now()
            self.scheduleTick()
            self.signalling = self.loop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(10)) { _ in
                self.signal()
            }
        }
    }

    /// Every call answered or refused.
    var isSettled: Bool { participants.allSatisfy(\.isSettled) }
    var activeCount: Int { participants.filter { $0.phase == .active }.count }
    var failures: [String] {
        participants.compactMap { if case .failed(let why) = $0.phase { return why } else { return nil } }
    }

    func resetMeasurements() {
        latenciesMicroseconds.removeAll()
        sendLatenessMicroseconds.removeAll()
        packetsSent = 0
        packetsReceived = 0
        unknownPackets = 0
        for p in participants {
            p.packetsReceived = 0
            p.bytesReceived = 0
        }
    }

    /// Hangs every call up (BYE); the media of a participant stops when its BYE leaves.
    func hangUp() { hangingUp = true }

    var isFinished: Bool {
        participants.allSatisfy { p in
            switch p.phase {
            case .ended, .failed, .waiting: true
            default: false
            }
        }
    }

    func close() -> EventLoopFuture<Void> {
        ticking?.cancel()
        signalling?.cancel()
        let channels = mediaChannels + (sipChannel.map { [$0] } ?? [])
        return EventLoopFuture.andAllComplete(channels.map { $0.close() }, on: loop)
    }
}

/// Hands each datagram to a closure (on the channel's loop).
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let onDatagram: (AddressedEnvelope<ByteBuffer>) -> Void

    init(_ onDatagram: @escaping (AddressedEnvelope<ByteBuffer>) -> Void) { self.onDatagram = onDatagram }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { onDatagram(unwrapInboundIn(data)) }
}
