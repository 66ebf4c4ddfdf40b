// SRTP cost per 160-octet-payload RTP packet (20 ms of G.711) for each SDES suite: protect and unprotect through
// the SRTP wrapper, next to the same libsrtp calls made directly. `swift run -c release srtp-bench [packets]`.
import Foundation
import SRTP

let packets = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
let payloadLength = 160
let masterKey = (0..<16).map { UInt8($0) }
let masterSalt = (0..<14).map { UInt8(0xA0 + $0) }

/// An RTP packet with sequence number `index` (ROC carried by the SRTP context when it wraps).
func rtpPacket(_ index: Int, into buffer: UnsafeMutableRawBufferPointer) {
    let header: [UInt8] = [0x80, 0x00, UInt8(truncatingIfNeeded: index >> 8), UInt8(truncatingIfNeeded: index),
                           0, 0, 0, 0, 0xCA, 0xFE, 0xBA, 0xBE]
    buffer.copyBytes(from: header)
    for offset in 12..<(12 + payloadLength) { buffer[offset] = 0xD5 }
}

func nanoseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start)
}

let stride = 12 + payloadLength + 160
let store = UnsafeMutableRawBufferPointer.allocate(byteCount: stride * packets, alignment: 16)
store.initializeMemory(as: UInt8.self, repeating: 0)  // fault the pages in before timing
let rounds = 5

/// Protects `packets` packets, then unprotects them all, in `rounds` rounds with sequence numbers running on;
/// keeps each direction's fastest round, the one least disturbed by other work on the machine.
@MainActor func measure(
    protect: (UnsafeMutableRawBufferPointer, Int) throws -> Int,
    unprotect: (UnsafeMutableRawBufferPointer, Int) throws -> Int
) throws -> (protect: Double, unprotect: Double) {
    var lengths = [Int](repeating: 0, count: packets)
    var best = (protect: Double.infinity, unprotect: Double.infinity)
    for round in 0..<rounds {
        let protectTime = try nanoseconds {
            for index in 0..<packets {
                let slot = UnsafeMutableRawBufferPointer(rebasing: store[index * stride..<(index + 1) * stride])
                rtpPacket(round * packets + index, into: slot)
                lengths[index] = try protect(slot, 12 + payloadLength)
            }
        }
        let unprotectTime = try nanoseconds {
            for index in 0..<packets {
                let slot = UnsafeMutableRawBufferPointer(rebasing: store[index * stride..<(index + 1) * stride])
                let length = try unprotect(slot, lengths[index])
                precondition(length == 12 + payloadLength)
            }
        }
        best = (min(best.protect, protectTime / Double(packets)), min(best.unprotect, unprotectTime / Double(packets)))
    }
    return best
}

// The wrapper's contexts come first: they run srtp_init, which libsrtp allows once per process.
let suites: [(name: String, wrapper: () throws -> (SRTPContext, SRTPContext), salt: Int)] = [
    ("AES_CM_128_HMAC_SHA1_80", {
        (try SRTPContext(suite: .aesCM128HMACSHA1_80, direction: .outbound, masterKey: masterKey, masterSalt: masterSalt),
         try SRTPContext(suite: .aesCM128HMACSHA1_80, direction: .inbound, masterKey: masterKey, masterSalt: masterSalt))
    }, 14),
    ("AES_CM_128_HMAC_SHA1_32", {
        (try SRTPContext(suite: .aesCM128HMACSHA1_32, direction: .outbound, masterKey: masterKey, masterSalt: masterSalt),
         try SRTPContext(suite: .aesCM128HMACSHA1_32, direction: .inbound, masterKey: masterKey, masterSalt: masterSalt))
    }, 14),
    ("AEAD_AES_128_GCM", {
        (try SRTPContext(suite: .aeadAES128GCM, direction: .outbound, masterKey: masterKey,
                         masterSalt: Array(masterSalt.prefix(12))),
         try SRTPContext(suite: .aeadAES128GCM, direction: .inbound, masterKey: masterKey,
                         masterSalt: Array(masterSalt.prefix(12))))
    }, 12),
]

print("SRTP per packet (12-octet header + \(payloadLength)-octet payload), best of \(rounds) rounds of \(packets), ns")
print("suite                      wrapper protect  unprotect   libsrtp protect  unprotect")
for suite in suites {
    let (sender, receiver) = try suite.wrapper()
    let wrapped = try measure(
        protect: { try sender.protect(rtp: $0, length: $1) },
        unprotect: { try receiver.unprotect(rtp: $0, length: $1) })
    let directSender = try LibSRTPDirect(suite: suite.name, outbound: true,
                                         keySalt: masterKey + masterSalt.prefix(suite.salt))
    let directReceiver = try LibSRTPDirect(suite: suite.name, outbound: false,
                                           keySalt: masterKey + masterSalt.prefix(suite.salt))
    let direct = try measure(protect: directSender.protect, unprotect: directReceiver.unprotect)
    print(suite.name.padding(toLength: 26, withPad: " ", startingAt: 0),
          String(format: "%15.0f %10.0f %17.0f %10.0f", wrapped.protect, wrapped.unprotect, direct.protect, direct.unprotect))
}
