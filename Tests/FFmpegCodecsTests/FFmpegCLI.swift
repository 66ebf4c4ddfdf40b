import Foundation
import Mixing
import RTP
import XCTest

/// Test helper: runs the `ffmpeg` command-line tool and moves raw I420 pictures, Annex B streams and IVF files
/// between it and Huiyi's frames.
enum FFmpegCLI {
    static let executable = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs ffmpeg with `arguments` (quiet, overwriting outputs); fails the test with its stderr on a non-zero exit.
    static func run(_ arguments: [String]) throws {
        guard let executable else { throw XCTSkip("the ffmpeg command-line tool is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIFailure(status: process.terminationStatus, stderr: String(decoding: message, as: UTF8.self))
        }
    }

    struct CLIFailure: Error, CustomStringConvertible {
        var status: Int32
        var stderr: String
        var description: String { "ffmpeg exited \(status): \(stderr)" }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huiyi-video-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Packed I420 (`-f rawvideo -pix_fmt yuv420p`): every plane's rows without padding, frame after frame.
    static func rawFrames(_ data: Data, width: Int, height: Int) -> [I420Frame] {
        let bytes = [UInt8](data)
        let cw = (width + 1) / 2, ch = (height + 1) / 2
        let frameSize = width * height + 2 * cw * ch
        return stride(from: 0, to: bytes.count - frameSize + 1, by: frameSize).map { start in
            var frame = I420Frame(width: width, height: height)
            let (lumaStride, chromaStride) = (frame.lumaStride, frame.chromaStride)
            frame.withMutablePlanes { y, u, v in
                var offset = start
                let planes = [(y, lumaStride, width, height), (u, chromaStride, cw, ch), (v, chromaStride, cw, ch)]
                for (plane, stride, w, h) in planes {
                    for row in 0..<h {
                        let line = plane[(row * stride)..<(row * stride + w)]
                        _ = line.update(fromContentsOf: bytes[offset..<(offset + w)])
                        offset += w
                    }
                }
            }
            return frame
        }
    }

    /// Splits an Annex B byte stream into access units (ITU-T H.264 §7.4.1.2.3): a new one starts at an access unit
    /// delimiter, SEI or parameter set after a slice, or at a slice with first_mb_in_slice = 0 after a slice.
    static func accessUnits(annexB bytes: [UInt8]) -> [[UInt8]] {
        var units: [[UInt8]] = []
        var current: [UInt8] = []
        var sawSlice = false
        for nal in H264Packetizer.nalUnits(annexB: bytes) {
            let type = nal.first! & 0x1F
            let isSlice = type == 1 || type == 5
            // first_mb_in_slice is ue(v): the value 0 is the single bit 1.
            let startsPicture = isSlice && nal.count > 1 && nal[nal.startIndex + 1] & 0x80 != 0
            if sawSlice && ((6...9).contains(type) || startsPicture) {
                units.append(current)
                current = []
                sawSlice = false
            }
            current += [0, 0, 0, 1] + nal
            sawSlice = sawSlice || isSlice
        }
        if !current.isEmpty { units.append(current) }
        return units
    }

    /// An IVF file (the VP8 test container: 32-byte header, then a 12-byte header before each frame).
    static func ivf(frames: [[UInt8]], width: Int, height: Int, frameRate: Int) -> Data {
        var out = Data("DKIF".utf8)
        func le16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) { le16(v & 0xFFFF); le16(v >> 16 & 0xFFFF) }
        le16(0)  // version
        le16(32)  // header size
        out += Data("VP80".utf8)
        le16(width)
        le16(height)
        le32(frameRate)  // time base denominator
        le32(1)  // time base numerator
        le32(frames.count)
        le32(0)
        for (index, frame) in frames.enumerated() {
            le32(frame.count)
            le32(index)  // presentation time, low and high words
            le32(0)
            out += frame
        }
        return out
    }

    /// The frames of an IVF file.
    static func ivfFrames(_ data: Data) -> [[UInt8]] {
        let bytes = [UInt8](data)
        guard bytes.count >= 32, bytes[0..<4] == [0x44, 0x4B, 0x49, 0x46] else { return [] }
        var frames: [[UInt8]] = []
        var offset = Int(bytes[6]) | Int(bytes[7]) << 8
        while offset + 12 <= bytes.count {
            let size = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            offset += 12
            guard offset + size <= bytes.count else { break }
            frames.append(Array(bytes[offset..<(offset + size)]))
            offset += size
        }
        return frames
    }
}
