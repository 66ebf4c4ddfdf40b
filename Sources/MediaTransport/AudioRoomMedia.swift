/// The media of one audio room, sans-IO: legs in, one mixer tick every 20 ms, packets out (see ARCHITECTURE.md
/// "Media path"). The runner owns the sockets and the clock and calls in on the room's event loop.
import Mixing
import NIOCore
import RTP

/// What the media path tells the room's controller.
public enum RoomMediaEvent: Sendable, Equatable {
    /// An RFC 4733 digit from a leg.
    case digit(ParticipantID, Character)
    /// No RTP or RTCP from a leg for the configured time (and it is not on hold).
    case mediaTimeout(ParticipantID)
}

public struct AudioRoomMedia {
    public struct Configuration: Sendable {
        /// Mixed talkers.
        public var speakers = 3
        /// A leg that sends nothing for this long is reported (30 s, as Poly and FreeSWITCH do).
        public var mediaTimeout: Duration = .seconds(30)

        public init(speakers: Int = 3, mediaTimeout: Duration = .seconds(30)) {
            self.speakers = speakers
            self.mediaTimeout = mediaTimeout
        }
    }

    public let configuration: Configuration
    private(set) var mixer: ConferenceMixer
    private var output = MixerOutput()
    private(set) var legs = LegTable()
    private var random: SystemRandomNumberGenerator
    private var digits: [Character] = []
    private var timedOut: Set<ParticipantID> = []
    /// Muted legs, kept here so that muting holds in the lobby and across a move to another codec group (the mixer
    /// forgets a participant it removes).
    private var muted: Set<ParticipantID> = []
    /// Wall clock minus the media clock, in nanoseconds: what turns a `MediaInstant` into the NTP time of sender
    /// reports (RFC 3550 §6.4.1). Round-trip times do not depend on it.
    public var ntpOffset: Int64 = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        var mixing = ConferenceMixer.Configuration()
        mixing.speakers = configuration.speakers
        mixer = ConferenceMixer(configuration: mixing, makeEncoder: AudioCodecFactory.encoder(for:))
        random = SystemRandomNumberGenerator()
    }

    public var legCount: Int { legs.count }

    /// Adds a leg; it hears only lobby audio (prompts) until `admit`.
    public mutating func addLeg(_ id: ParticipantID, parameters: AudioLegParameters, now: MediaInstant)
        throws(MediaError) {
        legs.insert(try AudioLeg(id: id, parameters: parameters, now: now, random: &random))
    }

    public mutating func updateLeg(_ id: ParticipantID, parameters: AudioLegParameters) throws(MediaError) {
        guard let index = legs.index(of: id) else { throw .unknownLeg(id.rawValue) }
        let oldGroup = legs.storage[index].parameters.group
        let result = legs.modify(at: index) { leg in Result { () throws(MediaError) in try leg.update(parameters) } }
        try result.get()
        if legs.storage[index].admitted, parameters.group != oldGroup {
            try? mixer.remove(participant: id)
            try? mixer.add(participant: id, group: parameters.group)
            try? mixer.setMuted(muted.contains(id), participant: id)
        }
    }

    /// Puts the leg into the mix: it hears the room and the room hears it.
    public mutating func admit(_ id: ParticipantID) throws(MediaError) {
        guard let index = legs.index(of: id) else { throw .unknownLeg(id.rawValue) }
        guard !legs.storage[index].admitted else { return }
        legs.modify(at: index) { $0.admitted = true }
        try? mixer.add(participant: id, group: legs.storage[index].parameters.group)
        try? mixer.setMuted(muted.contains(id), participant: id)
    }

    public mutating func removeLeg(_ id: ParticipantID) {
        guard legs.remove(id) else { return }
        timedOut.remove(id)
        muted.remove(id)
        try? mixer.remove(participant: id)
    }

    public mutating func setMuted(_ muted: Bool, _ id: ParticipantID) {
        guard legs.index(of: id) != nil else { return }
        if muted { self.muted.insert(id) } else { self.muted.remove(id) }
        try? mixer.setMuted(muted, participant: id)
    }

    /// Audio for everyone in the mix (join and leave tones).
    public mutating func playToAll(_ samples: [Float]) { mixer.playToAll(samples: samples) }

    /// Audio for one leg alone: a prompt in the lobby, or over the room's audio once admitted.
    public mutating func play(_ samples: [Float], to id: ParticipantID) {
        guard let index = legs.index(of: id) else { return }
        if legs.storage[index].admitted {
            try? mixer.play(samples: samples, to: id)
        } else {
            legs.modify(at: index) { $0.queueLobbyAudio(samples) }
        }
    }

    public func isSpeaking(_ id: ParticipantID) -> Bool { mixer.isSpeaking(id) }

    /// The round-trip time the leg's RTCP last gave (RFC 3550 §6.4.1), if any.
    public func roundTripTime(_ id: ParticipantID) -> Duration? {
        legs.index(of: id).flatMap { legs.storage[$0].rtcp.roundTripTime }
    }

    /// Statistics of the leg's received stream (loss, jitter), if it has sent anything.
    public func receiverStatistics(_ id: ParticipantID) -> ReceiverStatistics? {
        legs.index(of: id).flatMap { legs.storage[$0].statistics }
    }

    /// One datagram for leg `id`; returns the events it caused (DTMF digits).
    public mutating func receive(_ buffer: inout [UInt8], length: Int, leg id: ParticipantID,
                                 from source: SocketAddress, now: MediaInstant) -> [RoomMediaEvent] {
        guard let index = legs.index(of: id) else { return [] }
        digits.removeAll(keepingCapacity: true)
        let offset = ntpOffset
        legs.modify(at: index) { leg in
            leg.receive(&buffer, length: length, from: source, now: now, ntpOffset: offset, digits: &digits)
        }
        return digits.isEmpty ? [] : digits.map { .digit(id, $0) }
    }

    /// The 20 ms tick: play out every leg, mix, and hand each packet to `send` (leg, bytes, destination).
    /// RTCP reports go to `sendRTCP` (over the leg's RTCP socket, or its RTP socket with rtcp-mux); without it they
    /// are not sent. Legs are changed in place, never copied.
    public mutating func tick(
        now: MediaInstant, send: (ParticipantID, UnsafeRawBufferPointer, SocketAddress) -> Void,
        sendRTCP: ((ParticipantID, UnsafeRawBufferPointer, SocketAddress) -> Void)? = nil
    ) -> [RoomMediaEvent] {
        var events: [RoomMediaEvent] = []
        let offset = ntpOffset
        for index in legs.indices {
            let id = legs.storage[index].id
            legs.modify(at: index) { $0.play(into: &mixer, now: now) }
            if legs.storage[index].parameters.receives, now - legs.storage[index].lastReceived > configuration.mediaTimeout,
               !timedOut.contains(id) {
                timedOut.insert(id)
                events.append(.mediaTimeout(id))
            }
            if let sendRTCP, let length = legs.modify(at: index, { $0.reportIfDue(now: now, ntpOffset: offset) }),
               let to = legs.storage[index].rtcpDestination {
                legs.storage[index].rtcp.buffer.withUnsafeBytes {
                    sendRTCP(id, UnsafeRawBufferPointer(rebasing: $0[0..<length]), to)
                }
            }
            if !legs.storage[index].admitted, let length = legs.modify(at: index, { $0.lobbyTick(now: now) }),
               let to = legs.storage[index].destination {
                legs.storage[index].sendBuffer.withUnsafeBytes {
                    send(id, UnsafeRawBufferPointer(rebasing: $0[0..<length]), to)
                }
            }
        }
        mixer.tick(into: &output)
        for payload in output.payloads {
            let bytes = output.bytes(of: payload)
            for recipient in output.recipients(of: payload) {
                guard let index = legs.index(of: recipient) else { continue }
                let length = bytes.withUnsafeBytes { payload in
                    legs.modify(at: index) { $0.packetize(payload, now: now) }
                }
                guard let length, let to = legs.storage[index].destination else { continue }
                legs.storage[index].sendBuffer.withUnsafeBytes {
                    send(recipient, UnsafeRawBufferPointer(rebasing: $0[0..<length]), to)
                }
            }
        }
        return events
    }

    /// The last tick's mixer statistics (encoder calls, speakers, groups).
    public var lastTick: MixerTickStatistics { output.statistics }

    /// Over the current legs: packets the jitter buffers concealed as lost and dropped as late, and mixer ticks that
    /// found a leg's ring short.
    public var playoutTotals: (concealed: Int, late: Int, underruns: Int) {
        var concealed = 0
        var late = 0
        for index in legs.indices {
            let playout = legs.storage[index].playout
            concealed += playout.lost
            late += playout.late
        }
        return (concealed, late, mixer.underruns)
    }
}
