/// The audio mixer of one conference room, sans-IO: 48 kHz mono audio in, encoded payloads per 20 ms tick out.
///
/// Legs write decoded audio in; every `tick` mixes the loudest talkers and returns payloads with their recipients.
/// Every listener gets the same full mix, encoded once per `AudioCodecGroup`; each selected speaker gets the mix
/// without its own voice (mix-minus) from an encoder of its own. The mixer owns no clock, socket or thread: the room's
/// event loop calls `tick(into:)` on its schedule and sends what comes out. It is not `Sendable`: it holds the
/// encoders, which belong to that one loop.
public struct ConferenceMixer {
    /// The internal rate: every leg writes and every encoder reads 48 kHz mono float.
    public static let sampleRate = 48000
    /// One 20 ms tick at 48 kHz.
    public static let samplesPerTick = 960

    /// Builds the encoder for a codec group; also used for a speaker's private encoder (in its own group's codec).
    public typealias EncoderFactory = (AudioCodecGroup) -> any AudioEncoder

    public struct Configuration: Sendable {
        /// Talkers mixed at once.
        public var speakers = 3
        /// How much louder (dB) a challenger must be to replace a current speaker.
        public var switchMargin: Float = 6
        public var detector = SpeechDetector.Settings()
        /// Per-source level normalization; `nil` mixes sources at the level they arrive.
        public var normalizer: LevelNormalizer.Settings? = LevelNormalizer.Settings()
        /// The most a leg's writer may be ahead of the tick, in samples (200 ms).
        public var ringCapacity = 9600
        /// Ticks a private encoder is kept after its last use (50 × 20 ms = 1 s), so a talker who pauses and is
        /// selected again keeps its codec state.
        public var encoderRetentionTicks = 50

        public init() {}
    }

    public let configuration: Configuration
    let makeEncoder: EncoderFactory
    var participants: [MixerParticipant] = []
    var indexByID: [ParticipantID: Int] = [:]
    var groups: [MixerGroup] = []
    var groupIndexByKey: [AudioCodecGroup: Int] = [:]
    var selector: SpeakerSelector
    /// Scratch: last tick's selection, to count newcomers.
    var previousSpeakers: [Int] = []
    /// Per participant index, rebuilt in place every tick for the selector.
    var eligible: [Bool] = []
    var selectionLevels: [Float] = []
    var roomAnnouncement = AnnouncementQueue()
    /// The full mix (selected speakers + room announcement), before limiting.
    var mix: [Float]
    /// The frame handed to encoders.
    var encoderFrame: AudioFrame
    var listenerLimiter = SoftLimiter()
    /// Counters since the mixer started (also in every tick's statistics).
    public internal(set) var totals = MixerTotals()

    public init(configuration: Configuration = Configuration(), makeEncoder: @escaping EncoderFactory) {
        self.configuration = configuration
        self.makeEncoder = makeEncoder
        selector = SpeakerSelector(capacity: configuration.speakers, switchMargin: configuration.switchMargin)
        previousSpeakers.reserveCapacity(configuration.speakers)
        mix = [Float](repeating: 0, count: Self.samplesPerTick)
        encoderFrame = AudioFrame(
            format: .float32, sampleRate: Self.sampleRate, channels: 1, samplesPerChannel: Self.samplesPerTick)
    }

    // MARK: Membership

    /// Adds a leg whose listeners' mix is encoded for `group`.
    public mutating func add(participant id: ParticipantID, group key: AudioCodecGroup) throws(ConferenceMixerError) {
        guard indexByID[id] == nil else { throw .duplicateParticipant(id) }
        let group: Int
        if let existing = groupIndexByKey[key] {
            group = existing
        } else if let free = groups.firstIndex(where: { $0.members == 0 }) {
            groups[free] = MixerGroup(key: key)
            group = free
        } else {
            groups.append(MixerGroup(key: key))
            group = groups.count - 1
        }
        groupIndexByKey[key] = group
        groups[group].members += 1
        indexByID[id] = participants.count
        participants.append(MixerParticipant(id: id, group: group, configuration: configuration))
        eligible.append(false)
        selectionLevels.append(Decibels.floor)
    }

    /// Removes a leg; a group left without members drops its encoder.
    public mutating func remove(participant id: ParticipantID) throws(ConferenceMixerError) {
        let index = try index(of: id)
        let group = participants[index].group
        groups[group].members -= 1
        if groups[group].members == 0 {
            groupIndexByKey[groups[group].key] = nil
            groups[group].encoder = nil
        }
        let last = participants.count - 1
        participants.swapAt(index, last)
        participants.removeLast()
        eligible.removeLast()
        selectionLevels.removeLast()
        indexByID[id] = nil
        if index != last { indexByID[participants[index].id] = index }
        selector.remove(index, movedFrom: index != last ? last : nil)
    }

    /// A muted leg is never mixed; its audio is still read and its level still measured ("talking while muted").
    public mutating func setMuted(_ muted: Bool, participant id: ParticipantID) throws(ConferenceMixerError) {
        participants[try index(of: id)].isMuted = muted
    }

    // MARK: Audio in

    /// Writes a leg's decoded 48 kHz mono samples, with the packet's RFC 6464 audio level (0...127, -dBov) if it came
    /// with one.
    public mutating func write(
        participant id: ParticipantID, samples: UnsafeBufferPointer<Float>, audioLevel: UInt8? = nil
    ) throws(ConferenceMixerError) {
        let index = try index(of: id)
        participants[index].ring.write(samples)
        noteLevel(audioLevel, samples: samples.count, at: index)
    }

    /// Writes a leg's decoded frame, which must be 48 kHz mono (16-bit or float).
    public mutating func write(
        participant id: ParticipantID, frame: AudioFrame, audioLevel: UInt8? = nil
    ) throws(ConferenceMixerError) {
        let index = try index(of: id)
        guard frame.sampleRate == Self.sampleRate, frame.channels == 1 else {
            throw .unsupportedFrame(id, sampleRate: frame.sampleRate, channels: frame.channels)
        }
        switch frame.format {
        case .int16: frame.withInt16Samples { participants[index].ring.write($0) }
        case .float32: frame.withFloatSamples { participants[index].ring.write($0) }
        }
        noteLevel(audioLevel, samples: frame.samplesPerChannel, at: index)
    }

    private mutating func noteLevel(_ audioLevel: UInt8?, samples: Int, at index: Int) {
        if let audioLevel {
            participants[index].reportedLevel = audioLevel
            participants[index].reportedLevelSamples += samples
        } else {
            participants[index].reportedLevelSamples = 0
        }
    }

    // MARK: Announcements

    /// Queues 48 kHz mono audio mixed into every output, speakers' included (join and leave tones).
    public mutating func playToAll(samples: [Float]) { roomAnnouncement.append(samples) }

    /// Queues 48 kHz mono audio for one leg only; while it plays, that leg gets a privately encoded mix.
    public mutating func play(samples: [Float], to id: ParticipantID) throws(ConferenceMixerError) {
        participants[try index(of: id)].prompt.append(samples)
    }

    // MARK: Queries

    public var participantCount: Int { participants.count }

    /// Ticks, summed over the current participants, whose read found less than a tick of audio in the leg's ring
    /// (before its first packet, while it sends nothing, or when a packet came too late for its tick).
    public var underruns: Int { participants.reduce(0) { $0 + $1.ring.underruns } }

    /// The talkers mixed in the last tick (allocates: for the UI and tests).
    public var speakers: [ParticipantID] { selector.selected.map { participants[$0].id } }

    public func isSpeaking(_ id: ParticipantID) -> Bool {
        indexByID[id].map { participants[$0].detector.isSpeaking } ?? false
    }

    /// A leg's smoothed level in dBov (-127 for silence), measured even while it is muted.
    public func level(of id: ParticipantID) -> Float? { indexByID[id].map { participants[$0].detector.smoothedLevel } }

    /// Everything the UI and metrics may want about one leg.
    public func status(of id: ParticipantID) -> MixerParticipantStatus? {
        guard let index = indexByID[id] else { return nil }
        return MixerParticipantStatus(participants[index], isSelected: selector.isSelected(index))
    }

    func index(of id: ParticipantID) throws(ConferenceMixerError) -> Int {
        guard let index = indexByID[id] else { throw .unknownParticipant(id) }
        return index
    }
}
