import Testing
@testable import SDP

/// A room answering real offers (RFC 3264 §6): the codec the room prefers, under the offerer's payload types.
@Suite("Audio offer/answer")
struct AudioOfferAnswerTests {
    static let session = SessionIdentity(username: "huiyi", sessionID: "4711", version: 1)
    /// The session-level lines of every IPv4 answer below.
    static let answerHead = "v=0\no=huiyi 4711 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\n"

    static func answer(
        _ fixture: String, room: AudioOfferAnswer = AudioOfferAnswer(srtpPolicy: .optional),
        address: String = "192.0.2.10", port: UInt16 = 40000, seed: UInt64 = 1
    ) throws -> AudioAnswer {
        var generator = SeededGenerator(seed: seed)
        return try room.answer(to: SDPFixtures.parsed(fixture), session: session, localAddress: address,
                               localPort: port, using: &generator)
    }

    @Test("baresip: Opus under PT 96, mono from a mono room, DTMF at 8000, rtcp-mux echoed")
    func baresip() throws {
        let answer = try Self.answer(SDPFixtures.baresip)

        #expect(answer.negotiated == NegotiatedAudio(
            codec: .init(encodingName: "opus", clockRate: 48000, channels: 1, payloadType: 96),
            offeredFormatParameters: "stereo=1;sprop-stereo=1", telephoneEventPayloadType: 101, telephoneEventClockRate: 8000, ptime: 20,
            localDirection: .sendrecv, remoteDirection: .sendrecv,
            remoteAddress: "192.168.1.23", remotePort: 10002,
            remoteRTCPAddress: "192.168.1.23", remoteRTCPPort: 10002, rtcpMux: true,
            proto: .rtpAVP, crypto: nil))
        #expect(answer.description.encoded == SDPFixtures.crlf(Self.answerHead + """
            m=audio 40000 RTP/AVP 96 101
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=ptime:20
            a=sendrecv
            a=rtcp-mux
            """))
    }

    @Test("A stereo room mirrors Opus stereo: the answer's stereo echoes sprop-stereo and the reverse (RFC 7587 §7.1)",
          arguments: [
              ("stereo=1;sprop-stereo=1", "useinbandfec=1;stereo=1;sprop-stereo=1", 2),
              ("stereo=1", "useinbandfec=1;sprop-stereo=1", 2),
              ("sprop-stereo=1", "useinbandfec=1;stereo=1", 1),
              ("stereo=0; sprop-stereo=0", "useinbandfec=1", 1),
          ])
    func stereoRoom(offered: String, answered: String, channels: Int) throws {
        let offer = SDPFixtures.baresip.replacingFirst("a=fmtp:96 stereo=1;sprop-stereo=1", with: "a=fmtp:96 \(offered)")
        let answer = try Self.answer(offer, room: AudioOfferAnswer(srtpPolicy: .off, opusStereo: true))
        #expect(answer.description.media[0].formatParameters(for: "96")?.parameterString == answered)
        #expect(answer.negotiated.codec.channels == channels)
        #expect(answer.negotiated.offeredFormatParameters == offered)
    }

    @Test("baresip with SRTP: RTP/SAVP answered with the first crypto's tag and suite and a fresh key")
    func baresipSRTP() throws {
        let answer = try Self.answer(SDPFixtures.baresipSRTP)
        let negotiated = answer.negotiated

        let crypto = try #require(negotiated.crypto)
        #expect(crypto.remote == (try CryptoAttribute(parsing: "1 AES_CM_128_HMAC_SHA1_80 inline:\(SDPFixtures.srtpKey80)")))
        #expect(crypto.local.tag == 1)
        #expect(crypto.local.suite == .aesCM128HMACSHA1_80)
        #expect(crypto.local.key.masterKey != crypto.remote.key.masterKey)
        #expect(negotiated.proto == .rtpSAVP)
        #expect(!negotiated.rtcpMux)
        #expect(negotiated.remoteRTCPPort == 10005, "a=rtcp, not port + 1")
        #expect(negotiated.codec.payloadType == 96)

        let media = answer.description.media[0]
        #expect(media.encoded == "audio 40000 RTP/SAVP 96 101")
        #expect(media.cryptoValues == [crypto.local.encoded])
        #expect(!media.rtcpMux)
        // The key the room sends under is the one the answer carries, and it verifies as an answer to the offer.
        let offered = try SDPFixtures.parsed(SDPFixtures.baresipSRTP).media[0].cryptoValues
            .map { try CryptoAttribute(parsing: $0) }
        let confirmed = try CryptoNegotiation.accept(answer: media.cryptoValues.first, offered: offered)
        #expect(confirmed.remote == crypto.local)
    }

    @Test("Linphone: Opus mono, telephone-event at 48000 chosen over 16000 and 8000, video refused with port 0")
    func linphone() throws {
        let answer = try Self.answer(SDPFixtures.linphone)
        let negotiated = answer.negotiated

        #expect(negotiated.codec == .init(encodingName: "opus", clockRate: 48000, channels: 1, payloadType: 96))
        #expect(negotiated.telephoneEventPayloadType == 101)
        #expect(negotiated.telephoneEventClockRate == 48000)
        #expect(negotiated.remoteRTCPPort == 7079)
        #expect(!negotiated.rtcpMux)
        #expect(answer.description.encoded == SDPFixtures.crlf(Self.answerHead + """
            m=audio 40000 RTP/AVP 96 101
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:101 telephone-event/48000
            a=fmtp:101 0-15
            a=ptime:20
            a=sendrecv
            m=video 0 RTP/AVP 102
            """))
    }

    @Test("SIPp: PCMU alone, no DTMF, RTCP on port + 1")
    func sipp() throws {
        let answer = try Self.answer(SDPFixtures.sipp)
        let negotiated = answer.negotiated

        #expect(negotiated.codec == .init(encodingName: "PCMU", clockRate: 8000, channels: 1, payloadType: 0))
        #expect(negotiated.telephoneEventPayloadType == nil)
        #expect(negotiated.remoteAddress == "127.0.0.1")
        #expect(negotiated.remotePort == 6000)
        #expect(negotiated.remoteRTCPPort == 6001)
        #expect(answer.description.media[0].encoded == "audio 40000 RTP/AVP 0")
        #expect(answer.description.media[0].attributes.map(\.encoded) == ["rtpmap:0 PCMU/8000", "ptime:20", "sendrecv"])
    }

    @Test("IPv6: static G.722 without rtpmap, the offer's 30 ms echoed, an IP6 answer")
    func ipv6() throws {
        let answer = try Self.answer(SDPFixtures.ipv6, address: "2001:db8::10", port: 50000)
        let negotiated = answer.negotiated

        #expect(negotiated.codec == .init(encodingName: "G722", clockRate: 8000, channels: 1, payloadType: 9))
        #expect(negotiated.telephoneEventPayloadType == 101)
        #expect(negotiated.ptime == 30)
        #expect(negotiated.remoteAddress == "2001:db8::2")
        #expect(answer.description.encoded == SDPFixtures.crlf("""
            v=0
            o=huiyi 4711 1 IN IP6 2001:db8::10
            s=-
            c=IN IP6 2001:db8::10
            t=0 0
            m=audio 50000 RTP/AVP 9 101
            a=rtpmap:9 G722/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=ptime:30
            a=sendrecv
            """))
    }

    @Test("The room's order decides, whatever the offer's order", arguments: [
        "0 8 9 96", "96 9 8 0", "8 0 96 9", "9 96 0 8",
    ])
    func roomPreferenceWins(formats: String) throws {
        let offer = SDPFixtures.minimalSession + """
            m=audio 4000 RTP/AVP \(formats)
            a=rtpmap:96 opus/48000/2
            """
        #expect(try Self.answer(offer).negotiated.codec.encodingName == "opus")
        let g711Room = AudioOfferAnswer(codecs: [.pcma, .pcmu], srtpPolicy: .off)
        #expect(try Self.answer(offer, room: g711Room).negotiated.codec.payloadType == 8)
    }

    @Test("The offerer's payload type numbers are used, names match in any case, Opus must be opus/48000/2")
    func offerersPayloadTypes() throws {
        let offer = SDPFixtures.minimalSession + """
            m=audio 4000 RTP/AVP 111 120 98 97
            a=rtpmap:111 OPUS/48000/1
            a=rtpmap:120 opus/16000/2
            a=rtpmap:98 g722/8000
            a=rtpmap:97 TELEPHONE-EVENT/8000
            """
        let negotiated = try Self.answer(offer).negotiated
        #expect(negotiated.codec == .init(encodingName: "g722", clockRate: 8000, channels: 1, payloadType: 98))
        #expect(negotiated.telephoneEventPayloadType == 97)
    }
}
