/// The SIP requests and responses a participant sends (RFC 3261 §8.1.1, §13.2.2.4, §15.1.1, §17.1.1.3), as text.
import SIP

struct SIPMessages {
    let localHost: String
    let localPort: Int
    let domain: String
    var audioLevels = false

    private var via: String { "SIP/2.0/UDP \(localHost):\(localPort)" }

    func invite(_ p: Participant, number: String, branch: String, mediaPort: Int) -> [UInt8] {
        let sdp = [
            "v=0",
            "o=- \(p.index + 1) 1 IN IP4 \(localHost)",
            "s=audio-room",
            "c=IN IP4 \(localHost)",
            "t=0 0",
            "m=audio \(mediaPort) RTP/AVP 111 101",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 useinbandfec=1",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
        ].joined(separator: "\r\n") + "\r\n"
            + (audioLevels ? "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n" : "")
        return message([
            "INVITE sip:\(number)@\(domain) SIP/2.0",
            "Via: \(via);branch=\(branch);rport",
            "Max-Forwards: 70",
            "From: <sip:p\(p.index)@\(domain)>;tag=\(p.fromTag)",
            "To: <sip:\(number)@\(domain)>",
            "Call-ID: \(p.callID)",
            "CSeq: 1 INVITE",
            "Contact: <sip:p\(p.index)@\(localHost):\(localPort)>",
            "Content-Type: application/sdp",
        ], body: sdp)
    }

    /// The ACK of a 2xx is a new transaction to the remote target (§13.2.2.4); that of an error answer belongs to
    /// the INVITE's transaction: same branch and Request-URI (§17.1.1.3).
    func ack(_ p: Participant, requestURI: String, branch: String) -> [UInt8] {
        message([
            "ACK \(requestURI) SIP/2.0",
            "Via: \(via);branch=\(branch);rport",
            "Max-Forwards: 70",
            "From: <sip:p\(p.index)@\(domain)>;tag=\(p.fromTag)",
            "To: \(p.toHeader)",
            "Call-ID: \(p.callID)",
            "CSeq: 1 ACK",
        ], body: "")
    }

    func bye(_ p: Participant, branch: String) -> [UInt8] {
        message([
            "BYE \(p.remoteTarget) SIP/2.0",
            "Via: \(via);branch=\(branch);rport",
            "Max-Forwards: 70",
            "From: <sip:p\(p.index)@\(domain)>;tag=\(p.fromTag)",
            "To: \(p.toHeader)",
            "Call-ID: \(p.callID)",
            "CSeq: 2 BYE",
        ], body: "")
    }

    /// A 200 to a request from the server (its BYE, an OPTIONS): Via, From, To, Call-ID and CSeq copied (§8.2.6.2).
    func ok(to request: SIPRequest) -> [UInt8] {
        var lines = ["SIP/2.0 200 OK"]
        for via in request.headers.values(.via) { lines.append("Via: \(via)") }
        for name in [SIPHeaderName.from, .to, .callID, .cseq] {
            if let value = request.headers[name] { lines.append("\(name.spelling): \(value)") }
        }
        return message(lines, body: "")
    }

    private func message(_ lines: [String], body: String) -> [UInt8] {
        let head = lines.joined(separator: "\r\n") + "\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        return Array((head + body).utf8)
    }
}
