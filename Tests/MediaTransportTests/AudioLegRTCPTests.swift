import Mixing
import NIOCore
import RTP
import SDP
import SRTP
import Testing
@testable import MediaTransport

/// Each leg's RTCP (RFC 3550 §6): a compound SR or RR with SDES CNAME about every 5 s, to the peer's RTCP port
/// (RTP + 1, §11) or with rtcp-mux to its RTP address, SRTCP when keyed, and the round-trip time from the peer's
/// report blocks (§6.4.1).
@Suite struct AudioLegRTCPTests {
    static let caller = ParticipantID(1)

    func twoTalkers(rtcpMux: Bool = false, srtp: Bool = false) throws -> RoomScenario {
        var scenario = RoomScenario([TonePeer(1, port: 4000, frequency: 400), TonePeer(2, port: 4002, frequency: 1000)])
        for id in [Self.caller, ParticipantID(2)] {
            var parameters = scenario[id].parameters(crypto: srtp ? try scenario[id].negotiateSRTP() : nil)
            parameters.rtcpMux = rtcpMux
            try scenario.room.addLeg(id, parameters: parameters, now: scenario.now)
            try scenario.room.admit(id)
        }
        return scenario
    }

    @Test func aSenderReportWithCNAMEGoesToTheRTCPPortAboutEveryFiveSeconds() throws {
        var scenario = try twoTalkers()
        let start = scenario.now
        scenario.run(ticks: 1000)

        let peer = scenario[Self.caller]
        let reports = peer.reports
        // §6.3.1: the interval is randomised between 0.5 and 1.5 times 5 s; the first comes at half of that.
        #expect((3...8).contains(reports.count), "\(reports.count) reports in 20 s")
        #expect(reports.allSatisfy { $0.destination == (try! SocketAddress(ipAddress: "127.0.0.1", port: 4001)) })
        let first = try #require(reports.first)
        #expect(first.at - start >= .milliseconds(1250) && first.at - start <= .milliseconds(3750))
        for (earlier, later) in zip(reports, reports.dropFirst()) {
            #expect(later.at - earlier.at >= .milliseconds(2500) && later.at - earlier.at <= .milliseconds(7500))
        }

        let roomSSRC = try #require(peer.received.last?.header.ssrc)
        for report in reports {
            #expect(report.packets.count == 2)
            guard case .senderReport(let sr)? = report.packets.first else {
                Issue.record("a room that sends media starts its compound with an SR: \(report.packets)")
                continue
            }
            #expect(sr.ssrc == roomSSRC)
            #expect(sr.reports.map(\.ssrc) == [peer.ssrc], "one block, about what the peer sends")
            guard case .sourceDescription(let sdes)? = report.packets.last else {
                Issue.record("no SDES")
                continue
            }
            #expect(sdes.chunks.first?.source == roomSSRC)
            #expect(sdes.chunks.first?.cname?.isEmpty == false)
        }
        let last = try #require(reports.last.flatMap { report -> SenderReport? in
            if case .senderReport(let sr)? = report.packets.first { sr } else { nil }
        })
        #expect(Int(last.packetCount) <= peer.received.count && Int(last.packetCount) >= peer.received.count - 400)
    }

    @Test func reportsFollowTheLegToItsNewAddress() throws {
        var scenario = try twoTalkers()
        scenario.run(ticks: 5)
        let report = RTCPPacket.serializeCompound([.receiverReport(ReceiverReport(ssrc: scenario[Self.caller].ssrc))])
        scenario.deliver(report, to: Self.caller, from: try SocketAddress(ipAddress: "127.0.0.1", port: 4001))
        // A re-INVITE moves the caller to port 4100: RTCP goes to 4101 from now on, not to the old RTCP port.
        scenario[Self.caller].address = try SocketAddress(ipAddress: "127.0.0.1", port: 4100)
        try scenario.room.updateLeg(Self.caller, parameters: scenario[Self.caller].parameters())
        let before = scenario[Self.caller].reports.count
        scenario.run(ticks: 500)

        let after = scenario[Self.caller].reports.dropFirst(before)
        #expect(!after.isEmpty)
        #expect(after.allSatisfy { $0.destination == (try! SocketAddress(ipAddress: "127.0.0.1", port: 4101)) },
                "\(after.map(\.destination))")
    }

    @Test func withRTCPMuxReportsGoToTheRTPAddress() throws {
        var scenario = try twoTalkers(rtcpMux: true)
        scenario.run(ticks: 400)

        #expect(!scenario[Self.caller].reports.isEmpty)
        #expect(scenario[Self.caller].reports.allSatisfy { $0.destination == scenario[Self.caller].address })
    }

    @Test func aKeyedLegSendsSRTCP() throws {
        var scenario = try twoTalkers(srtp: true)
        scenario.run(ticks: 400)

        #expect(!scenario[Self.caller].reports.isEmpty)
        #expect(scenario[Self.caller].undecryptable == 0)
    }

    @Test func theRoundTripTimeComesFromThePeersReportBlock() throws {
        var scenario = try twoTalkers()
        while scenario[Self.caller].reports.isEmpty { scenario.run(ticks: 1) }
        guard case .senderReport(let sr)? = scenario[Self.caller].reports[0].packets.first else {
            Issue.record("no SR")
            return
        }
        #expect(scenario.room.roundTripTime(Self.caller) == nil)
        // 120 ms after the SR left, the peer's report arrives; it held the SR for 40 ms of that (DLSR, 1/65536 s).
        scenario.run(ticks: 5)
        #expect(scenario.now - scenario[Self.caller].reports[0].at == .milliseconds(120))
        let block = ReportBlock(ssrc: sr.ssrc, lastSenderReport: sr.compactNTP,
                                delaySinceLastSenderReport: 65536 * 40 / 1000)
        let report = RTCPPacket.serializeCompound([
            .receiverReport(ReceiverReport(ssrc: scenario[Self.caller].ssrc, reports: [block])),
        ])
        scenario.deliver(report, to: Self.caller, from: try SocketAddress(ipAddress: "127.0.0.1", port: 4001))

        let rtt = try #require(scenario.room.roundTripTime(Self.caller))
        #expect(rtt > .milliseconds(79) && rtt < .milliseconds(81), "\(rtt)")
    }
}
