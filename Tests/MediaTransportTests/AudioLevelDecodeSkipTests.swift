import Mixing
import NIOCore
import OpusCodec
import RTP
import Testing
@testable import MediaTransport

/// RFC 6464: a packet whose client-to-mixer level says silence is not decoded (ARCHITECTURE.md: silence never reaches
/// a decoder when levels are known); a packet whose level says speech is decoded and heard as before.
@Suite struct AudioLevelDecodeSkipTests {
    /// `packet` (a 12-octet header and its payload) with an RFC 8285 one-byte header extension carrying RFC 6464
    /// level `level` (0 loudest, 127 silence) under identifier 1.
    static func withLevel(_ packet: [UInt8], level: UInt8) -> [UInt8] {
        var header = Array(packet[0..<12])
        header[0] |= 0x10  // X
        let extensionBlock: [UInt8] = [0xBE, 0xDE, 0x00, 0x01, 0x10, level & 0x7F, 0x00, 0x00]
        return header + extensionBlock + packet[12...]
    }

    func scenario() throws -> RoomScenario {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: nil)])
        for peer in scenario.peers {
            var parameters = peer.parameters()
            parameters.audioLevelExtension = 1
            try scenario.room.addLeg(peer.id, parameters: parameters, now: scenario.now)
            try scenario.room.admit(peer.id)
        }
        return scenario
    }

    func talk(_ scenario: inout RoomScenario, ticks: Int, level: UInt8) {
        let talker = ParticipantID(1)
        for _ in 0..<ticks {
            let packet = Self.withLevel(scenario[talker].nextAudioPacket(), level: level)
            scenario.deliver(packet, to: talker)
            scenario.tick()
        }
    }

    @Test func packetsMarkedSilentAreNotDecodedAndNotHeard() throws {
        var scenario = try scenario()
        talk(&scenario, ticks: 100, level: 127)
        let skipped = scenario.room.legs[ParticipantID(1)]?.skippedDecodes ?? 0
        #expect(skipped >= 95, "\(skipped) of 100 packets skipped")
        #expect(scenario[ParticipantID(2)].level(of: 400) < -40, "the level said silence: nothing is mixed")
    }

    @Test func packetsMarkedAsSpeechAreDecodedAndHeard() throws {
        var scenario = try scenario()
        talk(&scenario, ticks: 100, level: 20)
        #expect(scenario.room.legs[ParticipantID(1)]?.skippedDecodes == 0)
        #expect(scenario[ParticipantID(2)].level(of: 400) > -10, "a talker the level calls loud is heard")
    }

    @Test func theSamplesAPacketStandsForAreReadWithoutDecodingIt() {
        // RFC 7587: a CELT 20 ms TOC (config 31) with one frame → 960 samples; two frames (code 1) → 1920.
        #expect(AudioLeg.silentSamples(for: [0xF8, 0x00], framing: .opus) == 960)
        #expect(AudioLeg.silentSamples(for: [0xF9, 0x00, 0x00], framing: .opus) == 1920)
        // G.711: one octet per 8 kHz sample → six 48 kHz samples.
        #expect(AudioLeg.silentSamples(for: [UInt8](repeating: 0xFF, count: 160), framing: PayloadFraming(.pcmu)) == 960)
        #expect(AudioLeg.silentSamples(for: [], framing: .opus) == nil)
    }

    @Test func anOpusPacketWhoseVoiceFlagsAreClearNeedsNoDecodeWithoutLevels() throws {
        // A VoIP Opus encoder (SILK layer, as softphones send): silence, then a talker.
        var encoder = try OpusAudioEncoder(OpusEncoderConfiguration(bitrate: 32000))
        func packet(amplitude: Double, index: Int) throws -> [UInt8] {
            try encoder.encode(AudioTone.frame(frequency: 220, amplitude: amplitude, sampleRate: 48000,
                                               samplesPerChannel: 960, offset: index * 960))
        }
        var quiet: [UInt8?] = []
        for index in 0..<40 {
            quiet.append(AudioLeg.undecodedLevel(of: try packet(amplitude: 0, index: index), level: 0xFF,
                                                 framing: .opus))
        }
        #expect(quiet[10...].allSatisfy { $0 == 127 }, "silence: skipped, the detector told -127 dBov")
        let onset = AudioLeg.undecodedLevel(of: try packet(amplitude: 0.3, index: 40), level: 0xFF, framing: .opus)
        #expect(onset == nil, "a talker's first packet is decoded")
        // A level, when sent, decides; other codecs and CELT packets are always decoded without one.
        #expect(AudioLeg.undecodedLevel(of: [0x08, 0xFF], level: 90, framing: .opus) == 90)
        #expect(AudioLeg.undecodedLevel(of: [0x08, 0x00], level: 20, framing: .opus) == nil)
        #expect(AudioLeg.undecodedLevel(of: [0xF8, 0x00], level: 0xFF, framing: .opus) == nil)
        #expect(AudioLeg.undecodedLevel(of: [0xFF, 0xFF], level: 0xFF, framing: PayloadFraming(.pcmu)) == nil)
    }
}
