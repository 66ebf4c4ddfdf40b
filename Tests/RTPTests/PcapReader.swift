import Foundation
import XCTest

/// A minimal libpcap reader for the test captures: global header, per-packet headers, and
/// Ethernet/IPv4/UDP unwrapped to the UDP payload.
struct PcapPacket {
    /// Capture time in microseconds.
    var microseconds: Int64
    var udpPayload: [UInt8]
}

enum PcapReader {
    static func fixture(_ name: String) throws -> [PcapPacket] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "pcap", subdirectory: "Fixtures"))
        return try read([UInt8](Data(contentsOf: url)))
    }

    static func read(_ bytes: [UInt8]) throws -> [PcapPacket] {
        struct Malformed: Error { var reason: String }
        guard bytes.count >= 24 else { throw Malformed(reason: "global header") }
        let magic = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let littleEndian: Bool
        switch magic {
        case 0xD4C3_B2A1: littleEndian = true
        case 0xA1B2_C3D4: littleEndian = false
        default: throw Malformed(reason: "magic \(magic)")
        }
        func u32(_ o: Int) -> UInt32 {
            let word = bytes[o..<(o + 4)]
            return (littleEndian ? word.reversed() : Array(word)).reduce(0) { $0 << 8 | UInt32($1) }
        }
        guard u32(20) == 1 else { throw Malformed(reason: "link type \(u32(20)) is not Ethernet") }
        var packets: [PcapPacket] = []
        var offset = 24
        while offset + 16 <= bytes.count {
            let time = Int64(u32(offset)) * 1_000_000 + Int64(u32(offset + 4))
            let length = Int(u32(offset + 8))
            let frame = offset + 16
            offset = frame + length
            guard offset <= bytes.count else { throw Malformed(reason: "packet past end") }
            // Ethernet II (14 octets) with EtherType IPv4, then IPv4 with protocol 17 (UDP).
            guard length >= 14 + 20 + 8, bytes[frame + 12] == 0x08, bytes[frame + 13] == 0x00 else { continue }
            let ip = frame + 14
            let headerLength = Int(bytes[ip] & 0x0F) * 4
            guard bytes[ip + 9] == 17 else { continue }
            let udp = ip + headerLength
            let udpLength = Int(bytes[udp + 4]) << 8 | Int(bytes[udp + 5])
            packets.append(PcapPacket(microseconds: time, udpPayload: Array(bytes[(udp + 8)..<(udp + udpLength)])))
        }
        return packets
    }
}
