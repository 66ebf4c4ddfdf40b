import XCTest
@testable import RTP

final class H264PayloadTests: XCTestCase {
    private let sps: [UInt8] = [0x67, 0x42, 0xC0, 0x1F, 0xDA, 0x01, 0x40]
    private let pps: [UInt8] = [0x68, 0xCE, 0x3C, 0x80]
    private func idr(_ size: Int) -> [UInt8] { [0x65] + (0..<size - 1).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) } }
    private func slice(_ size: Int) -> [UInt8] { [0x41] + [UInt8](repeating: 0xAB, count: size - 1) }

    /// Feeds payloads as RTP packets in the given order; the marker goes on the access unit's last payload.
    private func feed(
        _ depacketizer: inout H264Depacketizer, _ payloads: [[UInt8]], firstSequence: UInt16, timestamp: UInt32,
        order: [Int]? = nil
    ) -> [H264Depacketizer.Event] {
        (order ?? Array(payloads.indices)).flatMap { index in
            depacketizer.push(
                sequenceNumber: firstSequence &+ UInt16(index), timestamp: timestamp,
                marker: index == payloads.count - 1, payload: payloads[index][...])
        }
    }

    func testAnnexBSplitting() {
        let stream: [UInt8] = [0, 0, 0, 1] + sps + [0, 0, 1] + pps + [0, 0, 0, 1] + idr(10)
        XCTAssertEqual(H264Packetizer.nalUnits(annexB: stream).map(Array.init), [sps, pps, idr(10)])
    }

    func testSmallNALUnitsShareOneSTAPA() throws {
        let payloads = H264Packetizer(maximumPayloadSize: 1200).packetize(accessUnit: [sps[...], pps[...], idr(100)[...]])
        XCTAssertEqual(payloads.count, 1)
        // STAP-A with NRI the maximum of the units' (SPS/PPS/IDR all 3): 0x60 | 24.
        XCTAssertEqual(payloads[0][0], 0x78)
        XCTAssertEqual(Array(payloads[0][1...2]), [0, UInt8(sps.count)])
        XCTAssertEqual(H264Depacketizer.nalUnits(of: payloads), [sps, pps, idr(100)])
    }

    func testSingleNALUnitPacketWhenAlone() {
        let payloads = H264Packetizer(maximumPayloadSize: 1200).packetize(accessUnit: [slice(500)[...]])
        XCTAssertEqual(payloads, [slice(500)])
    }

    func testLargeIDRIsSplitIntoFUAsWithinTheMTU() throws {
        let unit = idr(5000)
        let payloads = H264Packetizer(maximumPayloadSize: 1000).packetize(accessUnit: [sps[...], pps[...], unit[...]])
        XCTAssertEqual(payloads.count, 1 + 6, "STAP-A then ⌈4999 / 998⌉ = 6 fragments")
        XCTAssertTrue(payloads.allSatisfy { $0.count <= 1000 })
        let fragments = payloads.dropFirst()
        XCTAssertTrue(fragments.allSatisfy { $0[0] == 0x60 | 28 })
        XCTAssertEqual(fragments.first![1], 0x80 | 5, "S bit and original type")
        XCTAssertEqual(fragments.last![1], 0x40 | 5, "E bit")
        XCTAssertTrue(fragments.dropFirst().dropLast().allSatisfy { $0[1] == 5 })

        var depacketizer = H264Depacketizer()
        let events = feed(&depacketizer, payloads, firstSequence: 65533, timestamp: 90000)
        XCTAssertEqual(events, [.accessUnit(.init(timestamp: 90000, nalUnits: [sps, pps, unit]))])
        guard case .accessUnit(let au) = events[0] else { return }
        XCTAssertTrue(au.isKeyframe)
        XCTAssertEqual(H264Packetizer.nalUnits(annexB: au.annexB).map(Array.init), [sps, pps, unit])
    }

    func testReorderingWithinAnAccessUnitIsRepaired() {
        let payloads = H264Packetizer(maximumPayloadSize: 500).packetize(accessUnit: [idr(2000)[...]])
        var depacketizer = H264Depacketizer()
        let events = feed(&depacketizer, payloads, firstSequence: 10, timestamp: 0, order: [1, 0, 3, 2, 4])
        XCTAssertEqual(events, [.accessUnit(.init(timestamp: 0, nalUnits: [idr(2000)]))])
    }

    func testLossAsksForAKeyframeAndHoldsDeltaFramesUntilOne() {
        let packetizer = H264Packetizer(maximumPayloadSize: 500)
        var depacketizer = H264Depacketizer()
        var sequence: UInt16 = 0
        func send(_ units: [[UInt8]], timestamp: UInt32, dropping: Set<Int> = []) -> [H264Depacketizer.Event] {
            let payloads = packetizer.packetize(accessUnit: units.map { $0[...] })
            defer { sequence &+= UInt16(payloads.count) }
            let order = payloads.indices.filter { !dropping.contains($0) }
            return feed(&depacketizer, payloads, firstSequence: sequence, timestamp: timestamp, order: order)
        }
        XCTAssertEqual(send([idr(1500)], timestamp: 0).count, 1)
        XCTAssertEqual(send([slice(300)], timestamp: 3000), [.accessUnit(.init(timestamp: 3000, nalUnits: [slice(300)]))])
        // A middle FU-A of the next frame is lost: that frame and the following delta frames are withheld.
        XCTAssertEqual(send([slice(1200)], timestamp: 6000, dropping: [1]), [])
        XCTAssertEqual(send([slice(300)], timestamp: 9000), [.requestKeyframe])
        XCTAssertEqual(send([slice(300)], timestamp: 12000), [], "asked once")
        let recovered = send([sps, pps, idr(800)], timestamp: 15000)
        XCTAssertEqual(recovered.count, 1)
        guard case .accessUnit(let au)? = recovered.first else { return XCTFail("keyframe expected") }
        XCTAssertTrue(au.isKeyframe)
        XCTAssertGreaterThanOrEqual(depacketizer.lostFrames, 1)
    }

    func testMissingFUStartOrEndIsLoss() {
        let unit = idr(1200)
        let payloads = H264Packetizer(maximumPayloadSize: 500).packetize(accessUnit: [unit[...]])
        XCTAssertNil(H264Depacketizer.nalUnits(of: Array(payloads.dropFirst())), "no start")
        XCTAssertNil(H264Depacketizer.nalUnits(of: Array(payloads.dropLast())), "no end")
        XCTAssertNil(H264Depacketizer.nalUnits(of: [[0x78, 0, 9, 0x67]]), "STAP-A size past end")
        XCTAssertNil(H264Depacketizer.nalUnits(of: [[0x7C, 0xC5, 1]]), "start and end in one FU")
    }

    func testFirstFrameWithoutKeyframeAsksForOne() {
        var depacketizer = H264Depacketizer()
        XCTAssertEqual(depacketizer.push(sequenceNumber: 1, timestamp: 0, marker: true, payload: slice(100)[...]),
                       [.requestKeyframe])
    }
}
