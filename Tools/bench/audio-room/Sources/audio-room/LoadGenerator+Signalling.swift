/// The generator's SIP: one INVITE dialog per participant (RFC 3261 §13, §15), paced and retransmitted.
import NIOCore
import SIP

extension LoadGenerator {
    private func nextBranch(_ p: Participant) -> String {
        branchCounter += 1
        return "z9hG4bK-ar\(p.index)-\(branchCounter)"
    }

    /// Every 10 ms: dial while fewer than `invitesInFlight` are unanswered, retransmit (RFC 3261 §17.1.1.2, timer
    /// A doubling from 500 ms, capped at 4 s), give up after 32 s (timer B), hang up when asked.
    func signal() {
        let now = NIODeadline.now()
        var inFlight = participants.lazy.filter { $0.phase == .inviting || $0.phase == .hangingUp }.count
        for p in participants where p.phase == .inviting || p.phase == .hangingUp {
            let interval = TimeAmount.milliseconds(500 << min(3, p.retransmissions))
            guard now - p.lastRequestAt >= interval else { continue }
            if p.retransmissions >= 8 {
                p.phase = p.phase == .inviting ? .failed("no answer to INVITE") : .ended
                inFlight -= 1
                continue
            }
            p.retransmissions += 1
            p.lastRequestAt = now
            sendSIP(p.phase == .inviting ? inviteBytes(p) : messages.bye(p, branch: byeBranch(p)))
        }
        if hangingUp {
            for p in participants where p.phase == .active && inFlight < plan.invitesInFlight {
                p.phase = .hangingUp
                p.retransmissions = 0
                p.lastRequestAt = now
                sendSIP(messages.bye(p, branch: byeBranch(p)))
                inFlight += 1
            }
            return
        }
        while nextToDial < participants.count, inFlight < plan.invitesInFlight {
            let p = participants[nextToDial]
            nextToDial += 1
            p.phase = .inviting
            p.lastRequestAt = now
            sendSIP(inviteBytes(p))
            inFlight += 1
        }
    }

    private func inviteBytes(_ p: Participant) -> [UInt8] {
        messages.invite(p, number: plan.rooms[p.room].number, branch: "z9hG4bK-ar\(p.index)-invite",
                        mediaPort: mediaPorts[p.socket])
    }

    private func byeBranch(_ p: Participant) -> String { "z9hG4bK-ar\(p.index)-bye" }

    private func sendSIP(_ bytes: [UInt8]) {
        guard let channel = sipChannel else { return }
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: plan.server, data: buffer), promise: nil)
    }

    func receiveSIP(_ envelope: AddressedEnvelope<ByteBuffer>) {
        let bytes = Array(envelope.data.readableBytesView)
        guard let message = try? parser.parse(bytes) else {
            sipErrors.append("unparsable message from the server")
            return
        }
        switch message {
        case .request(let request):
            // The server's BYE (a leg it dropped) or an in-dialog OPTIONS: answer 200.
            sendSIP(messages.ok(to: request))
            if request.method == .bye, let callID = request.headers.callID, let p = byCallID[callID] {
                p.phase = .ended
                sipErrors.append("server hung up call \(p.index) (room \(plan.rooms[p.room].name))")
            }
        case .response(let response):
            guard let callID = response.headers.callID, let p = byCallID[callID],
                  let cseq = try? response.headers.cseq() else { return }
            if cseq.method == .invite { answered(p, response) }
            if cseq.method == .bye, response.isFinal, p.phase == .hangingUp { p.phase = .ended }
        }
    }

    private func answered(_ p: Participant, _ response: SIPResponse) {
        guard response.isFinal else { return }
        p.toHeader = response.headers[.to] ?? ""
        if response.isSuccess {
            if let contact = try? response.headers.contacts().addresses.first?.uri {
                p.remoteTarget = contact.description
            }
            // A retransmitted 200 means our ACK was lost: ACK again (RFC 3261 §13.2.2.4).
            sendSIP(messages.ack(p, requestURI: p.remoteTarget, branch: nextBranch(p)))
            guard p.phase == .inviting else { return }
            guard let media = Self.audioAddress(in: response.body) else {
                p.phase = .failed("200 without an audio address in its SDP")
                return
            }
            p.remoteMedia = media
            if let port = media.port { byServerPort[port] = p }
            p.phase = .active
            p.retransmissions = 0
        } else {
            sendSIP(messages.ack(p, requestURI: "sip:\(plan.rooms[p.room].number)@\(plan.domain)",
                                 branch: "z9hG4bK-ar\(p.index)-invite"))
            if p.phase == .inviting {
                p.phase = .failed("\(response.statusCode) \(response.reasonPhrase)"
                                  + (response.headers[.warning].map { " (\($0))" } ?? ""))
            }
        }
    }

    /// The `c=` address and `m=audio` port of an SDP answer (RFC 4566 §5.7, §5.14).
    static func audioAddress(in body: [UInt8]) -> SocketAddress? {
        var host: String?
        var port: Int?
        for line in String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline) {
            if line.hasPrefix("c=IN IP4 "), host == nil || port == nil {
                host = String(line.dropFirst(9).split(separator: "/").first ?? "")
            } else if line.hasPrefix("m=audio "), port == nil {
                port = Int(line.dropFirst(8).split(separator: " ").first ?? "")
            }
        }
        guard let host, let port, port > 0 else { return nil }
        return try? SocketAddress(ipAddress: host, port: port)
    }
}
