import XCTest
@testable import RTP

/// A simulated network between a 20 ms audio sender and a jitter buffer read by a 10 ms playout tick.
private struct SimulatedNetwork {
    var lossRate = 0.0
    var duplicateRate = 0.0
    var jitter: ClosedRange<Int64> = 0...0
    var baseDelay: Int64 = 40
    /// Sender clock rate error: 0.005 means the sender's 20 ms are 20.1 ms of real time.
    var senderClockError = 0.0
    var rng = SeededGenerator(seed: 42)

    struct Delivery {
        var arrival: MediaInstant
        var sequence: UInt16
        var timestamp: UInt32
    }

    /// Deliveries of `count` packets starting at the given sequence number and timestamp, in arrival order.
    mutating func send(count: Int, firstSequence: UInt16 = 1000, firstTimestamp: UInt32 = 5000, startMs: Int64 = 0)
        -> [Delivery]
    {
        var deliveries: [Delivery] = []
        for i in 0..<count {
            let sentNs = Double(startMs + Int64(i) * 20) * 1e6 * (1 + senderClockError)
            let sequence = firstSequence &+ UInt16(truncatingIfNeeded: i)
            let timestamp = firstTimestamp &+ UInt32(truncatingIfNeeded: (Int64(i) + startMs / 20) * 160)
            if Double.random(in: 0..<1, using: &rng) < lossRate { continue }
            let copies = Double.random(in: 0..<1, using: &rng) < duplicateRate ? 2 : 1
            for _ in 0..<copies {
                let delayMs = baseDelay + Int64.random(in: jitter, using: &rng)
                deliveries.append(Delivery(
                    arrival: MediaInstant(nanoseconds: Int64(sentNs) + delayMs * 1_000_000), sequence: sequence,
                    timestamp: timestamp))
            }
        }
        return deliveries.sorted { $0.arrival < $1.arrival }
    }
}

final class JitterBufferTests: XCTestCase {
    struct Run {
        var played: [UInt16] = []
        var lost: [UInt16] = []
        /// Milliseconds between a played packet's arrival and its playout.
        var holdMs: [Int64] = []
        var targetDelays: [Duration] = []
    }

    /// Steps a mock clock in 10 ms ticks, inserting what has arrived and popping what is due.
    private func run(_ buffer: inout JitterBuffer, _ deliveries: [SimulatedNetwork.Delivery], untilMs: Int64) -> Run {
        var result = Run()
        var arrivals: [UInt16: MediaInstant] = [:]
        var index = 0
        var now = MediaInstant.zero
        while now.nanoseconds <= untilMs * 1_000_000 {
            while index < deliveries.count, deliveries[index].arrival <= now {
                let d = deliveries[index]
                _ = buffer.insert(sequenceNumber: d.sequence, timestamp: d.timestamp, payload: [UInt8(d.sequence & 0xFF)],
                                  arrival: d.arrival)
                arrivals[d.sequence] = arrivals[d.sequence] ?? d.arrival
                index += 1
            }
            while let output = buffer.pop(now: now) {
                switch output {
                case .packet(let packet):
                    XCTAssertEqual(packet.payload, [UInt8(packet.sequenceNumber & 0xFF)])
                    result.played.append(packet.sequenceNumber)
                    result.holdMs.append((now - arrivals[packet.sequenceNumber]!).wholeNanoseconds / 1_000_000)
                case .lost(let sequence):
                    result.lost.append(sequence)
                }
            }
            result.targetDelays.append(buffer.targetDelay)
            now = now + .milliseconds(10)
        }
        return result
    }

    func testSteadyNetworkPlaysEverythingInOrderAtMinimumDelay() {
        var network = SimulatedNetwork()
        var buffer = JitterBuffer(clockRate: 8000)
        let run = run(&buffer, network.send(count: 200), untilMs: 4500)
        XCTAssertEqual(run.played, (0..<200).map { 1000 + UInt16($0) })
        XCTAssertEqual(run.lost, [])
        XCTAssertEqual(buffer.targetDelay, .milliseconds(20))
        XCTAssertLessThanOrEqual(run.holdMs.max()!, 30)
    }

    func testLossReorderingAndDuplicatesOnAJitteryNetwork() {
        var network = SimulatedNetwork(lossRate: 0.05, duplicateRate: 0.03, jitter: 0...60)
        let deliveries = network.send(count: 1000, firstSequence: 65000, firstTimestamp: 0xFFFF_0000)
        let sent = Set(deliveries.map(\.sequence))
        var buffer = JitterBuffer(clockRate: 8000)
        let run = run(&buffer, deliveries, untilMs: 21000)

        // Every sequence number from the first to the last is accounted for exactly once, in order,
        // across both sequence and timestamp wrap.
        let accounted = (run.played.map { ($0, true) } + run.lost.map { ($0, false) })
        XCTAssertEqual(accounted.count, 1000)
        XCTAssertEqual(Set(run.played).count, run.played.count, "no packet played twice")
        XCTAssertTrue(zip(run.played, run.played.dropFirst()).allSatisfy { SequenceNumber.isNewer($1, than: $0) })
        for sequence in run.lost { XCTAssertFalse(run.played.contains(sequence)) }
        XCTAssertEqual(Set(run.played).subtracting(sent), [])

        let stats = buffer.statistics
        XCTAssertEqual(stats.lost, run.lost.count)
        XCTAssertEqual(stats.played, run.played.count)
        XCTAssertGreaterThan(stats.duplicates, 10)
        XCTAssertEqual(stats.received + stats.late + stats.duplicates, deliveries.count)
        // Lost on the network ≈ 5 %; the adaptive delay keeps late arrivals to a small share.
        XCTAssertEqual(Double(1000 - sent.count) / 1000, 0.05, accuracy: 0.02)
        XCTAssertLessThan(stats.late, 20)
        XCTAssertGreaterThanOrEqual(buffer.targetDelay, .milliseconds(50), "covers the 60 ms spread")
        XCTAssertLessThanOrEqual(buffer.targetDelay, .milliseconds(200))
    }

    func testDelayGrowsQuicklyAndShrinksSlowly() {
        var calm = SimulatedNetwork()
        var stormy = SimulatedNetwork(jitter: 0...120, rng: SeededGenerator(seed: 7))
        var deliveries = calm.send(count: 100)  // 0–2 s
        deliveries += stormy.send(count: 100, firstSequence: 1100, firstTimestamp: 5000, startMs: 2000)  // 2–4 s
        deliveries += calm.send(count: 1500, firstSequence: 1200, firstTimestamp: 5000, startMs: 4000)  // 4–34 s
        deliveries.sort { $0.arrival < $1.arrival }
        var buffer = JitterBuffer(clockRate: 8000)
        let run = run(&buffer, deliveries, untilMs: 34500)
        let at = { (ms: Int) in run.targetDelays[ms / 10] }
        XCTAssertEqual(at(1900), .milliseconds(20))
        XCTAssertGreaterThanOrEqual(at(2500), .milliseconds(80), "grows within half a second of jitter")
        XCTAssertGreaterThanOrEqual(at(5000), .milliseconds(80), "still high a second after the storm")
        XCTAssertLessThan(at(34000), .milliseconds(40), "back down after half a minute of calm")
        XCTAssertTrue(zip(run.targetDelays.dropFirst(420), run.targetDelays.dropFirst(421)).allSatisfy {
            $0 - $1 <= .milliseconds(1)
        }, "never falls faster than the shrink rate once calm")
        XCTAssertTrue(run.targetDelays.allSatisfy { $0 <= .milliseconds(200) })
    }

    func testSenderClockDriftDoesNotAccumulateDelay() {
        for error in [0.005, -0.005] {
            var network = SimulatedNetwork(jitter: 0...10, senderClockError: error)
            var buffer = JitterBuffer(clockRate: 8000)
            let run = run(&buffer, network.send(count: 3000), untilMs: 61000)
            XCTAssertEqual(run.lost, [], "drift \(error)")
            XCTAssertEqual(buffer.statistics.late, 0, "drift \(error)")
            // 0.5 % over a minute is 300 ms; the hold time must stay near the target instead.
            XCTAssertLessThan(run.holdMs.suffix(500).max()!, 80, "drift \(error)")
        }
    }

    func testReorderedFirstPacketsAndLateArrivals() {
        var buffer = JitterBuffer(clockRate: 8000)
        XCTAssertEqual(buffer.insert(sequenceNumber: 11, timestamp: 160, payload: [11], arrival: .milliseconds(0)), .accepted)
        XCTAssertEqual(buffer.insert(sequenceNumber: 10, timestamp: 0, payload: [10], arrival: .milliseconds(1)), .accepted)
        XCTAssertEqual(buffer.insert(sequenceNumber: 10, timestamp: 0, payload: [10], arrival: .milliseconds(2)), .duplicate)
        XCTAssertEqual(buffer.insert(sequenceNumber: 13, timestamp: 480, payload: [13], arrival: .milliseconds(40)), .accepted)
        var outputs: [JitterBuffer.Output] = []
        while let output = buffer.pop(now: .milliseconds(200)) { outputs.append(output) }
        XCTAssertEqual(outputs.map {
            if case .packet(let p) = $0 { return Int(p.sequenceNumber) }
            if case .lost(let s) = $0 { return -Int(s) }
            return 0
        }, [10, 11, -12, 13])
        XCTAssertEqual(buffer.insert(sequenceNumber: 12, timestamp: 320, payload: [12], arrival: .milliseconds(201)), .late)
        XCTAssertEqual(buffer.insert(sequenceNumber: 13, timestamp: 480, payload: [13], arrival: .milliseconds(202)), .duplicate)
        XCTAssertNil(buffer.pop(now: .milliseconds(300)))
        XCTAssertNil(buffer.nextPlayoutTime)
    }

    func testNothingIsDueBeforeItsPlayoutTime() {
        var buffer = JitterBuffer(clockRate: 48000)
        _ = buffer.insert(sequenceNumber: 1, timestamp: 0, payload: [1], arrival: .milliseconds(100))
        XCTAssertEqual(buffer.nextPlayoutTime, .milliseconds(120))
        XCTAssertNil(buffer.pop(now: .milliseconds(119)))
        XCTAssertNotNil(buffer.pop(now: .milliseconds(120)))
    }

    func testJumpBeyondCapacityRestartsTheStream() {
        var buffer = JitterBuffer(clockRate: 8000)
        _ = buffer.insert(sequenceNumber: 1, timestamp: 0, payload: [1], arrival: .zero)
        _ = buffer.insert(sequenceNumber: 30000, timestamp: 800_000, payload: [2], arrival: .milliseconds(20))
        XCTAssertEqual(buffer.statistics.resets, 1)
        XCTAssertEqual(buffer.count, 1)
    }
}

final class JitterBufferCaptureTests: XCTestCase {
    /// The SIPp G.711 capture (30 ms packets) replayed at its captured arrival times.
    func testCapturedStreamPlaysCompletelyInOrder() throws {
        let captured = try PcapReader.fixture("g711a")
        let origin = captured[0].microseconds
        var buffer = JitterBuffer(clockRate: 8000)
        var played: [UInt16] = []
        var now = MediaInstant.zero
        var index = 0
        let end = MediaInstant(nanoseconds: (captured.last!.microseconds - origin) * 1000) + .milliseconds(300)
        while now <= end {
            while index < captured.count,
                MediaInstant(nanoseconds: (captured[index].microseconds - origin) * 1000) <= now
            {
                let bytes = captured[index].udpPayload
                let packet = try RTPPacket.parse(bytes)
                let result = bytes.withUnsafeBytes { raw in
                    buffer.insert(sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp,
                                  payload: packet.payload(in: raw),
                                  arrival: MediaInstant(nanoseconds: (captured[index].microseconds - origin) * 1000))
                }
                XCTAssertEqual(result, .accepted)
                index += 1
            }
            while let output = buffer.pop(now: now) {
                guard case .packet(let packet) = output else { return XCTFail("unexpected \(output)") }
                XCTAssertEqual(packet.payload.count, 240)
                played.append(packet.sequenceNumber)
            }
            now = now + .milliseconds(20)
        }
        XCTAssertEqual(played.count, 236)
        XCTAssertTrue(zip(played, played.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
        XCTAssertEqual(buffer.statistics.lost, 0)
        XCTAssertLessThanOrEqual(buffer.targetDelay, .milliseconds(200))
    }
}

final class JitterBufferDiscontinuityTests: XCTestCase {
    func play(_ buffer: inout JitterBuffer, until ms: Int64) -> [JitterBuffer.Output] {
        var outputs: [JitterBuffer.Output] = []
        while let output = buffer.pop(now: .milliseconds(ms)) { outputs.append(output) }
        return outputs
    }

    func testSenderRestartingBelowTheOldSequenceIsFollowed() {
        var buffer = JitterBuffer(clockRate: 8000)
        for i in 0..<10 {
            _ = buffer.insert(sequenceNumber: 40000 + UInt16(i), timestamp: UInt32(i * 160), payload: [1],
                              arrival: .milliseconds(Int64(i) * 20))
        }
        XCTAssertEqual(play(&buffer, until: 300).count, 10)
        // The sender restarts 20000 sequence numbers lower, with new timestamps.
        for i in 0..<10 {
            let result = buffer.insert(sequenceNumber: 20000 + UInt16(i), timestamp: 900_000 + UInt32(i * 160),
                                       payload: [2], arrival: .milliseconds(400 + Int64(i) * 20))
            XCTAssertEqual(result, .accepted)
        }
        let outputs = play(&buffer, until: 700)
        XCTAssertEqual(outputs.count, 10)
        XCTAssertEqual(outputs.first, .packet(.init(sequenceNumber: 20000, timestamp: 900_000, marker: false, payload: [2])))
        XCTAssertEqual(buffer.statistics.resets, 1)
    }

    func testTimestampJumpResynchronisesInsteadOfInflatingTheDelay() {
        var buffer = JitterBuffer(clockRate: 8000)
        var played = 0
        for i in 0..<100 {
            // Halfway, the timestamps jump back by ten seconds while sequence numbers continue.
            let timestamp = UInt32(i * 160) &- (i >= 50 ? 80000 : 0)
            _ = buffer.insert(sequenceNumber: UInt16(i), timestamp: timestamp, payload: [0],
                              arrival: .milliseconds(Int64(i) * 20))
            played += play(&buffer, until: Int64(i) * 20 + 25).count
        }
        XCTAssertEqual(buffer.targetDelay, .milliseconds(20))
        XCTAssertEqual(buffer.statistics.lost, 0)
        XCTAssertGreaterThanOrEqual(played, 99)
    }
}

extension JitterBufferDiscontinuityTests {
    func testOlderFirstPacketAcrossTheWrapPlaysFirst() {
        var buffer = JitterBuffer(clockRate: 8000)
        XCTAssertEqual(buffer.insert(sequenceNumber: 0, timestamp: 160, payload: [0], arrival: .zero), .accepted)
        XCTAssertEqual(buffer.insert(sequenceNumber: 65535, timestamp: 0, payload: [9], arrival: .milliseconds(1)), .accepted)
        XCTAssertEqual(play(&buffer, until: 100).map {
            guard case .packet(let p) = $0 else { return -1 }
            return Int(p.sequenceNumber)
        }, [65535, 0])
    }
}
