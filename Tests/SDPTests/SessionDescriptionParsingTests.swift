import Testing
@testable import SDP

/// RFC 8866 session descriptions from real endpoints: every field read, and written back byte for byte.
@Suite("Session description parsing")
struct SessionDescriptionParsingTests {
    @Test("baresip's offer: session fields, media line and typed attributes")
    func baresipOffer() throws {
        let sdp = try SDPFixtures.parsed(SDPFixtures.baresip)

        #expect(sdp.origin == Origin(username: "-", sessionID: "1863487364", sessionVersion: 3_442_867_193,
                                     addressType: .ip4, address: "192.168.1.23"))
        #expect(sdp.sessionName == "-")
        #expect(sdp.connection == ConnectionData(addressType: .ip4, address: "192.168.1.23"))
        #expect(sdp.timings == [Timing(start: 0, stop: 0)])
        #expect(sdp.attributes == [Attribute("tool", "baresip 1.0.0")])
        #expect(sdp.media.count == 1)

        let audio = sdp.media[0]
        #expect(audio.media == .audio)
        #expect(audio.port == 10002)
        #expect(audio.portCount == nil)
        #expect(audio.proto == .rtpAVP)
        #expect(audio.formats == ["96", "9", "0", "8", "101"])
        #expect(audio.bandwidths == [Bandwidth(type: "AS", value: 128)])
        #expect(audio.rtpMaps.map(\.encoded) == [
            "96 opus/48000/2", "9 G722/8000", "0 PCMU/8000", "8 PCMA/8000", "101 telephone-event/8000",
        ])
        #expect(audio.rtpMap(for: 96) == RTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, channels: 2))
        let opus = try #require(audio.formatParameters(for: "96"))
        #expect(opus["stereo"] == "1")
        #expect(opus["SPROP-STEREO"] == "1", "parameter names are case-insensitive")
        #expect(opus["useinbandfec"] == nil)
        #expect(audio.formatParameters(for: "101")?.parameters.map(\.key) == ["0-15"])
        #expect(audio.ptime == 20)
        #expect(audio.maxptime == nil)
        #expect(audio.direction == .sendrecv)
        #expect(audio.rtcpMux)
        #expect(audio.rtcp == nil)
        #expect(audio.value(of: "rtcpxr") == "rcvr-rtt=all voip-metrics")
        #expect(sdp.connection(for: audio)?.address == "192.168.1.23")
    }

    @Test("baresip's SRTP offer: RTP/SAVP, two crypto attributes that parse, an RFC 3605 rtcp port")
    func baresipSRTPOffer() throws {
        let audio = try SDPFixtures.parsed(SDPFixtures.baresipSRTP).media[0]

        #expect(audio.proto == .rtpSAVP)
        #expect(audio.proto.isSDESSecureRTP)
        #expect(audio.rtcp == RTCPAttribute(port: 10005))
        #expect(!audio.rtcpMux)
        #expect(audio.cryptoValues.count == 2)
        let first = try CryptoAttribute(parsing: audio.cryptoValues[0])
        #expect(first.suite == .aesCM128HMACSHA1_80)
        #expect(first.key.masterKey == Array(0x41...0x50))
        #expect(try CryptoAttribute(parsing: audio.cryptoValues[1]).suite == .aesCM128HMACSHA1_32)
    }

    @Test("Linphone's offer: session attributes, several media, rtcp-fb lines kept in order")
    func linphoneOffer() throws {
        let sdp = try SDPFixtures.parsed(SDPFixtures.linphone)

        #expect(sdp.origin.username == "alice")
        #expect(sdp.sessionName == "Talk")
        #expect(sdp.value(of: "record") == "off")
        #expect(sdp.media.map(\.media) == [.audio, .video])
        let audio = sdp.media[0]
        #expect(audio.formats == ["96", "97", "98", "0", "8", "18", "101", "99", "100"])
        #expect(audio.rtpMap(for: 18) == nil, "G.729 is static and only has an fmtp here")
        #expect(audio.formatParameters(for: "18")?["annexb"] == "yes")
        #expect(audio.rtpMaps.filter { $0.encodingName == "telephone-event" }.map(\.clockRate) == [48000, 16000, 8000])
        #expect(audio.rtcp?.port == 7079)
        #expect(audio.values(of: "rtcp-fb") == ["* trr-int 1000", "* ccm tmmbr"])
        let video = sdp.media[1]
        #expect(video.port == 9078)
        #expect(video.bandwidths == [Bandwidth(type: "TIAS", value: 1_024_000)])
        #expect(video.formatParameters(for: "103")?["profile-level-id"] == "42801F")
        #expect(video.values(of: "rtcp-fb").count == 5)
    }

    @Test("IPv6 connection data and an origin in IP6")
    func ipv6Offer() throws {
        let sdp = try SDPFixtures.parsed(SDPFixtures.ipv6)
        #expect(sdp.origin.addressType == .ip6)
        #expect(sdp.origin.address == "2001:db8::2")
        #expect(sdp.connection == ConnectionData(addressType: .ip6, address: "2001:db8::2"))
        #expect(sdp.media[0].ptime == 30)
    }

    @Test("Every fixture is written back exactly as received", arguments: [
        SDPFixtures.baresip, SDPFixtures.baresipSRTP, SDPFixtures.linphone, SDPFixtures.sipp, SDPFixtures.ipv6,
    ])
    func roundTrip(fixture: String) throws {
        let wire = SDPFixtures.crlf(fixture)
        let sdp = try SessionDescription(parsing: wire)
        #expect(sdp.encoded == wire)
        #expect(try SessionDescription(parsing: sdp.bytes) == sdp)
    }

    @Test("LF-only line endings, trailing whitespace and blank lines are tolerated")
    func tolerantOfSloppyLineEndings() throws {
        let sloppy = "v=0\no=- 1 1 IN IP4 10.0.0.1  \ns=-\t\n\nc=IN IP4 10.0.0.1\r\nt=0 0 \nm=audio 4000 RTP/AVP 0 \n\n"
        let sdp = try SessionDescription(parsing: sloppy)
        #expect(sdp.media.first?.formats == ["0"])
        #expect(sdp.media.first?.port == 4000)
        #expect(sdp.encoded == SDPFixtures.crlf("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0"))
    }

    @Test("Lines out of order, a missing t= and a stray session line in a media section are tolerated")
    func tolerantOfStrayLines() throws {
        let sdp = try SessionDescription(parsing: SDPFixtures.crlf("""
            v=0
            c=IN IP4 10.0.0.1
            o=- 1 1 IN IP4 10.0.0.1
            a=tool:old-phone
            s=-
            m=audio 4000 RTP/AVP 8
            e=ops@example.com
            """))
        #expect(sdp.timings == [Timing()])
        #expect(sdp.connection?.address == "10.0.0.1")
        #expect(sdp.media[0].unknownLines == [UnknownLine(type: "e", value: "ops@example.com")])
        #expect(sdp.encoded == SDPFixtures.crlf("""
            v=0
            o=- 1 1 IN IP4 10.0.0.1
            s=-
            c=IN IP4 10.0.0.1
            t=0 0
            a=tool:old-phone
            m=audio 4000 RTP/AVP 8
            e=ops@example.com
            """))
    }

    @Test("Media-level c= wins over the session's; a=rtcp may name its own address")
    func mediaConnectionOverridesSession() throws {
        let sdp = try SessionDescription(parsing: SDPFixtures.crlf(SDPFixtures.minimalSession + """
            m=audio 4000 RTP/AVP 0
            c=IN IP4 10.0.0.2
            a=rtcp:53020 IN IP4 126.16.64.4
            m=video 4002 RTP/AVP 31
            """))
        #expect(sdp.connection(for: sdp.media[0])?.address == "10.0.0.2")
        #expect(sdp.connection(for: sdp.media[1])?.address == "10.0.0.1")
        #expect(sdp.media[0].rtcp == RTCPAttribute(port: 53020, connection: ConnectionData(address: "126.16.64.4")))
    }

    @Test("Multicast connection data, a port count, r= and unknown lines survive a round trip")
    func rarerLinesRoundTrip() throws {
        // RFC 8866 §5's example, with a multicast TTL, repeat times, and a line type SDP does not define.
        let wire = SDPFixtures.crlf("""
            v=0
            o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
            s=Call to John Smith
            i=SDP Offer #1
            u=http://www.jdoe.example.com/home.html
            e=Jane Doe <jane@jdoe.example.com>
            p=+1 617 555-6011
            c=IN IP4 233.252.0.1/127/3
            b=CT:256
            t=2873397496 2873404696
            r=604800 3600 0 90000
            z=2882844526 -1h
            a=recvonly
            y=kept as written
            m=audio 49170/2 RTP/AVP 0
            i=main audio
            m=video 51372 RTP/AVP 99
            c=IN IP6 ff1e:db8::1/3
            a=rtpmap:99 h263-1998/90000
            """)
        let sdp = try SessionDescription(parsing: wire)
        #expect(sdp.connection == ConnectionData(addressType: .ip4, address: "233.252.0.1", ttl: 127, addressCount: 3))
        #expect(sdp.timings[0].repeats == ["604800 3600 0 90000"])
        #expect(sdp.unknownLines == [UnknownLine(type: "y", value: "kept as written")])
        #expect(sdp.media[0].portCount == 2)
        #expect(sdp.media[0].title == "main audio")
        #expect(sdp.media[1].connection == ConnectionData(addressType: .ip6, address: "ff1e:db8::1", addressCount: 3))
        #expect(sdp.direction == .recvonly)
        #expect(sdp.direction(of: sdp.media[0]) == .recvonly, "a section without a direction inherits the session's")
        #expect(sdp.encoded == wire)
    }

    @Test("A section's own direction wins; with none anywhere it is sendrecv")
    func directionDefaults() throws {
        let sdp = try SessionDescription(parsing: SDPFixtures.crlf(SDPFixtures.minimalSession + """
            m=audio 4000 RTP/AVP 0
            a=inactive
            m=audio 4002 RTP/AVP 0
            """))
        #expect(sdp.direction(of: sdp.media[0]) == .inactive)
        #expect(sdp.direction(of: sdp.media[1]) == .sendrecv)
    }
}
