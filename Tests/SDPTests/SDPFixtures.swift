@testable import SDP

/// Offers as real endpoints send them, for the parser and offer/answer tests.
///
/// Written with LF line endings for readability; ``crlf(_:)`` gives the wire form (RFC 8866 §5: CRLF).
enum SDPFixtures {
    /// baresip 1.0 calling a room: Opus stereo first, G.722, G.711 pair, DTMF, RTCP-XR and rtcp-mux.
    static let baresip = """
        v=0
        o=- 1863487364 3442867193 IN IP4 192.168.1.23
        s=-
        c=IN IP4 192.168.1.23
        t=0 0
        a=tool:baresip 1.0.0
        m=audio 10002 RTP/AVP 96 9 0 8 101
        b=AS:128
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 stereo=1;sprop-stereo=1
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=rtcpxr:rcvr-rtt=all voip-metrics
        a=sendrecv
        a=label:1
        a=ssrc:1718209046 cname:5b1f2e4a-2c4d-4e1b-9a53-3f0d1c2b7a11
        a=rtcp-mux
        a=ptime:20
        """

    /// The 30-octet key-salt of ``baresipSRTP``'s first attribute: octets 0x41 to 0x5E.
    static let srtpKey80 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1e"
    static let srtpKey32 = "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8"

    /// baresip with `mediaenc srtp-mand`: RTP/SAVP with two SDES attributes, no rtcp-mux, an explicit a=rtcp.
    static let baresipSRTP = """
        v=0
        o=- 2938476102 2938476102 IN IP4 192.168.1.23
        s=-
        c=IN IP4 192.168.1.23
        t=0 0
        a=tool:baresip 1.0.0
        m=audio 10004 RTP/SAVP 96 0 8 101
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 stereo=1;sprop-stereo=1
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=rtcp:10005
        a=sendrecv
        a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(srtpKey80)
        a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:\(srtpKey32)
        a=ptime:20
        """

    /// Linphone 4.x with audio and video: many codecs, three telephone-event rates, RTCP feedback, a=record.
    static let linphone = """
        v=0
        o=alice 3102 1433 IN IP4 10.0.0.5
        s=Talk
        c=IN IP4 10.0.0.5
        t=0 0
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        a=record:off
        m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:97 speex/16000
        a=fmtp:97 vbr=on
        a=rtpmap:98 speex/8000
        a=fmtp:98 vbr=on
        a=fmtp:18 annexb=yes
        a=rtpmap:101 telephone-event/48000
        a=rtpmap:99 telephone-event/16000
        a=rtpmap:100 telephone-event/8000
        a=rtcp:7079
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm tmmbr
        m=video 9078 RTP/AVP 102 103
        b=TIAS:1024000
        a=rtpmap:102 VP8/90000
        a=rtpmap:103 H264/90000
        a=fmtp:103 profile-level-id=42801F
        a=rtcp:9079
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm tmmbr
        a=rtcp-fb:102 nack pli
        a=rtcp-fb:102 ccm fir
        a=rtcp-fb:103 nack pli
        """

    /// SIPp's built-in `uac` scenario: G.711 µ-law only.
    static let sipp = """
        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6000 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        """

    /// An IPv6 desk phone: static G.722 and PCMA with no rtpmap, DTMF at 8000, 30 ms packets.
    static let ipv6 = """
        v=0
        o=bob 2808844564 2808844564 IN IP6 2001:db8::2
        s=-
        c=IN IP6 2001:db8::2
        t=0 0
        m=audio 49170 RTP/AVP 9 8 101
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:30
        """

    /// The session-level lines of a bare offer from 10.0.0.1, for tests that only care about its media lines.
    static let minimalSession = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n"

    /// The wire form: every line ended by CRLF.
    static func crlf(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\r\n" }.joined()
    }

    /// The wire form, parsed.
    static func parsed(_ text: String) throws -> SessionDescription {
        try SessionDescription(parsing: crlf(text))
    }
}
