import Testing
@testable import Mixing

/// The per-leg sample ring: packets of any ptime in, exactly one 20 ms tick out, underruns and overflows counted.
struct AudioSampleRingTests {
    /// Consecutive sample numbers as values, so order and loss are visible in what is read.
    private func ramp(from start: Int, count: Int) -> [Float] { (start..<(start + count)).map(Float.init) }

    private func read(_ ring: inout AudioSampleRing, _ count: Int = 960) -> [Float] {
        var samples = [Float](repeating: -1, count: count)
        samples.withUnsafeMutableBufferPointer { _ = ring.read(into: $0) }
        return samples
    }

    private func write(_ ring: inout AudioSampleRing, _ samples: [Float]) {
        samples.withUnsafeBufferPointer { ring.write($0) }
    }

    @Test func thirtyMillisecondPacketsUnderrunOnceThenLineUpWithTheTick() {
        var ring = AudioSampleRing()
        var written = 0
        var played: [Float] = []
        // 30 ms packets at 0, 30, 60 … ms; ticks at 0, 20, 40 … ms; a packet due with a tick arrives first.
        for millisecond in stride(from: 0, to: 600, by: 10) {
            if millisecond % 30 == 0 {
                write(&ring, ramp(from: written, count: 1440))
                written += 1440
            }
            if millisecond % 20 == 0 { played += read(&ring) }
        }
        #expect(ring.underruns == 1, "only the first cycle is short: the silence shifts playout by 10 ms")
        #expect(ring.missingSamples == 480)
        #expect(ring.overflows == 0)
        // Audio comes out in order with exactly one 480-sample gap.
        #expect(Array(played[0..<1440]) == ramp(from: 0, count: 1440))
        #expect(Array(played[1440..<1920]) == [Float](repeating: 0, count: 480))
        #expect(Array(played[1920...]) == ramp(from: 1440, count: played.count - 1920))
    }

    @Test func sixtyMillisecondPacketsLastThreeTicks() {
        var ring = AudioSampleRing()
        write(&ring, ramp(from: 0, count: 2880))
        #expect(read(&ring) == ramp(from: 0, count: 960))
        #expect(read(&ring) == ramp(from: 960, count: 960))
        #expect(read(&ring) == ramp(from: 1920, count: 960))
        #expect(ring.underruns == 0)
        #expect(read(&ring) == [Float](repeating: 0, count: 960), "a fourth tick without a packet is silence")
        #expect(ring.underruns == 1)
        #expect(ring.missingSamples == 960)
    }

    @Test func aWriterFarAheadLosesTheOldestSamples() {
        var ring = AudioSampleRing(capacity: 9600)
        for packet in 0..<4 { write(&ring, ramp(from: packet * 2880, count: 2880)) }
        #expect(ring.overflows == 1)
        #expect(ring.droppedSamples == 4 * 2880 - 9600)
        #expect(ring.count == 9600)
        #expect(read(&ring) == ramp(from: 1920, count: 960), "the newest 200 ms survive")
    }

    @Test func aWriteLargerThanTheRingKeepsItsNewestSamples() {
        var ring = AudioSampleRing(capacity: 1000)
        write(&ring, ramp(from: 0, count: 100))
        write(&ring, ramp(from: 100, count: 1500))
        #expect(ring.overflows == 1)
        #expect(ring.droppedSamples == 600)
        #expect(read(&ring, 1000) == ramp(from: 600, count: 1000))
    }

    @Test func sixteenBitWritesAreConvertedToFloat() {
        var ring = AudioSampleRing()
        let samples: [Int16] = [16384, -32768, 0]
        samples.withUnsafeBufferPointer { ring.write($0) }
        #expect(read(&ring, 3) == [0.5, -1, 0])
    }
}
