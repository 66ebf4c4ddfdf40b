import Testing
@testable import SDP

/// Reading the 200 OK's answer to a dial-out offer (RFC 3264 §6.1, §7), as sites send them.
@Suite("Audio offer: reading the answer")
struct AudioOfferAcceptTests {
    static let plainOffer = AudioOfferTests.offer(AudioOfferAnswer(srtpPolicy: .off))
    static let srtpOffer = AudioOfferTests.offer(AudioOfferAnswer(srtpPolicy: .required))

    static func accept(_ answer: String, to offer: AudioOffer = plainOffer) throws -> NegotiatedAudio {
        try offer.accept(answer: SDPFixtures.parsed(answer))
    }

    static func error(_ answer: String, to offer: AudioOffer = plainOffer) throws -> AnswerError? {
        do {
            _ = try offer.accept(answer: SDPFixtures.parsed(answer))
            return nil
        } catch let error as AnswerError {
            return error
        }
    }

    /// baresip built with G.711 only: PCMU, DTMF, rtcp-mux kept, and its usual extra lines.
    static let baresipPCMU = """
        v=0
        o=- 3849203117 3849203118 IN IP4 192.168.1.23
        s=-
        c=IN IP4 192.168.1.23
        t=0 0
        a=tool:baresip 3.10.1
        m=audio 10002 RTP/AVP 0 101
        b=AS:64
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=rtcp-mux
        a=sendrecv
        a=label:1
        a=ssrc:1718209046 cname:5b1f2e4a-2c4d-4e1b-9a53-3f0d1c2b7a11
        a=ptime:20
        """

    @Test("baresip, G.711 only: PCMU under 0, DTMF under 101, rtcp-mux, 20 ms, no keys")
    func baresipPCMU() throws {
        let negotiated = try Self.accept(Self.baresipPCMU)
        #expect(negotiated == NegotiatedAudio(
            codec: .init(encodingName: "PCMU", clockRate: 8000, channels: 1, payloadType: 0),
            offeredFormatParameters: nil, telephoneEventPayloadType: 101, telephoneEventClockRate: 8000, ptime: 20,
            localDirection: .sendrecv, remoteDirection: .sendrecv,
            remoteAddress: "192.168.1.23", remotePort: 10002,
            remoteRTCPAddress: "192.168.1.23", remoteRTCPPort: 10002, rtcpMux: true,
            proto: .rtpAVP, crypto: nil))
    }

    /// Linphone-style answer that renumbers: Opus under 111, DTMF under 100, RTCP on its own port, no rtcp-mux.
    static let linphoneRenumbered = """
        v=0
        o=kiosk 2211 3544 IN IP4 10.0.0.5
        s=Talk
        c=IN IP4 10.0.0.5
        t=0 0
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        m=audio 7078 RTP/AVP 111 100
        a=rtpmap:111 opus/48000/2
        a=fmtp:111 useinbandfec=1; stereo=1
        a=rtpmap:100 telephone-event/8000
        a=rtcp:7079
        a=rtcp-fb:* trr-int 1000
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on
        """

    @Test("Linphone renumbering Opus to 111: sent under 111, received under the offered 96; mono from a mono room")
    func linphoneRenumbered() throws {
        let negotiated = try Self.accept(Self.linphoneRenumbered)
        #expect(negotiated.codec == .init(encodingName: "opus", clockRate: 48000, channels: 1, payloadType: 111))
        #expect(negotiated.receivedPayloadType == 96)
        #expect(negotiated.telephoneEventPayloadType == 100)
        #expect(negotiated.receivedTelephoneEventPayloadType == 101)
        #expect(negotiated.offeredFormatParameters == "useinbandfec=1; stereo=1")
        #expect(!negotiated.rtcpMux)
        #expect(negotiated.remoteRTCPPort == 7079)
        #expect(negotiated.ptime == 20, "the offer's packet time when the answer names none")
        #expect(negotiated.audioLevelExtension == 1, "the site sends audio levels, as asked")
    }

    @Test("An answer that keeps the offered numbers leaves the received payload types unset")
    func sameNumbers() throws {
        let negotiated = try Self.accept(Self.baresipPCMU)
        #expect(negotiated.receivedPayloadType == nil)
        #expect(negotiated.receivedTelephoneEventPayloadType == nil)
    }

    /// A Poly-like room system answering SDES: G.722, the second offered suite (it has no AES-GCM), session-level
    /// direction, RTCP on port + 1.
    static let polySRTP = """
        v=0
        o=- 1732580000 1732580001 IN IP4 10.20.0.40
        s=Polycom IP Phone
        c=IN IP4 10.20.0.40
        t=0 0
        a=sendrecv
        m=audio 2222 RTP/SAVP 9 101
        a=rtpmap:9 G722/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20
        a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:\(SDPFixtures.srtpKey80)
        """

    @Test("Poly-like SRTP answer choosing tag 2: G.722, the answer's key to receive, the offered tag 2 key to send")
    func polySRTP() throws {
        let negotiated = try Self.accept(Self.polySRTP, to: Self.srtpOffer)
        let crypto = try #require(negotiated.crypto)
        #expect(crypto.remote == (try CryptoAttribute(parsing: "2 AES_CM_128_HMAC_SHA1_80 inline:\(SDPFixtures.srtpKey80)")))
        #expect(crypto.local == Self.srtpOffer.crypto[1])
        #expect(crypto.local.encoded == "2 AES_CM_128_HMAC_SHA1_80 inline:\(AudioOfferTests.seededCM80Key)")
        #expect(negotiated.codec == .init(encodingName: "G722", clockRate: 8000, channels: 1, payloadType: 9))
        #expect(negotiated.proto == .rtpSAVP)
        #expect(!negotiated.rtcpMux)
        #expect(negotiated.remoteRTCPPort == 2223)
        #expect(negotiated.audioLevelExtension == nil)
    }

    @Test("The answer's order decides among offered codecs, and formats never offered are passed over (RFC 3264 §7)")
    func answersOrder() throws {
        let answer = SDPFixtures.minimalSession + """
            m=audio 5004 RTP/AVP 13 8 0 101
            a=rtpmap:13 CN/8000
            a=rtpmap:101 telephone-event/8000
            """
        let negotiated = try Self.accept(answer)
        #expect(negotiated.codec.encodingName == "PCMA")
        #expect(negotiated.codec.payloadType == 8)
    }

    @Test("Hold: the site answers recvonly to sendonly; this side sends, the site does not")
    func holdAnswer() throws {
        let hold = Self.plainOffer.reoffer(direction: .sendonly)
        let answer = Self.baresipPCMU.replacingFirst("a=sendrecv", with: "a=recvonly")
        let negotiated = try Self.accept(answer, to: hold)
        #expect(negotiated.remoteDirection == .recvonly)
        #expect(negotiated.localDirection == .sendonly)
    }

    @Test("An answer that contradicts the offered direction is bounded by it: this side never sends or receives what it declined")
    func directionBoundedByOffer() throws {
        let hold = Self.plainOffer.reoffer(direction: .sendonly)
        #expect(try Self.accept(Self.baresipPCMU, to: hold).localDirection == .sendonly)
        let inactive = Self.plainOffer.reoffer(direction: .inactive)
        #expect(try Self.accept(Self.baresipPCMU, to: inactive).localDirection == .inactive)
    }

    @Test("An answer with c=0.0.0.0 (RFC 2543 hold) means the site receives nothing")
    func zeroAddress() throws {
        let answer = Self.baresipPCMU.replacingFirst("c=IN IP4 192.168.1.23", with: "c=IN IP4 0.0.0.0")
        let negotiated = try Self.accept(answer)
        #expect(negotiated.remoteDirection == .sendonly)
        #expect(negotiated.localDirection == .recvonly)
        #expect(negotiated.remoteAddress == "0.0.0.0")
    }

    @Test("The connection of the stream wins over the session's")
    func mediaConnection() throws {
        let answer = SDPFixtures.minimalSession + """
            m=audio 5004 RTP/AVP 0
            c=IN IP4 198.51.100.7
            """
        #expect(try Self.accept(answer).remoteAddress == "198.51.100.7")
    }

    // MARK: Unusable answers

    @Test("A refused stream, port 0: named as such")
    func refused() throws {
        let error = try Self.error(SDPFixtures.minimalSession + "m=audio 0 RTP/AVP 0\n")
        #expect(error == .audioRefused)
        #expect(error?.description == "the answer refused the audio stream (port 0)")
    }

    @Test("A codec never offered: G.729 named in the error")
    func codecNotOffered() throws {
        let answer = SDPFixtures.minimalSession + """
            m=audio 5004 RTP/AVP 18 101
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=no
            a=rtpmap:101 telephone-event/8000
            """
        let error = try Self.error(answer)
        #expect(error == .codecNotOffered("G729"))
        #expect(error?.description == "the answer chose G729, which was not offered")
    }

    @Test("An offered name at another rate is named with its rate; an unmapped dynamic type by its number")
    func codecNamesInErrors() throws {
        let opus16 = SDPFixtures.minimalSession + "m=audio 5004 RTP/AVP 96\na=rtpmap:96 opus/16000/2\n"
        #expect(try Self.error(opus16) == .codecNotOffered("opus/16000/2"))
        let unmapped = SDPFixtures.minimalSession + "m=audio 5004 RTP/AVP 120\n"
        #expect(try Self.error(unmapped) == .codecNotOffered("payload type 120 without an rtpmap"))
        let eventsOnly = SDPFixtures.minimalSession + "m=audio 5004 RTP/AVP 101\na=rtpmap:101 telephone-event/8000\n"
        #expect(try Self.error(eventsOnly) == .noCodec)
    }

    @Test("No audio stream at all, or no address for it")
    func noStreamNoAddress() throws {
        #expect(try Self.error(SDPFixtures.minimalSession + "m=video 5006 RTP/AVP 96\n") == .noAudioStream)
        let noAddress = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\nm=audio 5004 RTP/AVP 0\n"
        #expect(try Self.error(noAddress) == .noConnectionAddress)
    }

    @Test("SRTP offered, plain RTP answered: the transport change is named")
    func transportChanged() throws {
        let error = try Self.error(Self.baresipPCMU, to: Self.srtpOffer)
        #expect(error == .transportChanged(offered: .rtpSAVP, answered: .rtpAVP))
        #expect(error?.description == "the answer changed the audio transport from RTP/SAVP to RTP/AVP")
    }

    @Test("An SRTP answer without a=crypto, with an unknown tag, or with another suite under a tag is refused")
    func cryptoMismatches() throws {
        let noCrypto = Self.polySRTP.replacingFirst(
            "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:\(SDPFixtures.srtpKey80)", with: "a=label:1")
        #expect(try Self.error(noCrypto, to: Self.srtpOffer) == .crypto(.missingAnswer))

        let unknownTag = Self.polySRTP.replacingFirst("a=crypto:2 ", with: "a=crypto:7 ")
        #expect(try Self.error(unknownTag, to: Self.srtpOffer) == .crypto(.unknownTag(7)))

        let otherSuite = Self.polySRTP.replacingFirst("a=crypto:2 AES_CM_128_HMAC_SHA1_80", with: "a=crypto:2 AES_CM_128_HMAC_SHA1_32")
        let error = try Self.error(otherSuite, to: Self.srtpOffer)
        #expect(error == .crypto(.suiteMismatch(tag: 2, offered: .aesCM128HMACSHA1_80, answered: .aesCM128HMACSHA1_32)))
        #expect(error?.description.contains("a=crypto:2") == true)
    }

    @Test("Audio levels the site will not send are not negotiated")
    func levelNotSent() throws {
        let answer = Self.linphoneRenumbered.replacingFirst("a=extmap:1 ", with: "a=extmap:1/recvonly ")
        #expect(try Self.accept(answer).audioLevelExtension == nil)
    }
}
