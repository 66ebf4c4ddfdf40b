import Testing
@testable import SDP

/// Directions, hold and re-answers (RFC 3264 §6.1, §8, §8.4).
@Suite("Audio offer/answer: directions and re-answers")
struct AudioOfferAnswerDirectionTests {
    static func offer(direction: String?, connection: String = "10.0.0.1", sessionDirection: String? = nil) -> String {
        var lines = ["v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 \(connection)", "t=0 0"]
        if let sessionDirection { lines.append("a=\(sessionDirection)") }
        lines += ["m=audio 4000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000"]
        if let direction { lines.append("a=\(direction)") }
        return lines.joined(separator: "\n")
    }

    static let directionCases: [(String?, MediaDirection, MediaDirection)] = [
        (nil, .sendrecv, .sendrecv),
        ("sendrecv", .sendrecv, .sendrecv),
        ("sendonly", .sendonly, .recvonly),
        ("recvonly", .recvonly, .sendonly),
        ("inactive", .inactive, .inactive),
    ]

    @Test("Each offered direction gets its mirror", arguments: directionCases)
    func mirroredDirection(offered: String?, remote: MediaDirection, local: MediaDirection) throws {
        let answer = try AudioOfferAnswerTests.answer(Self.offer(direction: offered))
        #expect(answer.negotiated.remoteDirection == remote)
        #expect(answer.negotiated.localDirection == local)
        #expect(answer.description.media[0].direction == local)
    }

    @Test("A session-level a=sendonly holds the stream")
    func sessionLevelHold() throws {
        let answer = try AudioOfferAnswerTests.answer(Self.offer(direction: nil, sessionDirection: "sendonly"))
        #expect(answer.negotiated.localDirection == .recvonly)
    }

    @Test("RFC 2543 hold: c=0.0.0.0 means the peer receives nothing", arguments: [
        (nil as String?, MediaDirection.sendonly, MediaDirection.recvonly),
        ("recvonly", .inactive, .inactive),
    ])
    func zeroAddressHold(offered: String?, remote: MediaDirection, local: MediaDirection) throws {
        let answer = try AudioOfferAnswerTests.answer(Self.offer(direction: offered, connection: "0.0.0.0"))
        #expect(answer.negotiated.remoteDirection == remote)
        #expect(answer.negotiated.localDirection == local)
        #expect(answer.negotiated.remoteAddress == "0.0.0.0")
        #expect(answer.description.encoded.contains("a=\(local.rawValue)\r\n"))
    }

    @Test("Only the first live audio stream is taken: a disabled one before it and a second after it get port 0")
    func secondAudioRefused() throws {
        let offer = SDPFixtures.minimalSession + """
            m=audio 0 RTP/AVP 8
            m=audio 4000 RTP/AVP 0
            m=audio 4002 RTP/AVP 8
            m=application 5000 UDP/BFCP *
            """
        let answer = try AudioOfferAnswerTests.answer(offer)
        #expect(answer.description.media.map(\.encoded) == [
            "audio 0 RTP/AVP 8", "audio 40000 RTP/AVP 0", "audio 0 RTP/AVP 8", "application 0 UDP/BFCP *",
        ])
        #expect(answer.negotiated.remotePort == 4000)
    }

    @Test("Re-answering an unchanged offer keeps the version; a hold raises it by one, a resume by one more")
    func sessionVersioning() throws {
        var versioning = SessionVersioning(AudioOfferAnswerTests.session)
        func stamped(_ offer: String) throws -> UInt64 {
            versioning.stamp(try AudioOfferAnswerTests.answer(offer).description).origin.sessionVersion
        }
        #expect(try stamped(Self.offer(direction: nil)) == 1)
        #expect(try stamped(Self.offer(direction: "sendrecv")) == 1, "the same answer again")
        #expect(try stamped(Self.offer(direction: "sendonly")) == 2)
        #expect(try stamped(Self.offer(direction: "sendonly")) == 2)
        #expect(try stamped(Self.offer(direction: nil)) == 3)
        #expect(versioning.identity.version == 3)
    }

    @Test("A re-answer to an SRTP re-INVITE keeps the room's key, so only the direction changes")
    func reAnswerKeepsSRTPKey() throws {
        let room = AudioOfferAnswer(srtpPolicy: .required)
        let initial = try AudioOfferAnswerTests.answer(SDPFixtures.baresipSRTP, room: room, seed: 1)
        var generator = SeededGenerator(seed: 2)
        let held = SDPFixtures.baresipSRTP.replacingFirst("a=sendrecv", with: "a=sendonly")
        let reAnswer = try room.answer(
            to: SDPFixtures.parsed(held), session: AudioOfferAnswerTests.session, localAddress: "192.0.2.10",
            localPort: 40000, previousCrypto: initial.negotiated.crypto, using: &generator)

        #expect(reAnswer.negotiated.crypto == initial.negotiated.crypto)
        #expect(reAnswer.negotiated.localDirection == .recvonly)

        var fresh = SeededGenerator(seed: 2)
        let rekeyed = try room.answer(
            to: SDPFixtures.parsed(held), session: AudioOfferAnswerTests.session, localAddress: "192.0.2.10",
            localPort: 40000, using: &fresh)
        #expect(rekeyed.negotiated.crypto?.local != initial.negotiated.crypto?.local)
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        replacing(target, with: replacement, maxReplacements: 1)
    }
}
