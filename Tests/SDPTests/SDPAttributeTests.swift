import Testing
@testable import SDP

/// The typed attributes: what they accept, what they refuse, and how they are written.
@Suite("SDP attributes")
struct SDPAttributeTests {
    @Test("rtpmap: channels optional, payload type 0–127, clock rate positive", arguments: [
        ("0 PCMU/8000", RTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000)),
        ("96 opus/48000/2", RTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, channels: 2)),
        ("101  telephone-event/8000", RTPMap(payloadType: 101, encodingName: "telephone-event", clockRate: 8000)),
        ("128 PCMU/8000", nil), ("96 opus", nil), ("96 opus/0", nil), ("96 /8000", nil), ("x PCMU/8000", nil),
        ("96 opus/48000/2/1", nil), ("96 opus/48000/0", nil), ("", nil),
    ] as [(String, RTPMap?)])
    func rtpMap(text: String, expected: RTPMap?) {
        #expect(RTPMap(parsing: text) == expected)
    }

    @Test("fmtp: format, parameters as written, key=value pairs read with spaces trimmed")
    func formatParameters() throws {
        let fmtp = try #require(FormatParameters(parsing: "96 minptime=10; useinbandfec=1 ;stereo"))
        #expect(fmtp.format == "96")
        #expect(fmtp.payloadType == 96)
        #expect(fmtp.parameterString == "minptime=10; useinbandfec=1 ;stereo")
        #expect(fmtp.parameters.map(\.key) == ["minptime", "useinbandfec", "stereo"])
        #expect(fmtp.parameters.map(\.value) == ["10", "1", nil])
        #expect(fmtp["UseInbandFEC"] == "1")
        #expect(fmtp["stereo"] == nil, "a bare key has no value")
        #expect(fmtp.encoded == "96 minptime=10; useinbandfec=1 ;stereo")
        #expect(FormatParameters(parsing: "") == nil)
        #expect(FormatParameters(parsing: "wb 1")?.payloadType == nil)
    }

    @Test("rtcp: a port, optionally with an address (RFC 3605 §2.1)")
    func rtcp() {
        #expect(RTCPAttribute(parsing: "53020") == RTCPAttribute(port: 53020))
        #expect(RTCPAttribute(parsing: "53020 IN IP6 2001:db8::1")?.connection?.address == "2001:db8::1")
        #expect(RTCPAttribute(parsing: "53020 IN IP6 2001:db8::1")?.encoded == "53020 IN IP6 2001:db8::1")
        #expect(RTCPAttribute(parsing: "70000") == nil)
        #expect(RTCPAttribute(parsing: "53020 IN") == nil)
    }

    @Test("ptime and maxptime: whole milliseconds, a fractional value rounded down, nonsense ignored")
    func packetTimes() throws {
        func media(_ attributes: [Attribute]) -> MediaDescription {
            MediaDescription(media: .audio, port: 1, proto: .rtpAVP, formats: ["0"], attributes: attributes)
        }
        #expect(media([Attribute("ptime", "30"), Attribute("maxptime", "120")]).ptime == 30)
        #expect(media([Attribute("maxptime", "120")]).maxptime == 120)
        #expect(media([Attribute("ptime", "20.5")]).ptime == 20)
        #expect(media([Attribute("ptime", "soon")]).ptime == nil)
        #expect(media([Attribute("ptime", "0")]).ptime == nil)
        #expect(media([]).ptime == nil)
    }

    @Test("Directions mirror each other, and the last direction attribute written wins")
    func directions() {
        for direction in MediaDirection.allCases {
            #expect(direction.reversed.reversed == direction)
            #expect(direction.reversed.sends == direction.receives)
        }
        let media = MediaDescription(media: .audio, port: 1, proto: .rtpAVP, formats: ["0"],
                                     attributes: [Attribute("sendonly"), Attribute("label", "1"), Attribute("inactive")])
        #expect(media.direction == .inactive)
        let valued = MediaDescription(media: .audio, port: 1, proto: .rtpAVP, formats: ["0"],
                                      attributes: [Attribute("sendonly", "x")])
        #expect(valued.direction == nil, "a direction never carries a value")
    }

    @Test("Attributes: property and value forms, an empty value kept apart from none")
    func attributeForms() {
        #expect(Attribute(parsing: "rtcp-mux") == Attribute("rtcp-mux"))
        #expect(Attribute(parsing: "tool:baresip 1.0.0") == Attribute("tool", "baresip 1.0.0"))
        #expect(Attribute(parsing: "fingerprint:sha-256 AB:CD") == Attribute("fingerprint", "sha-256 AB:CD"))
        #expect(Attribute(parsing: "x:").value == "")
        #expect(Attribute("x", "").encoded == "x:")
        #expect(Attribute("x").encoded == "x")
    }

    @Test("Connection data: IPv4 multicast TTL and count, IPv6 count only, the RFC 2543 hold address")
    func connectionData() {
        #expect(ConnectionData(parsing: "IN IP4 233.252.0.1/127") ==
            ConnectionData(addressType: .ip4, address: "233.252.0.1", ttl: 127))
        #expect(ConnectionData(parsing: "IN IP6 ff1e:db8::1/3/1") == nil)
        #expect(ConnectionData(parsing: "IN IP4 /127") == nil)
        #expect(ConnectionData(parsing: "IN IP4 0.0.0.0")?.isHoldAddress == true)
        #expect(ConnectionData(parsing: "IN IP4 10.0.0.1")?.isHoldAddress == false)
        #expect(ConnectionData(address: "2001:db8::1").addressType == .ip6)
    }
}
