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
}

final class LoadGenerator {
    static let tick = TimeAmount.milliseconds(20)
    static let probeFrequency = 1600.0
    static let talkerFrequencies = [400.0, 1150.0, 2100.0, 2650.0, 3200.0]

    let loop: any EventLoop
    let plan: LoadPlan
    private let clips: [EncodedClip]
    private let onsetTicks: [Set<Int>]
    private(set) var participants: [Participant] = []
    private var sipChannel: (any Channel)?
    private var mediaChannels: [any Channel] = []
    private var mediaPorts: [Int] = []
    private var messages: SIPMessages!
    private var byServerPort: [Int: Participant] = [:]
    private var byCallID: [String: Participant] = [:]
    private let parser = SIPMessageParser()

    private var origin = NIODeadline.now()
    private var tickIndex: Int64 = 0
    private var ticking: Scheduled<Void>?
    private var signalling: RepeatedTask?
    private var nextToDial = 0
    private var branchCounter = 0
    private var hangingUp = false

    /// Per room: how many probe onsets were sent, and when the last one was.
    private var onsets: [(count: Int, sentAt: NIODeadline)]

    // Measurements, reset at the start of the window.
    private(set) var latenciesMicroseconds: [Int64] = []
    private(set) var sendLatenessMicroseconds: [Int64] = []
    private(set) var packetsSent = 0
    private(set) var packetsReceived = 0
    private(set) var unknownPackets = 0
    private(set) var sipErrors: [String] = []

    init(loop: any EventLoop, plan: LoadPlan) throws {
        self.loop = loop
        self.plan = plan
        let probe: ClipSignal = switch plan.probeMode {
        case .switch: .toneSwitch(from: 700, to: Self.probeFrequency, ticksEach: 25)
        case .onset: .toneOnset(frequency: Self.probeFrequency, ticksEach: 25)
        }
        var signals = [probe]
        for talker in 1..<max(1, plan.talkers) {
            signals.append(.tone(frequency: Self.talkerFrequencies[(talker - 1) % Self.talkerFrequencies.count]))
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
                                        domain: self.plan.domain)
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

    // MARK: Media

    private func scheduleTick() {
        ticking = loop.scheduleTask(deadline: origin + Self.tick * (tickIndex + 1)) { self.fire() }
    }

    private func fire() {
        let due = origin + Self.tick * (tickIndex + 1)
        let now = NIODeadline.now()
        sendLatenessMicroseconds.append((now - due).nanoseconds / 1000)
        tickIndex += 1
        // A late wake-up still sends one packet per participant: the server's jitter buffer sees the lateness as
        // jitter, as it would from a real network.
        send(tick: Int(tickIndex), at: now)
        scheduleTick()
    }

    private func send(tick: Int, at now: NIODeadline) {
        var used = [Bool](repeating: false, count: mediaChannels.count)
        for p in participants where p.isSending {
            guard let destination = p.remoteMedia else { continue }
            let clip = clips[p.clip]
            let position = (tick + p.clipOffset) % clip.payloads.count
            let payload = clip.payloads[position]
            if p.seat == 0, onsetTicks[p.clip].contains(position) {
                onsets[p.room] = (onsets[p.room].count + 1, now)
            }
            let channel = mediaChannels[p.socket]
            var buffer = channel.allocator.buffer(capacity: 12 + payload.count)
            // RFC 3550 §5.1: V=2, no padding, extension or CSRC; marker on the first packet; PT 111 (opus).
            buffer.writeInteger(UInt8(0x80))
            buffer.writeInteger(UInt8(p.sentFirstPacket ? 111 : 0x80 | 111))
            buffer.writeInteger(p.sequence)
            buffer.writeInteger(p.timestamp)
            buffer.writeInteger(p.ssrc)
            buffer.writeBytes(payload)
            p.sentFirstPacket = true
            p.sequence &+= 1
            p.timestamp &+= UInt32(EncodedClip.samplesPerTick)
            channel.write(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
            used[p.socket] = true
            packetsSent += 1
        }
        for (index, channel) in mediaChannels.enumerated() where used[index] { channel.flush() }
    }

    private func receiveMedia(_ envelope: AddressedEnvelope<ByteBuffer>) {
        let now = NIODeadline.now()
        guard let port = envelope.remoteAddress.port, let p = byServerPort[port] else {
            unknownPackets += 1
            return
        }
        packetsReceived += 1
        p.packetsReceived += 1
        p.bytesReceived += envelope.data.readableBytes
        guard p.probe != nil else { return }
        let heard = envelope.data.withUnsafeReadableBytes { bytes -> Bool in
            guard bytes.count > 12, bytes[0] >> 6 == 2 else { return false }
            var offset = 12 + 4 * Int(bytes[0] & 0x0F)
            if bytes[0] & 0x10 != 0, bytes.count >= offset + 4 {
                offset += 4 + 4 * (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]))
            }
            guard offset < bytes.count else { return false }
            return p.probe!.hears(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
        guard heard else { return }
        let onset = onsets[p.room]
        // Counted once per onset, and only when it plainly belongs to the last onset sent (they are 1 s apart).
        guard onset.count > p.lastOnsetHeard, now - onset.sentAt < .milliseconds(950) else { return }
        p.lastOnsetHeard = onset.count
        latenciesMicroseconds.append((now - onset.sentAt).nanoseconds / 1000)
    }

    // MARK: Signalling

    private func nextBranch(_ p: Participant) -> String {
        branchCounter += 1
        return "z9hG4bK-ar\(p.index)-\(branchCounter)"
    }

    /// Every 10 ms: dial while fewer than `invitesInFlight` are unanswered, retransmit (RFC 3261 §17.1.1.2, timer
    /// A doubling from 500 ms, capped at 4 s), give up after 32 s (timer B), hang up when asked.
    private func signal() {
        let now = NIODeadline.now()
        var inFlight = participants.lazy.filter { $0.phase == .inviting || $0.phase == .hangingUp }.count
        for p in participants where p.phase == .inviting || p.phase == .hangingUp {
            let interval = TimeAmount.milliseconds(500 << min(3, p.retransmissions))
            guard now - p.lastRequestAt >= interval else { continue }
            if p.retransmissions >= 8 {
                p.phase = p.phase == .inviting ? .failed("no answer to INVITE") : .ended
                inFlight -= 1
                continue
            }
            p.retransmissions += 1
            p.lastRequestAt = now
            sendSIP(p.phase == .inviting ? inviteBytes(p) : messages.bye(p, branch: byeBranch(p)))
        }
        if hangingUp {
            for p in participants where p.phase == .active && inFlight < plan.invitesInFlight {
                p.phase = .hangingUp
                p.retransmissions = 0
                p.lastRequestAt = now
                sendSIP(messages.bye(p, branch: byeBranch(p)))
                inFlight += 1
            }
            return
        }
        while nextToDial < participants.count, inFlight < plan.invitesInFlight {
            let p = participants[nextToDial]
            nextToDial += 1
            p.phase = .inviting
            p.lastRequestAt = now
            sendSIP(inviteBytes(p))
            inFlight += 1
        }
    }

    private func inviteBytes(_ p: Participant) -> [UInt8] {
        messages.invite(p, number: plan.rooms[p.room].number, branch: "z9hG4bK-ar\(p.index)-invite",
                        mediaPort: mediaPorts[p.socket])
    }

    private func byeBranch(_ p: Participant) -> String { "z9hG4bK-ar\(p.index)-bye" }

    private func sendSIP(_ bytes: [UInt8]) {
        guard let channel = sipChannel else { return }
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: plan.server, data: buffer), promise: nil)
    }

    private func receiveSIP(_ envelope: AddressedEnvelope<ByteBuffer>) {
        let bytes = Array(envelope.data.readableBytesView)
        guard let message = try? parser.parse(bytes) else {
            sipErrors.append("unparsable message from the server")
            return
        }
        switch message {
        case .request(let request):
            // The server's BYE (a leg it dropped) or an in-dialog OPTIONS: answer 200.
            sendSIP(messages.ok(to: request))
            if request.method == .bye, let callID = request.headers.callID, let p = byCallID[callID] {
                p.phase = .ended
                sipErrors.append("server hung up call \(p.index) (room \(plan.rooms[p.room].name))")
            }
        case .response(let response):
            guard let callID = response.headers.callID, let p = byCallID[callID],
                  let cseq = try? response.headers.cseq() else { return }
            if cseq.method == .invite { answered(p, response) }
            if cseq.method == .bye, response.isFinal, p.phase == .hangingUp { p.phase = .ended }
        }
    }

    private func answered(_ p: Participant, _ response: SIPResponse) {
        guard response.isFinal else { return }
        p.toHeader = response.headers[.to] ?? ""
        if response.isSuccess {
            if let contact = try? response.headers.contacts().addresses.first?.uri {
                p.remoteTarget = contact.description
            }
            // A retransmitted 200 means our ACK was lost: ACK again (RFC 3261 §13.2.2.4).
            sendSIP(messages.ack(p, requestURI: p.remoteTarget, branch: nextBranch(p)))
            guard p.phase == .inviting else { return }
            guard let media = Self.audioAddress(in: response.body) else {
                p.phase = .failed("200 without an audio address in its SDP")
                return
            }
            p.remoteMedia = media
            if let port = media.port { byServerPort[port] = p }
            p.phase = .active
            p.retransmissions = 0
        } else {
            sendSIP(messages.ack(p, requestURI: "sip:\(plan.rooms[p.room].number)@\(plan.domain)",
                                 branch: "z9hG4bK-ar\(p.index)-invite"))
            if p.phase == .inviting {
                p.phase = .failed("\(response.statusCode) \(response.reasonPhrase)"
                                  + (response.headers[.warning].map { " (\($0))" } ?? ""))
            }
        }
    }

    /// The `c=` address and `m=audio` port of an SDP answer (RFC 4566 §5.7, §5.14).
    static func audioAddress(in body: [UInt8]) -> SocketAddress? {
        var host: String?
        var port: Int?
        for line in String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline) {
            if line.hasPrefix("c=IN IP4 "), host == nil || port == nil {
                host = String(line.dropFirst(9).split(separator: "/").first ?? "")
            } else if line.hasPrefix("m=audio "), port == nil {
                port = Int(line.dropFirst(8).split(separator: " ").first ?? "")
            }
        }
        guard let host, let port, port > 0 else { return nil }
        return try? SocketAddress(ipAddress: host, port: port)
    }
}

/// Hands each datagram to a closure (on the channel's loop).
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let onDatagram: (AddressedEnvelope<ByteBuffer>) -> Void

    init(_ onDatagram: @escaping (AddressedEnvelope<ByteBuffer>) -> Void) { self.onDatagram = onDatagram }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { onDatagram(unwrapInboundIn(data)) }
}
