import Testing
@testable import SDP

/// The server dialling the server: an offer from the offerer, answered by the room's answerer, read back by the
/// offerer. Both sides must agree on codec, payload types, directions and keys (RFC 3264 §6, §7; RFC 4568 §7.1).
@Suite("Audio offer/answer round trip")
struct AudioOfferRoundTripTests {
    struct Call {
        var offer: AudioOffer
        var answer: AudioAnswer
        var offerer: NegotiatedAudio
        var answerer: NegotiatedAudio { answer.negotiated }
    }

    static func call(
        offering: AudioOfferAnswer, answering: AudioOfferAnswer, seed: UInt64 = 1
    ) throws -> Call {
        let offer = AudioOfferTests.offer(offering, seed: seed)
        var generator = SeededGenerator(seed: seed + 100)
        let answer = try answering.answer(
            to: SessionDescription(parsing: offer.description.encoded),
            session: SessionIdentity(username: "site", sessionID: "77", version: 1),
            localAddress: "198.51.100.20", localPort: 50000, using: &generator)
        let offerer = try offer.accept(answer: SessionDescription(parsing: answer.description.encoded))
        return Call(offer: offer, answer: answer, offerer: offerer)
    }

    @Test("Plain RTP: Opus under 96 and DTMF under 101 both ways, rtcp-mux on both sides, each at the other's address",
          arguments: [SRTPPolicy.off, .optional])
    func plain(policy: SRTPPolicy) throws {
        let call = try Self.call(offering: AudioOfferAnswer(srtpPolicy: policy),
                                 answering: AudioOfferAnswer(srtpPolicy: .optional))
        #expect(call.offerer.codec == call.answerer.codec)
        #expect(call.offerer.codec == .init(encodingName: "opus", clockRate: 48000, channels: 1, payloadType: 96))
        #expect(call.offerer.receivedPayloadType == nil && call.answerer.receivedPayloadType == nil)
        #expect(call.offerer.telephoneEventPayloadType == 101 && call.answerer.telephoneEventPayloadType == 101)
        #expect(call.offerer.rtcpMux && call.answerer.rtcpMux)
        #expect(call.offerer.crypto == nil && call.answerer.crypto == nil)
        #expect(call.offerer.remoteAddress == "198.51.100.20" && call.offerer.remotePort == 50000)
        #expect(call.answerer.remoteAddress == "192.0.2.10" && call.answerer.remotePort == 40000)
        #expect(call.offerer.localDirection == .sendrecv && call.answerer.localDirection == .sendrecv)
        #expect(call.offerer.ptime == call.answerer.ptime)
    }

    @Test("SRTP: the answerer takes the first offered suite; each side's local key is the other's remote key")
    func srtp() throws {
        let call = try Self.call(offering: AudioOfferAnswer(srtpPolicy: .required),
                                 answering: AudioOfferAnswer(srtpPolicy: .required))
        let offerer = try #require(call.offerer.crypto)
        let answerer = try #require(call.answerer.crypto)
        #expect(offerer.local == answerer.remote)
        #expect(offerer.remote == answerer.local)
        #expect(offerer.local == call.offer.crypto[0])
        #expect(offerer.local.suite == .aeadAES128GCM)
        #expect(offerer.local.key != offerer.remote.key)
        #expect(call.offerer.proto == .rtpSAVP && call.answerer.proto == .rtpSAVP)
        #expect(call.offerer.codec == call.answerer.codec)
    }

    @Test("SRTP with a room that takes only AES_CM_128_HMAC_SHA1_32: tag 3 is chosen and confirmed")
    func thirdSuite() throws {
        let call = try Self.call(
            offering: AudioOfferAnswer(srtpPolicy: .required),
            answering: AudioOfferAnswer(srtpPolicy: .required, cryptoSuites: [.aesCM128HMACSHA1_32]))
        let offerer = try #require(call.offerer.crypto)
        #expect(offerer.local.tag == 3)
        #expect(offerer.local == call.answerer.crypto?.remote)
        #expect(offerer.remote == call.answerer.crypto?.local)
    }

    @Test("A G.711 site answers PCMA: both sides send PCMA under 8, with DTMF")
    func g711Site() throws {
        let call = try Self.call(offering: AudioOfferAnswer(srtpPolicy: .off),
                                 answering: AudioOfferAnswer(codecs: [.pcma], srtpPolicy: .off))
        #expect(call.offerer.codec == .init(encodingName: "PCMA", clockRate: 8000, channels: 1, payloadType: 8))
        #expect(call.offerer.codec == call.answerer.codec)
        #expect(call.offerer.telephoneEventPayloadType == call.answerer.telephoneEventPayloadType)
    }

    @Test("A site that does not do SRTP refuses a required offer; an optional offer reaches it in the clear")
    func srtpMismatch() throws {
        #expect(throws: OfferAnswerError.srtpNotTaken(offered: .rtpSAVP)) {
            try Self.call(offering: AudioOfferAnswer(srtpPolicy: .required),
                          answering: AudioOfferAnswer(srtpPolicy: .off))
        }
        let call = try Self.call(offering: AudioOfferAnswer(srtpPolicy: .optional),
                                 answering: AudioOfferAnswer(srtpPolicy: .off))
        #expect(call.offerer.crypto == nil)
    }

    @Test("Hold and resume by re-offer: the site answers recvonly then sendrecv; keys and payload types never change")
    func holdAndResume() throws {
        let call = try Self.call(offering: AudioOfferAnswer(srtpPolicy: .required),
                                 answering: AudioOfferAnswer(srtpPolicy: .required))
        let site = AudioOfferAnswer(srtpPolicy: .required)
        var versioning = SessionVersioning(SessionIdentity(username: "site", sessionID: "77", version: 1))
        _ = versioning.stamp(call.answer.description)
        var generator = SeededGenerator(seed: 500)

        var offer = call.offer
        var previous = call.answerer
        for direction in [MediaDirection.sendonly, .sendrecv] {
            offer = offer.reoffer(direction: direction)
            let answer = try site.answer(
                to: SessionDescription(parsing: offer.description.encoded),
                session: versioning.identity, localAddress: "198.51.100.20", localPort: 50000,
                previousCrypto: previous.crypto, using: &generator)
            let body = versioning.stamp(answer.description)
            let offerer = try offer.accept(answer: SessionDescription(parsing: body.encoded))

            #expect(offerer.localDirection == direction)
            #expect(answer.negotiated.localDirection == direction.reversed)
            #expect(offerer.crypto == call.offerer.crypto, "no re-keying on hold or resume")
            #expect(answer.negotiated.crypto == call.answerer.crypto)
            #expect(offerer.codec == call.offerer.codec)
            previous = answer.negotiated
        }
        #expect(offer.description.origin.sessionVersion == 3)
        #expect(versioning.identity.version == 3)
    }
}
