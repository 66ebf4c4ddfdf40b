import Mixing
import NIOCore
import OpusCodec
import RTP
import SDP
import SRTP
import Testing
@testable import MediaTransport

/// One leg's stream: symmetric RTP (RFC 4961), SRTP (RFC 3711 with RFC 4568 keys), direction, and the RTP header
/// fields of what the room sends (RFC 3550 §5.1).
@Suite struct AudioLegTests {
    static let caller = ParticipantID(1)
    static let other = ParticipantID(2)

    func twoTalkers() throws -> RoomScenario {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: 1000)])
        try scenario.join(admitting: [Self.caller, Self.other])
        return scenario
    }

    // MARK: Symmetric RTP

    @Test func mediaGoesWhereThePeersPacketsComeFrom() throws {
        var scenario = try twoTalkers()
        scenario.run(ticks: 5, talking: [Self.other])
        #expect(scenario[Self.caller].received.last?.destination == scenario[Self.caller].address, "the SDP's address")

        // Behind a NAT the caller's packets come from another port than its SDP says.
        let mapped = try SocketAddress(ipAddress: "127.0.0.1", port: 61000)
        scenario[Self.caller].address = mapped
        scenario.run(ticks: 5)

        #expect(scenario[Self.caller].received.last?.destination == mapped)
    }

    @Test func onceLatchedASecondSourceIsIgnored() throws {
        var scenario = try twoTalkers()
        scenario.run(ticks: 5)
        let intruder = try SocketAddress(ipAddress: "127.0.0.1", port: 62000)
        for packet in scenario[Self.caller].keyPress("3") { scenario.deliver(packet, to: Self.caller, from: intruder) }
        scenario.run(ticks: 2)

        #expect(scenario.events.isEmpty, "a digit from the second source")
        #expect(scenario[Self.caller].received.last?.destination == scenario[Self.caller].address)

        for packet in scenario[Self.caller].keyPress("4") { scenario.deliver(packet, to: Self.caller) }
        #expect(scenario.events == [.digit(Self.caller, "4")], "the latched source is still heard")
    }

    @Test func aSourceOfAnotherAddressFamilyIsNotLatched() throws {
        var scenario = try twoTalkers()
        let v6 = try SocketAddress(ipAddress: "::1", port: 4000)
        scenario.deliver(scenario[Self.caller].nextAudioPacket(), to: Self.caller, from: v6)
        scenario.tick()

        #expect(scenario[Self.caller].received.last?.destination == scenario[Self.caller].address)
    }

    @Test func anUpdatedAddressIsLatchedAfresh() throws {
        var scenario = try twoTalkers()
        scenario.run(ticks: 5)
        // A re-INVITE moves the caller to another address.
        scenario[Self.caller].address = try SocketAddress(ipAddress: "127.0.0.1", port: 4100)
        try scenario.room.updateLeg(Self.caller, parameters: scenario[Self.caller].parameters())
        scenario.run(ticks: 5)

        #expect(scenario[Self.caller].received.last?.destination == scenario[Self.caller].address)
        #expect(scenario[Self.other].level(of: 400, lastPackets: 5) > 0, "the moved caller is still heard")
    }

    @Test func aNewSynchronizationSourceIsPlayedFromItsFirstPacket() throws {
        var scenario = try twoTalkers()
        scenario.run(ticks: 50)
        // The caller's stream restarts (a new SSRC, RFC 3550 §8.2) with a sequence number a little behind the old one.
        scenario[Self.caller].ssrc &+= 1
        scenario[Self.caller].sequence &-= 300
        scenario[Self.caller].timestamp &+= 123_456
        scenario.run(ticks: 100)

        #expect(scenario[Self.other].level(of: 400) > 10, "the caller is heard again")
        #expect(scenario.room.receiverStatistics(Self.caller)?.ssrc == scenario[Self.caller].ssrc)
    }

    // MARK: SRTP

    func srtpTalkers() throws -> RoomScenario {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: 1000)])
        for id in [Self.caller, Self.other] {
            let crypto = try scenario[id].negotiateSRTP()
            try scenario.room.addLeg(id, parameters: scenario[id].parameters(crypto: crypto), now: scenario.now)
            try scenario.room.admit(id)
        }
        return scenario
    }

    @Test func srtpLegsHearEachOther() throws {
        var scenario = try srtpTalkers()
        scenario.run(ticks: 150)

        for id in [Self.caller, Self.other] {
            #expect(scenario[id].undecryptable == 0)
            #expect(scenario[id].received.count == 150)
            #expect(scenario[id].received.allSatisfy { $0.bytes.count == 12 + 160 + 10 }, "HMAC-SHA1-80 tag")
        }
        #expect(scenario[Self.caller].level(of: 1000) > 15)
        #expect(scenario[Self.other].level(of: 400) > 15)
    }

    @Test func newKeysFromAReINVITETakeOverBothWays() throws {
        var scenario = try srtpTalkers()
        scenario.run(ticks: 50)
        let before = scenario[Self.caller].received.count
        // RFC 4568 §7.1.4: a new offer/answer may carry new keys; both directions switch with it.
        let crypto = try scenario[Self.caller].negotiateSRTP()
        try scenario.room.updateLeg(Self.caller, parameters: scenario[Self.caller].parameters(crypto: crypto))
        scenario.run(ticks: 150)

        #expect(scenario[Self.caller].undecryptable == 0)
        #expect(scenario[Self.caller].received.count == before + 150)
        #expect(scenario[Self.caller].level(of: 1000) > 15)
        #expect(scenario[Self.other].level(of: 400) > 15, "the caller's packets under its new key are heard")
    }

    @Test func anUnprotectedPacketOnAnSRTPLegIsDropped() throws {
        var scenario = try srtpTalkers()
        let forger = try SocketAddress(ipAddress: "127.0.0.1", port: 62000)
        var plain = TonePeer(1, port: 62000, frequency: 400)
        plain.outbound = nil
        for packet in plain.keyPress("8") { scenario.deliver(packet, to: Self.caller, from: forger) }
        scenario.tick()

        #expect(scenario.events.isEmpty)
        #expect(scenario[Self.caller].received.last?.destination == scenario[Self.caller].address,
                "a packet that fails authentication does not latch")

        for packet in scenario[Self.caller].keyPress("8") { scenario.deliver(packet, to: Self.caller) }
        #expect(scenario.events == [.digit(Self.caller, "8")])
    }

    @Test func aPacketUnderAnotherKeyIsDropped() throws {
        var scenario = try srtpTalkers()
        var stranger = TonePeer(1, port: 4000, frequency: 400)
        _ = try stranger.negotiateSRTP()
        for packet in stranger.keyPress("6") { scenario.deliver(packet, to: Self.caller) }

        #expect(scenario.events.isEmpty)
    }

    // MARK: Direction and headers

    @Test func aHeldLegIsSentNothingAndResumesInSequence() throws {
        var scenario = try twoTalkers()
        scenario.run(ticks: 10)
        let beforeHold = scenario[Self.caller].received.count
        try scenario.room.updateLeg(Self.caller, parameters: scenario[Self.caller].parameters(sends: false))
        scenario.run(ticks: 20)
        #expect(scenario[Self.caller].received.count == beforeHold)
        #expect(scenario[Self.other].received.count == 30, "the other leg is not held")

        try scenario.room.updateLeg(Self.caller, parameters: scenario[Self.caller].parameters())
        scenario.run(ticks: 10)
        let packets = scenario[Self.caller].received
        #expect(packets.count == beforeHold + 10)
        let last = packets[beforeHold - 1].header, resumed = packets[beforeHold].header
        #expect(resumed.sequenceNumber == last.sequenceNumber &+ 1, "no gap in sequence numbers (RFC 3550 §5.1)")
        #expect(resumed.timestamp == last.timestamp &+ 21 * 160, "the timestamp counts the time on hold")
    }

    @Test func sequenceNumbersCountPacketsAndTimestampsCountSamples() throws {
        var scenario = try twoTalkers()
        scenario.run(ticks: 100)

        for id in [Self.caller, Self.other] {
            let headers = scenario[id].received.map(\.header)
            #expect(headers.count == 100)
            #expect(Set(headers.map(\.ssrc)).count == 1)
            #expect(headers.allSatisfy { $0.payloadType == 0 })
            #expect(headers.map(\.marker) == [true] + [Bool](repeating: false, count: 99), "marker on the first")
            for (previous, next) in zip(headers, headers.dropFirst()) {
                #expect(next.sequenceNumber == previous.sequenceNumber &+ 1)
                #expect(next.timestamp == previous.timestamp &+ 160)
            }
        }
        #expect(scenario[Self.caller].received[0].header.ssrc != scenario[Self.other].received[0].header.ssrc)
    }

    @Test func opusTimestampsAdvanceByNineHundredSixtyPerPacket() throws {
        let peer = TonePeer(1, port: 4000, frequency: nil)
        var scenario = RoomScenario([peer])
        let opus = AudioLegParameters(codec: .opus(channels: 2), payloadType: 111, remoteRTP: peer.address)
        try scenario.room.addLeg(peer.id, parameters: opus, now: scenario.now)
        try scenario.room.admit(peer.id)
        for _ in 0..<20 { scenario.tick() }

        let headers = scenario[peer.id].received.map(\.header)
        #expect(headers.count == 20)
        #expect(headers.allSatisfy { $0.payloadType == 111 })
        for (previous, next) in zip(headers, headers.dropFirst()) {
            #expect(next.sequenceNumber == previous.sequenceNumber &+ 1)
            #expect(next.timestamp == previous.timestamp &+ 960)
        }
    }

    @Test func aLobbyLegMovedToAnotherCodecHearsItsPromptInThatCodec() throws {
        // A re-INVITE during PIN entry moves the caller from PCMU to Opus.
        let peer = TonePeer(1, port: 4000, frequency: nil)
        var scenario = RoomScenario([peer])
        try scenario.join(admitting: [])
        for _ in 0..<5 { scenario.tick() }
        let opus = AudioLegParameters(codec: .opus(channels: 2), payloadType: 111, remoteRTP: peer.address)
        try scenario.room.updateLeg(peer.id, parameters: opus)
        let prompt = AudioTone.frame(frequency: 1000, amplitude: 0.3, sampleRate: 48000, samplesPerChannel: 48000,
                                     format: .float32)
        scenario.room.play(prompt.floatSamples, to: peer.id)
        for _ in 0..<40 { scenario.tick() }

        let packets = scenario[peer.id].received.suffix(40)
        #expect(packets.allSatisfy { $0.header.payloadType == 111 })
        let decoder = try OpusAudioDecoder(sampleRate: 48000, channels: 1)
        var frame = AudioFrame(sampleRate: 48000, channels: 1)
        var heard: [Double] = []
        for packet in packets.dropFirst(10) {
            try packet.payload.withUnsafeBytes { bytes in try decoder.decode(bytes, into: &frame) }
            heard += frame.floatSamples.map(Double.init)
        }
        #expect(heard.count == 30 * 960)
        #expect(AudioTone.signalToNoise(heard, frequency: 1000, sampleRate: 48000) > 10)
    }

    @Test func anUnknownLegCannotBeUpdatedOrAdmitted() {
        var room = AudioRoomMedia()
        let peer = TonePeer(9, port: 4000, frequency: nil)
        #expect(throws: MediaError.unknownLeg(9)) { try room.updateLeg(peer.id, parameters: peer.parameters()) }
        #expect(throws: MediaError.unknownLeg(9)) { try room.admit(peer.id) }
    }

    @Test func anUnsupportedCodecIsRefused() {
        var room = AudioRoomMedia()
        let peer = TonePeer(1, port: 4000, frequency: nil)
        let ilbc = AudioCodecDescriptor(name: "iLBC", rtpClockRate: 8000, sampleRate: 8000, channels: 1,
                                        defaultPtime: 30, staticPayloadType: nil)
        #expect(throws: MediaError.self) {
            try room.addLeg(peer.id, parameters: AudioLegParameters(codec: ilbc, payloadType: 97,
                                                                    remoteRTP: peer.address), now: .zero)
        }
        #expect(room.legCount == 0)
    }
}
