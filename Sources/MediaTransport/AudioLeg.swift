/// One participant's audio stream (RFC 3550 RTP/RTCP, RFC 3711 SRTP, RFC 4733 DTMF, RFC 4961 symmetric RTP):
/// packets in through SRTP, the jitter buffer and the decoder to the mixer; the mixer's payloads out with this
/// leg's SSRC, sequence and timestamps, protected and sent to where the peer's media comes from.
import Mixing
import NIOCore
import RTP
import SDP
import SRTP

struct AudioLeg {
    let id: ParticipantID
    private(set) var parameters: AudioLegParameters
    /// How the codec's payloads tell their length and silence undecoded (follows `parameters.codec`).
    private var framing: PayloadFraming
    private var inbound: SRTPContext?
    private var outbound: SRTPContext?
    private var jitter: JitterBuffer
    private var decoder: LegDecoder
    private var dtmf = TelephoneEventDetector()
    /// RFC 4733 §2.1: events take sequence numbers of the audio stream. The jitter buffer and the statistics number
    /// the audio packets alone (less the events seen), so a key press is neither lost audio nor concealed.
    private var eventPackets: UInt16 = 0
    private var lastEventSequence: UInt16?
    var statistics: ReceiverStatistics?
    private(set) var sender: SenderStatistics
    /// RFC 4961: where the peer's RTP comes from, once it has come (and authenticated, with SRTP).
    private(set) var latched: SocketAddress?
    private(set) var lastReceived: MediaInstant
    private let ssrc: UInt32
    private var sequence: UInt16
    private var timestamp: UInt32
    private var sentAny = false
    /// Outgoing packet storage, reused for every packet.
    private(set) var sendBuffer: [UInt8]
    var admitted = false
    /// Before admission (PIN entry) the leg hears only its own prompts, from its own encoder.
    private var lobbyEncoder: (any AudioEncoder)?
    private var lobbyAudio: [Float] = []
    private var lobbyFrame = AudioFrame(format: .float32, sampleRate: 48000, channels: 1,
                                        samplesPerChannel: ConferenceMixer.samplesPerTick)
    private var lobbyPayload = [UInt8](repeating: 0, count: 1500)
    var rtcp = RTCPState()
    /// Packets not decoded because they said silence (an RFC 6464 level, or clear SILK voice activity flags).
    private(set) var skippedDecodes = 0
    /// What the jitter buffer did: packets played, concealed as lost, dropped as late.
    var playout: JitterBuffer.Statistics { jitter.statistics }
    /// RFC 6464 levels of the packets in the jitter buffer, by audio sequence number modulo 64 (0xFF: none).
    private var levels = [UInt8](repeating: 0xFF, count: 64)

    init(id: ParticipantID, parameters: AudioLegParameters, now: MediaInstant,
         random: inout some RandomNumberGenerator) throws(MediaError) {
        self.id = id
        self.parameters = parameters
        framing = PayloadFraming(parameters.codec)
        ssrc = UInt32.random(in: 1...UInt32.max, using: &random)
        sequence = UInt16.random(in: 0...UInt16.max, using: &random)
        timestamp = UInt32.random(in: 0...UInt32.max, using: &random)
        jitter = JitterBuffer(clockRate: parameters.codec.rtpClockRate)
        do {
            decoder = try LegDecoder(codec: parameters.codec, ptime: parameters.ptime)
        } catch {
            throw .codec("\(error)")
        }
        sender = SenderStatistics(ssrc: ssrc, clockRate: parameters.codec.rtpClockRate)
        lastReceived = now
        sendBuffer = [UInt8](repeating: 0, count: 1500 + SRTPContext.rtpTrailerRoom)
        rtcp.jitter = Double(ssrc % 1000) / 1000
        try installKeys(parameters.crypto)
    }

    /// A re-INVITE changed the session: new address, direction, keys or codec.
    mutating func update(_ new: AudioLegParameters) throws(MediaError) {
        let old = parameters
        parameters = new
        framing = PayloadFraming(new.codec)
        if new.remoteRTP != old.remoteRTP {
            latched = nil
            rtcp.source = nil  // the peer's RTCP moves with its RTP
        }
        if new.crypto != old.crypto { try installKeys(new.crypto) }
        if new.codec != old.codec || new.payloadType != old.payloadType {
            do {
                decoder = try LegDecoder(codec: new.codec, ptime: new.ptime)
            } catch {
                throw .codec("\(error)")
            }
            jitter = JitterBuffer(clockRate: new.codec.rtpClockRate)
        }
        // The lobby's prompts follow the leg to its new codec.
        if new.group != old.group { lobbyEncoder = nil }
    }

    private mutating func installKeys(_ agreement: CryptoAgreement?) throws(MediaError) {
        guard let agreement else {
            inbound = nil
            outbound = nil
            return
        }
        do {
            inbound = try SRTPContext(direction: .inbound, crypto: agreement.remote)
            outbound = try SRTPContext(direction: .outbound, crypto: agreement.local)
        } catch {
            throw .srtp("\(error)")
        }
    }

    var destination: SocketAddress? { latched ?? parameters.remoteRTP }

    /// The SRTCP/SRTP context protecting what this leg sends, if it is keyed.
    var outboundContext: SRTPContext? { outbound }

    // MARK: Receiving

    /// One datagram from `source` (`length` bytes at the start of `buffer`, which may be rewritten in place).
    mutating func receive(_ buffer: inout [UInt8], length: Int, from source: SocketAddress, now: MediaInstant,
                          ntpOffset: Int64 = 0, digits: inout [Character]) {
        guard length >= 2 else { return }
        switch MultiplexedPacketKind(buffer[0], buffer[1]) {
        case .rtp:
            if let latched, latched != source { return }  // RFC 4961: one source once latched
            receiveRTP(&buffer, length: length, from: source, now: now, digits: &digits)
        case .rtcp:
            // Without rtcp-mux the peer's RTCP comes from its own port (RFC 3550 §11: RTP + 1), on the same host.
            if let latched, latched.ipAddress != source.ipAddress { return }
            receiveRTCP(&buffer, length: length, from: source, now: now, ntpOffset: ntpOffset)
        case .stun, .dtls, .unknown: return
        }
    }

    private mutating func receiveRTP(_ buffer: inout [UInt8], length: Int, from source: SocketAddress,
                                     now: MediaInstant, digits: inout [Character]) {
        var length = length
        if let inbound {
            let result = buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(SRTPError) -> Int in try inbound.unprotect(rtp: bytes, length: length) }
            }
            guard case .success(let plain) = result else { return }  // forged, replayed or not keyed: dropped
            length = plain
        }
        let parsed = buffer.withUnsafeBytes { bytes in
            Result { () throws(RTPParseError) -> RTPPacket in
                try RTPPacket.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
            }
        }
        guard case .success(let packet) = parsed else { return }
        if latched == nil, Self.sameFamily(source, parameters.remoteRTP) { latched = source }
        lastReceived = now
        if packet.payloadType == parameters.incomingTelephoneEventPayloadType {
            if lastEventSequence.map({ Int16(bitPattern: packet.sequenceNumber &- $0) > 0 }) ?? true {
                eventPackets &+= 1
                lastEventSequence = packet.sequenceNumber
            }
            let payload = buffer[packet.payloadRange]
            if let detected = try? dtmf.receive(timestamp: packet.timestamp, payload: payload) {
                digits += detected.compactMap(\.digit)
            }
            return
        }
        guard packet.payloadType == parameters.incomingPayloadType, parameters.receives else { return }
        var audio = packet
        audio.sequenceNumber &-= eventPackets
        if statistics?.ssrc != packet.ssrc {
            // A new source (RFC 3550 §8.2: a restarted stream) numbers its packets afresh; the old stream's playout
            // position would take them for late ones.
            if statistics != nil {
                jitter = JitterBuffer(clockRate: parameters.codec.rtpClockRate)
                lastEventSequence = nil
            }
            statistics = ReceiverStatistics(ssrc: packet.ssrc, clockRate: parameters.codec.rtpClockRate)
        }
        _ = statistics?.update(audio, arrival: now)
        var level: UInt8 = 0xFF
        if let identifier = parameters.audioLevelExtension,
           let element = buffer.withUnsafeBytes({ packet.extensionElement(id: identifier, in: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }),
           let parsed = try? AudioLevel(parsing: buffer[element]) {
            level = parsed.level
        }
        levels[Int(audio.sequenceNumber & 63)] = level
        _ = jitter.insert(sequenceNumber: audio.sequenceNumber, timestamp: packet.timestamp, marker: packet.marker,
                          payload: buffer[packet.payloadRange], arrival: now)
    }

    private mutating func receiveRTCP(_ buffer: inout [UInt8], length: Int, from source: SocketAddress,
                                      now: MediaInstant, ntpOffset: Int64) {
        var length = length
        if let inbound {
            let result = buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(SRTPError) -> Int in try inbound.unprotectRTCP(bytes, length: length) }
            }
            guard case .success(let plain) = result else { return }
            length = plain
        }
        lastReceived = now
        noteRTCP(Array(buffer[0..<length]), from: source, now: now, ntpOffset: ntpOffset)
    }

    /// RFC 4961 latching stays within the address family the SDP named.
    private static func sameFamily(_ source: SocketAddress, _ signalled: SocketAddress?) -> Bool {
        switch (source, signalled) {
        case (.v4, .v4?), (.v6, .v6?), (_, nil): true
        default: false
        }
    }

    // MARK: Playout

    /// Decodes what the jitter buffer has due at `now` into the mixer.
    mutating func play(into mixer: inout ConferenceMixer, now: MediaInstant) {
        // A peer that sends nothing by direction (hold) is not silent: the media timeout starts when it resumes.
        if !parameters.receives { lastReceived = now }
        while let out = jitter.pop(now: now) {
            let decoded: Result<Void, AudioCodecError>
            var level: UInt8 = 0xFF
            switch out {
            case .packet(let packet):
                level = levels[Int(packet.sequenceNumber & 63)]
                // The packet says it is silence and the leg is not being mixed for speech — its audio would be
                // silence in every mix, so it is not decoded at all; a level alone goes to the speech detector
                // (ARCHITECTURE.md: silence never reaches a decoder when the packet tells).
                if admitted, !mixer.isSpeaking(id),
                   let quiet = Self.undecodedLevel(of: packet.payload, level: level, framing: framing),
                   let samples = Self.silentSamples(for: packet.payload, framing: framing) {
                    skippedDecodes += 1
                    Self.silence.withUnsafeBufferPointer { zeros in
                        try? mixer.write(participant: id, samples: UnsafeBufferPointer(rebasing: zeros[0..<samples]),
                                         audioLevel: quiet)
                    }
                    continue
                }
                let decoder = self.decoder
                decoded = packet.payload.withUnsafeBytes { bytes in
                    Result { () throws(AudioCodecError) in try decoder.decode(bytes) }
                }
            case .lost:
                decoded = Result { () throws(AudioCodecError) in try decoder.conceal(next: nil) }
            }
            guard case .success = decoded else { continue }
            if admitted {
                try? mixer.write(participant: id, frame: decoder.output, audioLevel: level == 0xFF ? nil : level)
            }
        }
    }

    /// RFC 6464 levels above this (quieter than −50 dBov) are silence: below the speech detector's off threshold.
    static let silentLevel: UInt8 = 50

    /// The level the speech detector gets for a packet that need not be decoded, or nil when it must be: its RFC
    /// 6464 level when that is below the speech threshold; the quietest level (−127 dBov) for an Opus packet whose
    /// SILK voice activity flags are all clear (RFC 6716 §4.2.3: where a DTX sender would send nothing at all).
    static func undecodedLevel(of payload: [UInt8], level: UInt8, framing: PayloadFraming) -> UInt8? {
        if level != 0xFF { return level > silentLevel ? level : nil }
        guard framing == .opus, OpusTableOfContents.voiceActivity(in: payload[...]) == false else { return nil }
        return 127
    }

    /// Digital silence to stand for an undecoded packet: up to 120 ms at 48 kHz.
    static let silence = [Float](repeating: 0, count: 5760)

    /// How many 48 kHz samples `payload` stands for without decoding it (RFC 7587 §4.1 from the Opus TOC, RFC 3551
    /// §4.5 for G.711 and G.722); nil when that cannot be told.
    static func silentSamples(for payload: [UInt8], framing: PayloadFraming) -> Int? {
        let count: Int
        switch framing {
        case .opus:
            guard let toc = try? OpusTableOfContents(parsing: payload[...]) else { return nil }
            count = toc.durationSamples
        case .sixSamplesPerByte: count = payload.count * 6
        case .opaque: return nil
        }
        return (1...silence.count).contains(count) ? count : nil
    }

    // MARK: Sending

    /// Builds the RTP packet for one encoded 20 ms payload in `sendBuffer`; returns its length, or nil when this
    /// leg sends nothing (held, no address, or the packet could not be protected).
    mutating func packetize(_ payload: UnsafeRawBufferPointer, now: MediaInstant) -> Int? {
        let increment = UInt32(parameters.codec.rtpTimestampIncrement(ptime: 20))
        defer { timestamp &+= increment }
        guard parameters.sends, destination != nil else { return nil }
        let header = RTPHeader(marker: !sentAny, payloadType: parameters.payloadType, sequenceNumber: sequence,
                               timestamp: timestamp, ssrc: ssrc)
        let written = sendBuffer.withUnsafeMutableBytes { bytes in
            Result { () throws(RTPParseError) -> Int in try header.write(payload: payload, into: bytes) }
        }
        guard case .success(var length) = written else { return nil }
        if let outbound {
            let protected = sendBuffer.withUnsafeMutableBytes { bytes in
                Result { () throws(SRTPError) -> Int in try outbound.protect(rtp: bytes, length: length) }
            }
            guard case .success(let total) = protected else { return nil }
            length = total
        }
        sequence &+= 1
        sentAny = true
        sender.sent(timestamp: timestamp, payloadOctets: payload.count, at: now)
        return length
    }

    // MARK: Lobby (before admission)

    mutating func queueLobbyAudio(_ samples: [Float]) { lobbyAudio += samples }

    /// One tick of lobby audio (prompt or silence), encoded by the leg's own encoder; nil when the leg sends nothing.
    mutating func lobbyTick(now: MediaInstant) -> Int? {
        if lobbyEncoder == nil { lobbyEncoder = AudioCodecFactory.encoder(for: parameters.group) }
        let count = ConferenceMixer.samplesPerTick
        let take = min(count, lobbyAudio.count)
        lobbyFrame.withMutableFloatSamples { out in
            for index in 0..<count { out[index] = index < take ? lobbyAudio[index] : 0 }
        }
        lobbyAudio.removeFirst(take)
        let encoded = lobbyPayload.withUnsafeMutableBytes { bytes in
            Result { () throws(AudioCodecError) -> Int in try lobbyEncoder!.encode(lobbyFrame, into: bytes) }
        }
        guard case .success(let size) = encoded else { return nil }
        return lobbyPayload.withUnsafeBytes { bytes in
            packetize(UnsafeRawBufferPointer(rebasing: bytes[0..<size]), now: now)
        }
    }

    /// Lobby audio is still queued (a prompt is playing).
    var isPlayingLobbyAudio: Bool { !lobbyAudio.isEmpty }
}

/// How a payload of a leg's codec tells its duration, and whether it is silence, without being decoded.
enum PayloadFraming: Hashable, Sendable {
    /// RFC 7587: the TOC gives the duration; SILK voice activity flags tell silence.
    case opus
    /// 6 samples at 48 kHz per payload byte: G.711 (8000 bytes/s) and G.722 (64 kb/s), RFC 3551 §4.5.
    case sixSamplesPerByte
    case opaque

    init(_ codec: AudioCodecDescriptor) {
        switch codec.name.lowercased() {
        case "opus": self = .opus
        case "pcmu", "pcma", "g722": self = .sixSamplesPerByte
        default: self = .opaque
        }
    }
}
