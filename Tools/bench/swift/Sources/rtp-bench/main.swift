// RTP receive path per packet: `RTPPacket.parse` (in place) + payload access + `RTPHeader.write` into a reused
// buffer, for a plain 12-octet-header audio packet and for one carrying an RFC 8285 one-byte header extension with
// the RFC 6464 audio level; then `JitterBuffer` insert + pop. Nanoseconds and heap allocations per packet.
// Allocation counts need the interposer preloaded:
//   LD_PRELOAD=Tools/bench/swift/.build/release/libMallocInterposerSwift.so \
//       Tools/bench/swift/.build/release/rtp-bench [packets]
import Foundation
import MallocInterposerSwift
import RTP

let packets = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let rounds = 5
let payloadSize = 160  // 20 ms of PCMU; an Opus voice packet at 32 kb/s is 80

func nanoseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start)
}

/// Heap allocations made by `body`, or nil when the interposer is not preloaded (an allocation made on purpose
/// is not seen).
func allocations(_ body: () -> Void) -> Int? {
    MallocInterposerSwift.initialize()
    MallocInterposerSwift.hook()
    let probe = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
    probe.deallocate()
    body()
    MallocInterposerSwift.unhook()
    let count = Int(MallocInterposerSwift.getStatistics().mallocCount)
    return count >= 1 ? count - 1 : nil
}

func perPacket(_ count: Int?) -> String {
    guard let count else { return "n/a (run with LD_PRELOAD of libMallocInterposerSwift.so)" }
    return String(format: "%d in %d packets (%.3f per packet)", count, packets, Double(count) / Double(packets))
}

// MARK: - Parse + serialize

/// The header a sender writes for each packet: built once, then only its sequence number and timestamp change.
func header(audioLevel: Bool) -> RTPHeader {
    var header = RTPHeader(payloadType: 111, sequenceNumber: 0, timestamp: 0, ssrc: 0x1234_5678)
    if audioLevel {
        header.headerExtension = try! RTPHeaderExtension(elements: [
            HeaderExtensionElement(id: 1, value: [AudioLevel(voiceActivity: true, level: 30).serialized])
        ])
    }
    return header
}

struct Case {
    var name: String
    var audioLevel: Bool = false
    /// Contributing sources in the received packet, copied into the reused outgoing header as a mixer would.
    var csrcs: [UInt32] = []
}

/// Parses `input`, reads its payload (and audio level), and writes a packet with the same header fields and payload
/// into `output`; the input's sequence number and timestamp change every packet as a stream's do.
@inline(never)
func receiveAndForward(
    count: Int, audioLevel: Bool, input: UnsafeMutableRawBufferPointer, output: UnsafeMutableRawBufferPointer,
    header: inout RTPHeader
) -> Int {
    var sink = 0
    for index in 0..<count {
        let sequence = UInt16(truncatingIfNeeded: index)
        input[2] = UInt8(sequence >> 8)
        input[3] = UInt8(truncatingIfNeeded: sequence)
        input[7] = UInt8(truncatingIfNeeded: index)
        guard let packet = try? RTPPacket.parse(UnsafeRawBufferPointer(input)) else { return -1 }
        let payload = packet.payload(in: UnsafeRawBufferPointer(input))
        if audioLevel, let range = packet.extensionElement(id: 1, in: UnsafeRawBufferPointer(input)) {
            sink &+= Int(input[range.lowerBound] & 0x7F)
        }
        header.sequenceNumber = packet.sequenceNumber
        header.timestamp = packet.timestamp
        header.marker = packet.marker
        if packet.csrcCount > 0 || !header.csrcs.isEmpty {
            // In place: the list keeps its storage, so only the first packet allocates it.
            header.csrcs.removeAll(keepingCapacity: true)
            for index in 0..<packet.csrcCount { header.csrcs.append(packet.csrc(index, in: UnsafeRawBufferPointer(input))) }
        }
        guard let written = try? header.write(payload: payload, into: output) else { return -1 }
        sink &+= written &+ Int(payload[payload.count - 1])
    }
    return sink
}

let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1500, alignment: 16)
let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 1500, alignment: 16)
defer {
    input.deallocate()
    output.deallocate()
}

print("RTP parse + payload access + serialize into a reused buffer, \(payloadSize)-octet payload, \(packets) packets, best of \(rounds):")
for testCase in [Case(name: "plain 12-octet header"),
                 Case(name: "one-byte extension (audio level)", audioLevel: true),
                 Case(name: "3 CSRCs, copied into a reused header", csrcs: [11, 22, 33])] {
    var sender = header(audioLevel: testCase.audioLevel)
    sender.csrcs = testCase.csrcs
    let payload = (0..<payloadSize).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let length = payload.withUnsafeBytes { try! sender.write(payload: $0, into: input) }
    let view = UnsafeMutableRawBufferPointer(rebasing: input[0..<length])
    var forwarder = header(audioLevel: testCase.audioLevel)
    forwarder.csrcs.reserveCapacity(15)
    // Check once, outside the measured loop: the forwarded packet is the received one.
    _ = receiveAndForward(count: 1, audioLevel: testCase.audioLevel, input: view, output: output, header: &forwarder)
    precondition(memcmp(view.baseAddress!, output.baseAddress!, length) == 0, "forwarded packet differs")

    var sink = 0
    var best = Double.infinity
    for _ in 0..<rounds {
        let time = nanoseconds {
            sink &+= receiveAndForward(
                count: packets, audioLevel: testCase.audioLevel, input: view, output: output, header: &forwarder)
        }
        best = min(best, time / Double(packets))
    }
    let counted = allocations {
        sink &+= receiveAndForward(
            count: packets, audioLevel: testCase.audioLevel, input: view, output: output, header: &forwarder)
    }
    let name = testCase.name.padding(toLength: 38, withPad: " ", startingAt: 0)
    print("  \(name) \(length) octets  " + String(format: "%6.1f ns/packet", best)
        + "  allocations: \(perPacket(counted))  (sink \(sink % 7))")
}

// The conveniences that build owning values allocate, as their documentation says; how much, per packet.
@inline(never)
func ownedHeaders(count: Int, bytes: [UInt8]) -> Int {
    var sink = 0
    for index in 0..<count {
        guard let packet = try? RTPPacket.parse(bytes) else { return -1 }
        let header = packet.header(in: bytes)
        sink &+= header.csrcs.count &+ (header.headerExtension?.data.count ?? 0) &+ index
    }
    return sink
}

@inline(never)
func freshHeaders(count: Int, csrcs: (UInt32, UInt32, UInt32)) -> Int {
    var sink = 0
    for index in 0..<count {
        let header = RTPHeader(
            payloadType: 111, sequenceNumber: UInt16(truncatingIfNeeded: index), timestamp: UInt32(index),
            ssrc: 1, csrcs: [csrcs.0, csrcs.1, csrcs.2])
        sink &+= header.size
    }
    return sink
}

do {
    var withBoth = header(audioLevel: true)
    withBoth.csrcs = [11, 22, 33]
    let bytes = withBoth.serialized(payload: [UInt8](repeating: 1, count: payloadSize))
    var sink = 0
    print("Allocating conveniences (control paths), per packet:")
    let owned = allocations { sink &+= ownedHeaders(count: packets, bytes: bytes) }
    print("  RTPPacket.parse([UInt8]) + header(in:), 3 CSRCs + audio level: allocations: \(perPacket(owned))")
    let fresh = allocations { sink &+= freshHeaders(count: packets, csrcs: (11, 22, UInt32(sink & 1))) }
    print("  RTPHeader(…, csrcs: [3 sources]) built per packet:             allocations: \(perPacket(fresh))  (sink \(sink % 7))")
}

// MARK: - Jitter buffer

/// A 20 ms audio stream (48 kHz RTP clock) arriving with up to `jitter` ms of extra delay, every packet inserted and
/// then everything due popped: `count` insert + pop pairs on one buffer that has already cycled through its slots.
@inline(never)
func jitterBufferRun(
    _ buffer: inout JitterBuffer, from first: Int, count: Int, jitterMilliseconds: Int64,
    payload: UnsafeRawBufferPointer, seed: inout UInt64
) -> Int {
    var sink = 0
    var arrival = MediaInstant(nanoseconds: Int64(first - 1) * 20_000_000)
    for index in first..<(first + count) {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        let delay = jitterMilliseconds == 0 ? 0 : Int64(seed >> 33) % (jitterMilliseconds * 1_000_000)
        // In order on the wire, so a late packet holds back the ones behind it.
        arrival = max(arrival, MediaInstant(nanoseconds: Int64(index) * 20_000_000 + delay))
        _ = buffer.insert(
            sequenceNumber: UInt16(truncatingIfNeeded: index), timestamp: UInt32(truncatingIfNeeded: index * 960),
            payload: payload, arrival: arrival)
        while let output = buffer.pop(now: arrival) {
            switch output {
            case .packet(let packet): sink &+= packet.payload.count &+ Int(packet.sequenceNumber)
            case .lost: sink &+= 1
            }
        }
    }
    return sink
}

print("JitterBuffer insert + pop, \(payloadSize)-octet payload, 48 kHz clock, 20 ms packets, \(packets) packets, best of \(rounds):")
for jitter: Int64 in [0, 30] {
    let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: payloadSize, alignment: 16)
    defer { payload.deallocate() }
    payload.initializeMemory(as: UInt8.self, repeating: 0x55)
    var buffer = JitterBuffer(clockRate: 48000)
    var seed: UInt64 = 42
    var next = 0
    var sink = 0
    // Warm-up: every slot's payload storage is allocated once, on its first packet.
    sink &+= jitterBufferRun(
        &buffer, from: next, count: 4 * buffer.configuration.capacity, jitterMilliseconds: jitter,
        payload: UnsafeRawBufferPointer(payload), seed: &seed)
    next += 4 * buffer.configuration.capacity
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = next
        let time = nanoseconds {
            sink &+= jitterBufferRun(
                &buffer, from: start, count: packets, jitterMilliseconds: jitter,
                payload: UnsafeRawBufferPointer(payload), seed: &seed)
        }
        next += packets
        best = min(best, time / Double(packets))
    }
    let start = next
    let counted = allocations {
        sink &+= jitterBufferRun(
            &buffer, from: start, count: packets, jitterMilliseconds: jitter,
            payload: UnsafeRawBufferPointer(payload), seed: &seed)
    }
    let stats = buffer.statistics
    print("  arrival jitter 0–\(jitter) ms  " + String(format: "%6.1f ns/packet", best)
        + "  allocations: \(perPacket(counted))  (played \(stats.played), lost \(stats.lost), late \(stats.late),"
        + " target delay \(stats.targetDelay); sink \(sink % 7))")
}
