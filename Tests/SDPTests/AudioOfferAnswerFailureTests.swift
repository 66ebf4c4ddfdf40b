import Testing
@testable import SDP

/// Offers a room cannot take: 488 with a warning a human can act on (RFC 3264 §6, RFC 3261 §20.43).
@Suite("Audio offer/answer: refusals")
struct AudioOfferAnswerFailureTests {
    private func refusal(
        _ fixture: String, room: AudioOfferAnswer = AudioOfferAnswer(srtpPolicy: .optional)
    ) -> OfferAnswerError? {
        do {
            _ = try AudioOfferAnswerTests.answer(fixture, room: room)
            return nil
        } catch let error as OfferAnswerError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    private static let g729AndGSM = SDPFixtures.minimalSession + """
        m=audio 4000 RTP/AVP 18 3 97 101
        a=rtpmap:18 G729/8000
        a=rtpmap:101 telephone-event/8000
        """

    @Test("No common codec names what was offered and what the room takes")
    func noCommonCodec() throws {
        let error = try #require(refusal(Self.g729AndGSM))
        #expect(error == .noCommonCodec(
            offered: ["G729/8000", "GSM/8000", "payload type 97 without rtpmap"],
            accepted: ["opus", "G722", "PCMU", "PCMA"]))
        #expect(error.statusCode == 488)
        #expect(error.warningCode == 305)
        #expect(error.warning == "no common audio codec: offered G729/8000, GSM/8000, payload type 97 without rtpmap;"
            + " this room takes opus, G722, PCMU, PCMA")
    }

    @Test("Opus at another rate or channel count is not Opus; a PCMA-only room refuses PCMU")
    func nearMissesAreRefused() throws {
        let offer = SDPFixtures.minimalSession + """
            m=audio 4000 RTP/AVP 96 0
            a=rtpmap:96 opus/48000/1
            """
        let room = AudioOfferAnswer(codecs: [.opus, .pcma], srtpPolicy: .off)
        #expect(refusal(offer, room: room) == .noCommonCodec(offered: ["opus/48000", "PCMU/8000"], accepted: ["opus", "PCMA"]))
    }

    @Test("A room that requires SRTP refuses plain RTP, even with best-effort a=crypto lines")
    func srtpRequired() throws {
        let room = AudioOfferAnswer(srtpPolicy: .required)
        let bestEffort = SDPFixtures.baresipSRTP.replacingFirst("RTP/SAVP", with: "RTP/AVP")
        for offer in [SDPFixtures.baresip, bestEffort] {
            let error = try #require(refusal(offer, room: room))
            #expect(error == .srtpRequired(offered: .rtpAVP))
            #expect(error.warning == "this room requires SRTP (RTP/SAVP with a=crypto); the offer is RTP/AVP")
            #expect(error.warningCode == 302)
        }
        #expect(refusal(SDPFixtures.baresipSRTP, room: room) == nil)
    }

    @Test("With SRTP optional, a best-effort a=crypto in RTP/AVP is answered as plain RTP")
    func bestEffortAnsweredPlainly() throws {
        let bestEffort = SDPFixtures.baresipSRTP.replacingFirst("RTP/SAVP", with: "RTP/AVP")
        let answer = try AudioOfferAnswerTests.answer(bestEffort)
        #expect(answer.negotiated.crypto == nil)
        #expect(answer.negotiated.proto == .rtpAVP)
        #expect(!answer.description.encoded.contains("a=crypto"))
    }

    @Test("A room without SRTP refuses RTP/SAVP and takes RTP/AVP")
    func srtpOff() throws {
        let room = AudioOfferAnswer(srtpPolicy: .off)
        let error = try #require(refusal(SDPFixtures.baresipSRTP, room: room))
        #expect(error == .srtpNotTaken(offered: .rtpSAVP))
        #expect(error.warning == "this room does not take SRTP; offer RTP/AVP")
        #expect(refusal(SDPFixtures.baresip, room: room) == nil)
    }

    @Test("An SRTP offer whose a=crypto the room cannot honour is refused with the reasons, keys never shown")
    func noAcceptableCrypto() throws {
        let unsupported = SDPFixtures.baresipSRTP
            .replacingFirst("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:\(SDPFixtures.srtpKey32)\n", with: "")
            .replacingFirst("AES_CM_128_HMAC_SHA1_80", with: "AES_256_CM_HMAC_SHA1_80")
        let error = try #require(refusal(unsupported))
        #expect(error == .noAcceptableCrypto(skipped: [.invalid(.unsupportedSuite(tag: 1, suite: "AES_256_CM_HMAC_SHA1_80"))]))
        #expect(error.warning.hasPrefix("no acceptable a=crypto in the offer: a=crypto:1 offers crypto-suite 'AES_256_CM_HMAC_SHA1_80'"))
        #expect(!error.warning.contains(SDPFixtures.srtpKey80))
        #expect(error.warningCode == 306)

        let keyless = SDPFixtures.baresipSRTP.split(separator: "\n").filter { !$0.hasPrefix("a=crypto") }
            .joined(separator: "\n")
        #expect(refusal(keyless)?.warning == "the SRTP offer has no a=crypto line")
    }

    @Test("A room's suite restriction is applied: the second offered attribute is taken when the first is not allowed")
    func suiteRestriction() throws {
        let room = AudioOfferAnswer(srtpPolicy: .required, cryptoSuites: [.aesCM128HMACSHA1_32])
        let crypto = try #require(try AudioOfferAnswerTests.answer(SDPFixtures.baresipSRTP, room: room).negotiated.crypto)
        #expect(crypto.local.tag == 2)
        #expect(crypto.local.suite == .aesCM128HMACSHA1_32)
    }

    @Test("DTLS-SRTP and other transports are refused by every policy", arguments: SRTPPolicy.allCases)
    func unsupportedTransport(policy: SRTPPolicy) throws {
        let webrtc = SDPFixtures.baresip.replacingFirst("RTP/AVP", with: "UDP/TLS/RTP/SAVPF")
        let error = try #require(refusal(webrtc, room: AudioOfferAnswer(srtpPolicy: policy)))
        #expect(error == .unsupportedTransport(.udpTLSRTPSAVPF))
        #expect(error.warning.contains("UDP/TLS/RTP/SAVPF"))
    }

    @Test("No audio stream: video only, or audio disabled with port 0")
    func noAudio() throws {
        let videoOnly = SDPFixtures.minimalSession + """
            m=video 5000 RTP/AVP 96
            a=rtpmap:96 VP8/90000
            m=audio 0 RTP/AVP 0
            """
        let error = try #require(refusal(videoOnly))
        #expect(error == .noAudioStream)
        #expect(error.warningCode == 304)
        #expect(error.description == "488 (warning 304): no audio stream in the offer (an m=audio line with a port other than 0)")
    }

    @Test("An offer without any c= line is refused rather than answered toward nowhere")
    func noConnection() throws {
        let offer = SDPFixtures.sipp.replacingFirst("c=IN IP4 127.0.0.1\n", with: "")
        #expect(refusal(offer) == .noConnectionAddress)
    }
}
