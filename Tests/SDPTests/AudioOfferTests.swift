import Testing
@testable import SDP

/// The offers the server sends when it dials a site (RFC 3264 §5), and its re-offers for hold and resume (§8).
@Suite("Audio offer")
struct AudioOfferTests {
    static let session = SessionIdentity(username: "huiyi", sessionID: "5120", version: 1)
    /// The session-level lines of every offer below.
    static let offerHead = "v=0\no=huiyi 5120 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\n"
    /// The audio attributes every offer from a default room carries, before its direction.
    static let defaultCodecLines = """
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20
        """

    /// The keys a `SeededGenerator(seed: 1)` draws for the three offered suites, in order.
    static let seededGCMKey = "Hn1GIa9vV2yHLg6Vt4ZogsemQA+c4fqlrfmJAQ=="
    static let seededCM80Key = "VRyS5bJ2ostIfzzj4oEhgAXh0IEwtc6Noiw98e1R"
    static let seededCM32Key = "MFB/P1RK+NaM7wNodPfMMsC3cibzg+q+KudItOBp"

    static func offer(
        _ room: AudioOfferAnswer, direction: MediaDirection = .sendrecv, seed: UInt64 = 1
    ) -> AudioOffer {
        var generator = SeededGenerator(seed: seed)
        return room.offer(session: session, localAddress: "192.0.2.10", localPort: 40000, direction: direction,
                          using: &generator)
    }

    @Test("SRTP off: RTP/AVP with the room's codecs in order, DTMF, ptime, rtcp-mux, the audio level, no keys")
    func plainOffer() {
        let offer = Self.offer(AudioOfferAnswer(srtpPolicy: .off))
        #expect(offer.description.encoded == SDPFixtures.crlf(Self.offerHead + """
            m=audio 40000 RTP/AVP 96 9 0 8 101
            \(Self.defaultCodecLines)
            a=sendrecv
            a=rtcp-mux
            a=extmap:1/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level
            """))
        #expect(offer.crypto.isEmpty)
        #expect(offer.codecs.map(\.payloadType) == [96, 9, 0, 8])
    }

    @Test("SRTP optional offers exactly what off offers: plain RTP/AVP, which every site answers")
    func optionalIsPlain() {
        let optional = Self.offer(AudioOfferAnswer(srtpPolicy: .optional))
        let off = Self.offer(AudioOfferAnswer(srtpPolicy: .off))
        #expect(optional.description == off.description)
        #expect(!optional.description.encoded.contains("crypto"))
        #expect(optional.proto == .rtpAVP)
    }

    @Test("SRTP required: RTP/SAVP with one a=crypto per suite, tags from 1, keys from the injected generator")
    func srtpOffer() {
        let offer = Self.offer(AudioOfferAnswer(srtpPolicy: .required))
        #expect(offer.description.encoded == SDPFixtures.crlf(Self.offerHead + """
            m=audio 40000 RTP/SAVP 96 9 0 8 101
            \(Self.defaultCodecLines)
            a=sendrecv
            a=rtcp-mux
            a=extmap:1/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=crypto:1 AEAD_AES_128_GCM inline:\(Self.seededGCMKey)
            a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:\(Self.seededCM80Key)
            a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:\(Self.seededCM32Key)
            """))
        #expect(offer.crypto.map(\.encoded) == offer.description.media[0].cryptoValues)
    }

    @Test("Only the suites the room takes are offered, renumbered from tag 1")
    func roomSuites() {
        let room = AudioOfferAnswer(srtpPolicy: .required, cryptoSuites: [.aesCM128HMACSHA1_80])
        let offer = Self.offer(room)
        #expect(offer.crypto.map(\.tag) == [1])
        #expect(offer.crypto.map(\.suite) == [.aesCM128HMACSHA1_80])
        #expect(offer.description.media[0].cryptoValues.count == 1)
    }

    @Test("A G.711 room offers only static types; a stereo room offers Opus stereo both ways")
    func otherRooms() {
        let g711 = Self.offer(AudioOfferAnswer(codecs: [.pcma, .pcmu], srtpPolicy: .off))
        #expect(g711.description.media[0].encoded == "audio 40000 RTP/AVP 8 0 101")

        let stereo = Self.offer(AudioOfferAnswer(srtpPolicy: .off, opusStereo: true))
        #expect(stereo.description.media[0].formatParameters(for: "96")?.parameterString
            == "useinbandfec=1;stereo=1;sprop-stereo=1")
    }

    @Test("Dynamic payload types count from 96 and step over telephone-event's 101")
    func dynamicNumbering() {
        let codecs = (0..<7).map { AudioCodecPreference(encodingName: "X-\($0)", clockRate: 16000) }
        let offer = Self.offer(AudioOfferAnswer(codecs: codecs + [.pcmu], srtpPolicy: .off))
        #expect(offer.description.media[0].formats == ["96", "97", "98", "99", "100", "102", "103", "0", "101"])
    }

    @Test("Hold, then resume: same codecs and keys, the direction changed, the o= version up by one each time")
    func holdAndResume() {
        let call = Self.offer(AudioOfferAnswer(srtpPolicy: .required))
        let hold = call.reoffer(direction: .sendonly)
        let resume = hold.reoffer(direction: .sendrecv)

        #expect(hold.description.origin.sessionVersion == 2)
        #expect(resume.description.origin.sessionVersion == 3)
        #expect(Set([call, hold, resume].map(\.description.origin.sessionID)) == ["5120"])
        #expect(hold.description.media[0].direction == .sendonly)
        #expect(resume.description.media[0].direction == .sendrecv)
        #expect(hold.crypto == call.crypto && resume.crypto == call.crypto)
        #expect(hold.codecs == call.codecs)

        // Nothing else in the body moves: resume's body is the first offer's with the next versions.
        var resumed = resume.description
        resumed.origin.sessionVersion = 1
        #expect(resumed == call.description)
    }

    @Test("A re-offer that changes nothing (a session refresh) keeps the version (RFC 3264 §8)")
    func unchangedReoffer() {
        let call = Self.offer(AudioOfferAnswer(srtpPolicy: .off))
        let refresh = call.reoffer(direction: .sendrecv)
        #expect(refresh.description == call.description)
        #expect(refresh.reoffer(direction: .inactive).description.origin.sessionVersion == 2)
    }
}
