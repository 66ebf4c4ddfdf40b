/// A leg's RTCP (RFC 3550 §6): a compound SR or RR with SDES CNAME about every 5 s (§6.2's minimum interval,
/// randomised by ±50 % as §6.3.1 asks), round-trip time from the peer's report blocks (§6.4.1: A − LSR − DLSR),
/// and LSR/DLSR from the peer's sender reports. SRTCP-protected when the leg is keyed.
import NIOCore
import RTP
import SRTP

/// What a leg keeps for RTCP.
struct RTCPState {
    static let interval: Duration = .seconds(5)

    var buffer = [UInt8](repeating: 0, count: 1500 + SRTPContext.rtcpTrailerRoom)
    var nextReportAt: MediaInstant?
    /// The last round-trip time the peer's reports gave.
    var roundTripTime: Duration?
    /// Where the peer's RTCP comes from (without rtcp-mux: its own port, usually RTP + 1).
    var source: SocketAddress?
    var reportsSent = 0
    /// A per-leg draw in 0..<1 that spreads report times (§6.3.1), from the leg's random SSRC.
    var jitter: Double = 0.5
}

extension AudioLeg {
    /// Where this leg's RTCP goes: with rtcp-mux where its RTP goes, else where the peer's RTCP comes from, else
    /// the RTP address's port plus one (RFC 3550 §11, RFC 3605 `a=rtcp` aside).
    var rtcpDestination: SocketAddress? {
        if parameters.rtcpMux { return destination }
        if let source = rtcp.source { return source }
        guard let rtp = destination, let port = rtp.port else { return nil }
        return try? SocketAddress(ipAddress: rtp.ipAddress ?? "", port: port + 1)
    }

    /// A verified (and unprotected) RTCP compound packet from the peer.
    mutating func noteRTCP(_ bytes: [UInt8], from source: SocketAddress, now: MediaInstant, ntpOffset: Int64) {
        if !parameters.rtcpMux, rtcp.source == nil { rtcp.source = source }
        guard let packets = try? RTCPPacket.parseCompound(bytes) else { return }
        let arrival = NTPTimestamp(unixNanoseconds: now.nanoseconds &+ ntpOffset).compact
        for packet in packets {
            var blocks: [ReportBlock] = []
            switch packet {
            case .senderReport(let report):
                if statistics?.ssrc == report.ssrc {
                    statistics?.receivedSenderReport(ntpTimestamp: report.ntpTimestamp, at: now)
                }
                blocks = report.reports
            case .receiverReport(let report):
                blocks = report.reports
            default:
                continue
            }
            for block in blocks where block.ssrc == sender.ssrc {
                if let rtt = block.roundTripTime(arrivalNTPMiddle: arrival) { rtcp.roundTripTime = rtt }
            }
        }
    }

    /// The report due at `now`, if one is, written into `rtcp.buffer`; returns its length.
    mutating func reportIfDue(now: MediaInstant, ntpOffset: Int64) -> Int? {
        guard let due = rtcp.nextReportAt else {
            // The first report goes out soon after media starts (§6.2: half the interval for the first one).
            rtcp.nextReportAt = now + RTCPState.interval * (0.25 + rtcp.jitter * 0.5)
            return nil
        }
        guard due <= now else { return nil }
        rtcp.nextReportAt = now + RTCPState.interval * (0.5 + rtcp.jitter)
        guard rtcpDestination != nil else { return nil }
        var blocks: [ReportBlock] = []
        if statistics != nil, let block = statistics?.makeReportBlock(now: now) { blocks.append(block) }
        let ntp = NTPTimestamp(unixNanoseconds: now.nanoseconds &+ ntpOffset)
        let report: RTCPPacket = sender.hasSent
            ? .senderReport(sender.makeSenderReport(now: now, ntp: ntp, reports: blocks))
            : .receiverReport(ReceiverReport(ssrc: sender.ssrc, reports: blocks))
        let description = RTCPPacket.sourceDescription(SourceDescription(chunks: [
            .init(source: sender.ssrc, items: [.init(.cname, "huiyi-\(String(sender.ssrc, radix: 16))")]),
        ]))
        let bytes = RTCPPacket.serializeCompound([report, description])
        guard bytes.count + SRTPContext.rtcpTrailerRoom <= rtcp.buffer.count else { return nil }
        rtcp.buffer.replaceSubrange(0..<bytes.count, with: bytes)
        var length = bytes.count
        if let outbound = outboundContext {
            let protected = rtcp.buffer.withUnsafeMutableBytes { buffer in
                Result { () throws(SRTPError) -> Int in try outbound.protectRTCP(buffer, length: length) }
            }
            guard case .success(let total) = protected else { return nil }
            length = total
        }
        rtcp.reportsSent += 1
        return length
    }
}
