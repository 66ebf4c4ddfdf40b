import Mixing
import NIOCore
import Testing
@testable import MediaTransport

/// The mixer's 48 kHz mono through each negotiated codec's encoder (`AudioCodecFactory`, `ResamplingAudioEncoder`)
/// and back through the leg's decoder (`LegDecoder`): RFC 3551 §4.5 rates, Opus at 48 kHz (RFC 7587).
@Suite struct AudioCodecRoundTripTests {
    static let remote = try! SocketAddress(ipAddress: "127.0.0.1", port: 4000)

    /// Codec, payload octets per 20 ms (nil: variable), the least signal-to-noise ratio expected.
    static let codecs: [(AudioCodecDescriptor, Int?, Double)] = [
        (.pcmu, 160, 30), (.pcma, 160, 30), (.g722, 160, 20), (.opus(channels: 2), nil, 15),
    ]

    @Test(arguments: codecs.indices)
    func aToneSurvivesTheRoundTrip(_ index: Int) throws {
        let (codec, octets, least) = Self.codecs[index]
        let group = AudioLegParameters(codec: codec, payloadType: 96, remoteRTP: Self.remote).group
        var encoder = AudioCodecFactory.encoder(for: group)
        #expect(!(encoder is UnavailableEncoder))
        #expect(encoder.descriptor.sampleRate == 48000, "fed at the mixer's rate")
        let decoder = try LegDecoder(codec: codec, ptime: 20)

        var payload = [UInt8](repeating: 0, count: 1500)
        var heard: [Double] = []
        for tick in 0..<50 {
            let frame = AudioTone.frame(frequency: 1000, amplitude: 0.3, sampleRate: 48000,
                                        samplesPerChannel: ConferenceMixer.samplesPerTick,
                                        offset: tick * ConferenceMixer.samplesPerTick, format: .float32)
            let size = try payload.withUnsafeMutableBytes { try encoder.encode(frame, into: $0) }
            if let octets { #expect(size == octets, "\(codec.name) tick \(tick)") }
            try payload.withUnsafeBytes { try decoder.decode(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
            #expect(decoder.output.sampleRate == 48000 && decoder.output.channels == 1)
            // Skip the codecs' and resamplers' start-up delay.
            if tick >= 10 { heard += decoder.output.floatSamples.map(Double.init) }
        }
        #expect(abs(heard.count - 40 * 960) <= 40, "\(codec.name): about 960 samples per packet, got \(heard.count)")
        let ratio = AudioTone.signalToNoise(heard, frequency: 1000, sampleRate: 48000)
        #expect(ratio > least, "\(codec.name): \(ratio) dB")

        try decoder.conceal(next: nil)
        #expect(abs(decoder.output.samplesPerChannel - 960) <= 2, "a lost packet is concealed for its 20 ms")
    }

    @Test func anUnknownCodecHasAnEncoderThatFailsAndNoDecoder() {
        let ilbc = AudioCodecDescriptor(name: "iLBC", rtpClockRate: 8000, sampleRate: 8000, channels: 1)
        var encoder = AudioCodecFactory.encoder(for: AudioCodecGroup(codec: ilbc))
        var payload = [UInt8](repeating: 0, count: 100)
        let frame = AudioFrame(format: .float32, sampleRate: 48000, channels: 1, samplesPerChannel: 960)
        #expect(throws: AudioCodecError.self) { _ = try payload.withUnsafeMutableBytes { try encoder.encode(frame, into: $0) } }
        #expect(throws: AudioCodecError.self) { _ = try LegDecoder(codec: ilbc, ptime: 20) }
    }

    @Test func opusGroupsAreMonoAt48kHzWhateverTheSDPSays() {
        let stereo = AudioLegParameters(codec: .opus(channels: 2), payloadType: 111, remoteRTP: Self.remote)
        #expect(stereo.group.codec.channels == 1)
        #expect(stereo.group.codec.sampleRate == 48000)
        #expect(stereo.group.ptime == 20)
        var withoutFEC = stereo
        withoutFEC.codecParameters = "useinbandfec=0"
        #expect(withoutFEC.group != stereo.group, "fmtp that changes the stream splits the group")
    }
}
