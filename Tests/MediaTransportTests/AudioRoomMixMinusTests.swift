import Mixing
import NIOCore
import RTP
import Testing
@testable import MediaTransport

/// Three PCMU legs, each talking its own tone: each hears the other two and not itself; a leg in the lobby hears
/// only its prompt and is heard by nobody.
@Suite struct AudioRoomMixMinusTests {
    static let tones: [UInt32: Double] = [1: 400, 2: 1000, 3: 1700]

    func threeTalkers() throws -> RoomScenario {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: 1000),
                                     TonePeer(3, port: 4004, frequency: 1700)])
        try scenario.join(admitting: scenario.peers.map(\.id))
        return scenario
    }

    @Test func eachLegHearsTheOthersAndNotItself() throws {
        var scenario = try threeTalkers()
        scenario.run(ticks: 150)

        for peer in scenario.peers {
            #expect(peer.received.count == 150, "one packet per tick for \(peer.id)")
            for (other, frequency) in Self.tones {
                let level = peer.level(of: frequency)
                if other == peer.id.rawValue {
                    #expect(level < -25, "\(peer.id) hears itself at \(level) dB")
                } else {
                    // Two tones of equal level: each is about half of what is heard.
                    #expect(level > -6, "\(peer.id) hears participant \(other) only at \(level) dB")
                }
            }
        }
    }

    @Test func aMutedLegIsNotHeard() throws {
        var scenario = try threeTalkers()
        scenario.room.setMuted(true, ParticipantID(3))
        scenario.run(ticks: 150)

        #expect(scenario[ParticipantID(1)].level(of: 1700) < -25)
        #expect(scenario[ParticipantID(2)].level(of: 1700) < -25)
        #expect(scenario[ParticipantID(3)].level(of: 400) > -6, "a muted leg still hears the room")
    }

    @Test func aMutedLegStaysMutedWhenAReINVITEChangesItsEncoding() throws {
        var scenario = try threeTalkers()
        let muted = ParticipantID(3)
        scenario.room.setMuted(true, muted)
        scenario.run(ticks: 50)
        // Any change of what the leg is encoded with (here its fmtp) moves it to another codec group in the mixer.
        var parameters = scenario[muted].parameters()
        parameters.codecParameters = "x-test=1"
        try scenario.room.updateLeg(muted, parameters: parameters)
        scenario.run(ticks: 150)

        #expect(scenario.room.mixer.status(of: muted)?.isMuted == true)
        #expect(scenario[ParticipantID(1)].level(of: 1700) < -25)
        #expect(scenario[muted].level(of: 400) > -6, "still in the room")
    }

    @Test func aLegMutedInTheLobbyIsMutedWhenAdmitted() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(4, port: 4006, frequency: 700)])
        try scenario.join(admitting: [ParticipantID(1)])
        scenario.room.setMuted(true, ParticipantID(4))
        try scenario.room.admit(ParticipantID(4))
        scenario.run(ticks: 150)

        #expect(scenario[ParticipantID(1)].level(of: 700) < -25)
        #expect(scenario[ParticipantID(4)].level(of: 400) > 10)
    }

    @Test func aLobbyLegHearsOnlyItsPromptAndIsNotHeard() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: 1000),
                                     TonePeer(4, port: 4006, frequency: 700)])
        let lobby = ParticipantID(4)
        try scenario.join(admitting: [ParticipantID(1), ParticipantID(2)])
        // A 4 s prompt, longer than the run.
        let prompt = AudioTone.frame(frequency: 2500, amplitude: 0.3, sampleRate: 48000, samplesPerChannel: 48000 * 4,
                                     format: .float32)
        scenario.room.play(prompt.floatSamples, to: lobby)
        scenario.run(ticks: 150)

        let inLobby = scenario[lobby]
        #expect(inLobby.received.count == 150)
        #expect(inLobby.level(of: 2500) > 20, "the prompt, clean")
        #expect(inLobby.level(of: 400) < -25)
        #expect(inLobby.level(of: 1000) < -25)
        for id in [ParticipantID(1), ParticipantID(2)] {
            #expect(scenario[id].level(of: 700) < -25, "\(id) hears the lobby leg")
            #expect(scenario[id].level(of: 2500) < -25, "\(id) hears the lobby leg's prompt")
        }
    }

    @Test func aPromptToAnAdmittedLegPlaysOverTheRoomForItAlone() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: 1000),
                                     TonePeer(3, port: 4004, frequency: nil)])
        try scenario.join(admitting: scenario.peers.map(\.id))
        let prompt = AudioTone.frame(frequency: 2500, amplitude: 0.3, sampleRate: 48000, samplesPerChannel: 48000 * 4,
                                     format: .float32)
        scenario.room.play(prompt.floatSamples, to: ParticipantID(3))
        scenario.run(ticks: 150)

        let listener = scenario[ParticipantID(3)]
        #expect(listener.level(of: 2500) > -6, "its prompt")
        #expect(listener.level(of: 400) > -10 && listener.level(of: 1000) > -10, "and the room under it")
        #expect(scenario[ParticipantID(1)].level(of: 2500) < -25)
        #expect(scenario[ParticipantID(2)].level(of: 2500) < -25)
    }

    @Test func anAdmittedLobbyLegJoinsTheMix() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(4, port: 4006, frequency: 700)])
        try scenario.join(admitting: [ParticipantID(1)])
        scenario.run(ticks: 50)
        try scenario.room.admit(ParticipantID(4))
        scenario.run(ticks: 150)

        #expect(scenario[ParticipantID(1)].level(of: 700) > 10)
        #expect(scenario[ParticipantID(4)].level(of: 400) > 10)
    }

    @Test func aRemovedLegIsNeitherHeardNorSentTo() throws {
        var scenario = try threeTalkers()
        scenario.run(ticks: 50)
        scenario.room.removeLeg(ParticipantID(3))
        let before = scenario[ParticipantID(3)].received.count
        scenario.run(ticks: 150, talking: [ParticipantID(1), ParticipantID(2)])

        #expect(scenario[ParticipantID(3)].received.count == before)
        #expect(scenario.room.legCount == 2)
        #expect(scenario[ParticipantID(1)].level(of: 1000) > 10)
        #expect(scenario[ParticipantID(1)].level(of: 1700) < -25)
    }

    @Test func joinTonesReachEveryAdmittedLegButNotTheLobby() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: nil), TonePeer(2, port: 4002, frequency: nil),
                                     TonePeer(3, port: 4004, frequency: nil)])
        try scenario.join(admitting: [ParticipantID(1), ParticipantID(2)])
        let tone = AudioTone.frame(frequency: 600, amplitude: 0.3, sampleRate: 48000, samplesPerChannel: 48000,
                                   format: .float32)
        scenario.room.playToAll(tone.floatSamples)
        scenario.run(ticks: 40)

        #expect(scenario[ParticipantID(1)].level(of: 600, lastPackets: 30) > 20)
        #expect(scenario[ParticipantID(2)].level(of: 600, lastPackets: 30) > 20)
        #expect(scenario[ParticipantID(3)].heard(lastPackets: 40).allSatisfy { abs($0) < 0.01 })
    }
}
