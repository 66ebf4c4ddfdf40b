// Opus cost per 20 ms frame (48 kHz mono, 32 kb/s, in-band FEC on, 5 % expected loss) at complexity 5 and 10:
// encode and decode through the OpusCodec wrapper, next to the same libopus calls made directly.
// `swift run -c release opus-bench [frames]`.
import CLibOpusBaseline
import Foundation
import Mixing
import OpusCodec

let frames = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 2_000
let samplesPerFrame = 960
let bitrate = 32000
let rounds = 5

/// One second of a voice-like signal (a gliding 120–240 Hz pitch with five harmonics and a little noise), looped.
let signal: [[Int16]] = {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    var phase = 0.0
    return (0..<50).map { frame in
        (0..<samplesPerFrame).map { instant in
            let t = Double(frame * samplesPerFrame + instant) / 48000
            phase += 2 * Double.pi * (180 + 60 * sin(2 * Double.pi * 0.7 * t)) / 48000
            var value = 0.0
            for harmonic in 1...5 { value += 0.3 / Double(harmonic) * sin(Double(harmonic) * phase) }
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            value += (Double(seed >> 11) / Double(1 << 53) - 0.5) * 0.02
            return Int16(max(-32768, min(32767, value * 32767)))
        }
    }
}()
let audioFrames = signal.map { AudioFrame(int16: $0, sampleRate: 48000, channels: 1) }

struct Result {
    var encode: Double
    var decode: Double
    var bytes: Int
    var modes: String
}

func nanoseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start)
}

/// Fastest round's ns per frame for `encode` then `decode` over `frames` frames: the round least disturbed by
/// other work on the machine. Payloads are kept so decoding reads what encoding wrote.
func measure(
    encode: (Int, UnsafeMutableRawBufferPointer) throws -> Int,
    decode: (UnsafeRawBufferPointer) throws -> Void
) rethrows -> Result {
    let slot = 1500
    let store = UnsafeMutableRawBufferPointer.allocate(byteCount: slot * frames, alignment: 16)
    defer { store.deallocate() }
    store.initializeMemory(as: UInt8.self, repeating: 0)
    var lengths = [Int](repeating: 0, count: frames)
    var best = Result(encode: .infinity, decode: .infinity, bytes: 0, modes: "")
    for _ in 0..<rounds {
        let encodeTime = try nanoseconds {
            for index in 0..<frames {
                lengths[index] = try encode(index % 50, UnsafeMutableRawBufferPointer(rebasing: store[index * slot..<(index + 1) * slot]))
            }
        }
        let decodeTime = try nanoseconds {
            for index in 0..<frames {
                try decode(UnsafeRawBufferPointer(rebasing: store[index * slot..<index * slot + lengths[index]]))
            }
        }
        best.encode = min(best.encode, encodeTime / Double(frames))
        best.decode = min(best.decode, decodeTime / Double(frames))
        best.bytes = lengths.reduce(0, +)
    }
    // RFC 6716 §3.1: the TOC byte's configuration 0–11 is SILK, 12–15 hybrid, 16–31 CELT.
    var counts = (silk: 0, hybrid: 0, celt: 0)
    for index in 0..<frames {
        switch store[index * slot] >> 3 {
        case 0...11: counts.silk += 1
        case 12...15: counts.hybrid += 1
        default: counts.celt += 1
        }
    }
    best.modes = "SILK \(counts.silk) / hybrid \(counts.hybrid) / CELT \(counts.celt)"
    return best
}

func wrapper(complexity: Int) throws -> Result {
    let encoder = try OpusAudioEncoder(OpusEncoderConfiguration(
        bitrate: bitrate, complexity: complexity, inbandFEC: true, expectedPacketLossPercent: 5))
    let decoder = try OpusAudioDecoder()
    var output = AudioFrame(sampleRate: 48000, channels: 1, samplesPerChannel: samplesPerFrame)
    return try measure(
        encode: { try encoder.encode(audioFrames[$0], into: $1) },
        decode: { try decoder.decode($0, into: &output) })
}

func direct(complexity: Int) -> Result {
    var error: Int32 = 0
    let encoder = opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &error)!
    let decoder = opus_decoder_create(48000, 1, &error)!
    defer {
        opus_encoder_destroy(encoder)
        opus_decoder_destroy(decoder)
    }
    precondition(huiyi_bench_opus_configure(encoder, Int32(bitrate), Int32(complexity)) == OPUS_OK)
    var pcm = [Int16](repeating: 0, count: samplesPerFrame)
    return measure(
        encode: { index, output in
            let count = signal[index].withUnsafeBufferPointer {
                opus_encode(encoder, $0.baseAddress!, Int32(samplesPerFrame),
                            output.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(output.count))
            }
            precondition(count > 0)
            return Int(count)
        },
        decode: { payload in
            let count = pcm.withUnsafeMutableBufferPointer {
                opus_decode(decoder, payload.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(payload.count),
                            $0.baseAddress!, Int32(samplesPerFrame), 0)
            }
            precondition(count == samplesPerFrame)
        })
}

print("opus-bench: \(frames) frames of 20 ms, 48 kHz mono, \(bitrate / 1000) kb/s, FEC on; best of \(rounds) rounds")
print("complexity  path     encode ns/frame  decode ns/frame  kb/s  frames by mode")
for complexity in [5, 10] {
    for (name, result) in [("wrapper", try wrapper(complexity: complexity)), ("libopus", direct(complexity: complexity))] {
        let kbps = Double(result.bytes * 8) / (Double(frames) * 0.02) / 1000
        let row = String(format: "%10d  %-7@  %15.0f  %15.0f  %4.1f", complexity, name, result.encode, result.decode, kbps)
        print("\(row)  \(result.modes)")
    }
}
