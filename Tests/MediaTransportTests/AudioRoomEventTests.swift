import Mixing
import NIOCore
import RTP
import Testing
@testable import MediaTransport

/// What the media path reports to the room's controller: RFC 4733 digits and silent legs.
@Suite struct AudioRoomEventTests {
    @Test func eachKeyPressIsOneDigitThoughItsEndIsSentThreeTimes() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400)])
        let caller = ParticipantID(1)
        try scenario.join(admitting: [])
        for digit: Character in ["1", "#", "1"] {
            for packet in scenario[caller].keyPress(digit) {
                scenario.deliver(packet, to: caller)
                scenario.tick()
            }
            scenario.run(ticks: 5)
        }

        #expect(scenario.events == [.digit(caller, "1"), .digit(caller, "#"), .digit(caller, "1")])
    }

    @Test func aKeyPressInTheMiddleOfSpeechIsNeitherLossNorLatency() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: nil)])
        let caller = ParticipantID(1)
        try scenario.join(admitting: [caller, ParticipantID(2)])
        scenario.run(ticks: 50)
        // RFC 4733 §2.1: the events take sequence numbers of the audio stream; the phone sends them instead of audio.
        for packet in scenario[caller].keyPress("*") {
            scenario.deliver(packet, to: caller)
            scenario.tick()
        }
        scenario.run(ticks: 50)

        #expect(scenario.events == [.digit(caller, "*")])
        #expect(scenario.room.receiverStatistics(caller)?.cumulativeLost == 0, "a key press is not lost audio")
        let status = try #require(scenario.room.mixer.status(of: caller))
        #expect(status.buffered < ConferenceMixer.samplesPerTick, "no concealed audio queued behind the key press")
        #expect(status.overflows == 0)
    }

    @Test func aDigitWhoseEndPacketsWereAllLostIsReportedWhenTheNextOneStarts() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: nil)])
        let caller = ParticipantID(1)
        try scenario.join(admitting: [caller])
        for packet in scenario[caller].keyPress("5").prefix(2) { scenario.deliver(packet, to: caller) }
        #expect(scenario.events.isEmpty)
        for packet in scenario[caller].keyPress("9") { scenario.deliver(packet, to: caller) }

        #expect(scenario.events == [.digit(caller, "5"), .digit(caller, "9")])
    }

    @Test func telephoneEventsOnAnotherPayloadTypeAreNotDigits() throws {
        var peer = TonePeer(1, port: 4000, frequency: nil)
        var scenario = RoomScenario([peer])
        var parameters = peer.parameters()
        parameters.telephoneEventPayloadType = nil
        try scenario.room.addLeg(peer.id, parameters: parameters, now: scenario.now)
        for packet in peer.keyPress("7") { scenario.deliver(packet, to: peer.id) }

        #expect(scenario.events.isEmpty)
    }

    @Test func aLegSilentForLongerThanTheMediaTimeoutIsReportedOnce() throws {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: 1000)],
                                    mediaTimeout: .seconds(1))
        try scenario.join(admitting: [ParticipantID(1), ParticipantID(2)])
        scenario.run(ticks: 10)
        // Participant 2 falls silent; participant 1 keeps talking.
        scenario.run(ticks: 50, talking: [ParticipantID(1)])
        #expect(scenario.events.isEmpty, "1 s of silence is not yet longer than the timeout")
        scenario.run(ticks: 100, talking: [ParticipantID(1)])

        #expect(scenario.events == [.mediaTimeout(ParticipantID(2))])
    }

    /// 3 s with a 1 s media timeout in which the leg sends only RTCP from `source` (the peer's RTP address when nil),
    /// an empty receiver report (RFC 3550 §6.4.2) every half second; after 100 ms of RTP when `latched`.
    func rtcpOnly(from source: SocketAddress? = nil, latched: Bool) throws -> [RoomMediaEvent] {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400)], mediaTimeout: .seconds(1))
        try scenario.join(admitting: [ParticipantID(1)])
        if latched { scenario.run(ticks: 5) }
        let report: [UInt8] = [0x80, 201, 0x00, 0x01, 0x00, 0x00, 0x10, 0x01]
        for _ in 0..<6 {
            scenario.deliver(report, to: ParticipantID(1), from: source)
            for _ in 0..<25 { scenario.tick() }
        }
        return scenario.events
    }

    @Test func rtcpAloneKeepsALegAlive() throws {
        #expect(try rtcpOnly(latched: false) == [])
    }

    @Test func rtcpFromThePeersRTCPPortKeepsALatchedLegAlive() throws {
        // A phone with silence suppression sends no RTP while it listens, only RTCP from its RTCP port
        // (RFC 3550 §11: the RTP port + 1), and that after its RTP has been latched.
        #expect(try rtcpOnly(from: SocketAddress(ipAddress: "127.0.0.1", port: 4001), latched: true) == [])
    }

    @Test func rtcpFromAnotherHostDoesNotKeepALatchedLegAlive() throws {
        #expect(try rtcpOnly(from: SocketAddress(ipAddress: "127.0.0.2", port: 4001), latched: true)
            == [.mediaTimeout(ParticipantID(1))])
    }

    @Test func aLegThatSendsNothingByDirectionIsNeverTimedOut() throws {
        let peer = TonePeer(1, port: 4000, frequency: nil)
        var scenario = RoomScenario([peer], mediaTimeout: .seconds(1))
        try scenario.room.addLeg(peer.id, parameters: peer.parameters(receives: false), now: scenario.now)
        for _ in 0..<150 { scenario.tick() }

        #expect(scenario.events.isEmpty)
    }

    @Test func aLegResumedAfterALongHoldIsGivenTheTimeoutAfresh() throws {
        let peer = TonePeer(1, port: 4000, frequency: nil)
        var scenario = RoomScenario([peer], mediaTimeout: .seconds(1))
        try scenario.room.addLeg(peer.id, parameters: peer.parameters(sends: false, receives: false),
                                 now: scenario.now)
        for _ in 0..<150 { scenario.tick() }
        // The peer takes the call off hold (a=sendrecv): its media starts again within the timeout.
        try scenario.room.updateLeg(peer.id, parameters: peer.parameters())
        for _ in 0..<25 { scenario.tick() }

        #expect(scenario.events.isEmpty)
    }
}
