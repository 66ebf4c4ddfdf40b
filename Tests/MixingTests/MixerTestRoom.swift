/// A room for mixer scenarios: members write a tone or silence every tick; the test reads what each one was sent.
@testable import Mixing

struct MixerTestRoom {
    enum Codec { case rawFloat, token, pcmu }

    static let opusGroup = AudioCodecGroup(codec: .opus(channels: 1), ptime: 20, parameters: "useinbandfec=1")
    static let pcmuGroup = AudioCodecGroup(codec: .pcmu, ptime: 20)

    var mixer: ConferenceMixer
    var output = MixerOutput(maximumPayloadBytes: 4000)
    let log: EncoderLog
    let codec: Codec
    var tickIndex = 0
    /// What each member writes every tick; members not listed write silence.
    var tones: [ParticipantID: (frequency: Double, amplitude: Double)] = [:]
    private(set) var members: [ParticipantID] = []

    init(configuration: ConferenceMixer.Configuration = .init(), codec: Codec = .rawFloat) {
        let log = EncoderLog()
        self.log = log
        self.codec = codec
        mixer = ConferenceMixer(configuration: configuration) { group in
            log.created.append(group)
            switch codec {
            case .rawFloat: return RawFloatEncoder(log: log, serial: log.created.count)
            case .token: return TokenEncoder(log: log)
            case .pcmu: return DecimatingG711Encoder(inner: G711Encoder(law: .muLaw), log: log)
            }
        }
    }

    mutating func join(_ raw: UInt32, group: AudioCodecGroup = opusGroup, tone: Double? = nil, amplitude: Double = 0.25) {
        let id = ParticipantID(raw)
        try! mixer.add(participant: id, group: group)
        members.append(id)
        if let tone { tones[id] = (tone, amplitude) }
    }

    mutating func leave(_ raw: UInt32) {
        try! mixer.remove(participant: ParticipantID(raw))
        members.removeAll { $0 == ParticipantID(raw) }
        tones[ParticipantID(raw)] = nil
    }

    /// One tick: every member writes 20 ms, then the mixer ticks.
    mutating func tick() {
        let silence = [Float](repeating: 0, count: MixerTestAudio.tick)
        for id in members {
            if let tone = tones[id] {
                try! mixer.write(id, MixerTestAudio.tone(tone.frequency, amplitude: tone.amplitude, tick: tickIndex))
            } else {
                try! mixer.write(id, silence)
            }
        }
        mixer.tick(into: &output)
        tickIndex += 1
    }

    mutating func run(_ ticks: Int) { for _ in 0..<ticks { tick() } }

    /// Runs `ticks` ticks and returns what each of `listeners` received, decoded (at 48 kHz, or 8 kHz for PCMU).
    mutating func record(_ ticks: Int, _ recipients: [UInt32]) -> [UInt32: [Float]] {
        var received: [UInt32: [Float]] = [:]
        for _ in 0..<ticks {
            tick()
            for raw in recipients { received[raw, default: []] += self.received(raw) }
        }
        return received
    }

    /// This tick's decoded samples for one recipient (empty if it got nothing).
    func received(_ raw: UInt32) -> [Float] {
        guard let payload = output.payload(for: ParticipantID(raw)) else { return [] }
        let bytes = output.bytes(of: payload)
        switch codec {
        case .rawFloat: return RawFloatEncoder.decode(bytes)
        case .token: return []
        case .pcmu: return bytes.map { AudioSampleConversion.float(G711.linear(muLaw: $0)) }
        }
    }

    var speakers: Set<UInt32> { Set(mixer.speakers.map(\.rawValue)) }
    var statistics: MixerTickStatistics { output.statistics }
}
