import Mixing
import NIOCore
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
        #expect(AudioLeg.silentSamples(for: [0xF8, 0x00], codec: .opus(channels: 1)) == 960)
        #expect(AudioLeg.silentSamples(for: [0xF9, 0x00, 0x00], codec: .opus(channels: 1)) == 1920)
        // G.711: one octet per 8 kHz sample → six 48 kHz samples.
        #expect(AudioLeg.silentSamples(for: [UInt8](repeating: 0xFF, count: 160), codec: .pcmu) == 960)
        #expect(AudioLeg.silentSamples(for: [], codec: .opus(channels: 1)) == nil)
    }
}
