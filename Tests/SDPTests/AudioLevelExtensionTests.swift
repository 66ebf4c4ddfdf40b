import Testing
@testable import SDP

/// RFC 6464 client-to-mixer audio levels offered through RFC 8285 `a=extmap`: kept under the offerer's identifier and
/// answered as received only; anything else in extmap is not answered.
@Suite("Audio level extension")
struct AudioLevelExtensionTests {
    static func offer(_ extmaps: [String]) throws -> AudioAnswer {
        let text = """
            v=0
            o=- 1 1 IN IP4 192.0.2.5
            s=-
            c=IN IP4 192.0.2.5
            t=0 0
            m=audio 5004 RTP/AVP 111
            a=rtpmap:111 opus/48000/2
            """ + extmaps.map { "\na=extmap:" + $0 }.joined()
        var generator = SeededGenerator(seed: 3)
        return try AudioOfferAnswer(srtpPolicy: .optional).answer(
            to: SDPFixtures.parsed(text), session: AudioOfferAnswerTests.session, localAddress: "192.0.2.10",
            localPort: 40000, using: &generator)
    }

    @Test("The audio level offered under identifier 3 is answered recvonly under 3")
    func offeredLevelIsAnswered() throws {
        let answer = try Self.offer([
            "1 urn:ietf:params:rtp-hdrext:sdes:mid", "3 urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on",
        ])
        #expect(answer.negotiated.audioLevelExtension == 3)
        let lines = answer.description.encoded.split(separator: "\r\n")
        #expect(lines.contains("a=extmap:3/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level"))
        #expect(!lines.contains { $0.contains("sdes:mid") }, "extensions the room does not read are not answered")
    }

    @Test("A level the offerer only wants to receive, or none at all, is not negotiated")
    func notSentByTheOfferer() throws {
        #expect(try Self.offer(["2/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level"])
            .negotiated.audioLevelExtension == nil)
        #expect(try Self.offer([]).negotiated.audioLevelExtension == nil)
        #expect(!(try Self.offer([]).description.encoded.contains("extmap")))
    }

    @Test("extmap values parse with direction and attributes and are written back the same")
    func parsing() {
        let map = ExtensionMap(parsing: "4/sendonly urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on")
        #expect(map == ExtensionMap(identifier: 4, direction: .sendonly, uri: ExtensionMap.audioLevelURI,
                                    extensionAttributes: "vad=on"))
        #expect(map?.attribute.value == "4/sendonly urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on")
        #expect(ExtensionMap(parsing: "15 urn:x") == nil, "15 is reserved (RFC 8285 §4.2)")
        #expect(ExtensionMap(parsing: "0 urn:x") == nil)
        #expect(ExtensionMap(parsing: "2/sideways urn:x") == nil)
        #expect(ExtensionMap(parsing: "2") == nil)
    }
}
