// Video codec throughput on one core: H.264 (libx264, presets ultrafast and veryfast) and VP8 (libvpx, realtime)
// encode, H.264 and VP8 decode, at 1280x720 and 640x360, through FFmpegCodecs — beside the same work done by the
// `ffmpeg` command-line tool on the same frames, so the Swift layer's overhead is visible.
// Each figure is the best of `rounds` runs (least disturbed by other work on the machine), for both sides.
// `swift run -c release --package-path Tools/bench/swift video-bench [frames] [rounds]`.
import FFmpegCodecs
import Foundation
import Mixing

let frameCount = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 300
let rounds = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 3
let ffmpeg = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// CPU time of the calling thread, in seconds: what one core spent, whatever else the machine is doing.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func wallSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU and wall seconds spent in `body` alone.
struct Cost {
    var cpu = 0.0
    var wall = 0.0

    mutating func add<T>(_ body: () throws -> T) rethrows -> T {
        let (c0, w0) = (threadCPUSeconds(), wallSeconds())
        defer {
            cpu += threadCPUSeconds() - c0
            wall += wallSeconds() - w0
        }
        return try body()
    }

    func fps(_ frames: Int) -> Double { Double(frames) / cpu }
}

/// The run with the least CPU time of `rounds` runs of `body`, and that run's result.
func best<T>(_ body: () throws -> (Cost, T)) rethrows -> (Cost, T) {
    var result = try body()
    for _ in 1..<max(rounds, 1) {
        let next = try body()
        if next.0.cpu < result.0.cpu { result = next }
    }
    return result
}

/// ffmpeg's fastest of `rounds` runs with `arguments`.
func ffmpegCost(_ arguments: [String]) throws -> Cost {
    try best { (try ffmpegRun(arguments), ()) }.0
}

/// Runs ffmpeg with `-benchmark` and returns its user + system CPU seconds and wall seconds.
func ffmpegRun(_ arguments: [String]) throws -> Cost {
    guard let ffmpeg else { throw BenchFailure("the ffmpeg command-line tool is not installed") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ffmpeg)
    process.arguments = ["-hide_banner", "-nostdin", "-benchmark", "-y"] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchFailure("ffmpeg \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n\(text)")
    }
    // "bench: utime=1.234s stime=0.012s rtime=1.300s"
    guard let line = text.split(separator: "\n").last(where: { $0.contains("utime=") }) else {
        throw BenchFailure("no -benchmark line from ffmpeg:\n\(text)")
    }
    func field(_ name: String) -> Double {
        guard let range = line.range(of: name + "=") else { return .nan }
        return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? .nan
    }
    return Cost(cpu: field("utime") + field("stime"), wall: field("rtime"))
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An IVF file (32-octet header, then a 12-octet header before each frame), the container ffmpeg reads VP8 from.
func ivf(frames: [[UInt8]], width: Int, height: Int) -> Data {
    var out = Data("DKIF".utf8)
    func le16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: Int) { le16(v & 0xFFFF); le16(v >> 16 & 0xFFFF) }
    le16(0); le16(32)
    out += Data("VP80".utf8)
    le16(width); le16(height); le32(30); le32(1); le32(frames.count); le32(0)
    for (index, frame) in frames.enumerated() {
        le32(frame.count); le32(index); le32(0)
        out += frame
    }
    return out
}

/// Packed I420 rows, as `-f rawvideo -pix_fmt yuv420p` reads them.
func appendRaw(_ frame: I420Frame, to handle: FileHandle) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(frame.width * frame.height * 3 / 2)
    for (plane, stride, w, h) in [(frame.y, frame.lumaStride, frame.width, frame.height),
                                  (frame.u, frame.chromaStride, frame.chromaWidth, frame.chromaHeight),
                                  (frame.v, frame.chromaStride, frame.chromaWidth, frame.chromaHeight)] {
        for row in 0..<h { bytes += plane[(row * stride)..<(row * stride + w)] }
    }
    handle.write(Data(bytes))
}

struct Row {
    var operation: String
    var size: String
    var huiyi: Cost
    var ffmpeg: Cost?
    var ffmpegTestsrc2: Cost?
    var kbps: Double?
}

func encode(_ encoder: some VideoEncoder, _ frames: [I420Frame]) throws -> (Cost, [[UInt8]]) {
    var cost = Cost()
    var output = EncodedVideoFrame()
    var units: [[UInt8]] = []
    for frame in frames {
        if try cost.add({ try encoder.encode(frame, into: &output) }) { units.append(output.bytes) }
    }
    return (cost, units)
}

func decode(_ decoder: some VideoDecoder, _ units: [[UInt8]], width: Int, height: Int) throws -> Cost {
    var cost = Cost()
    var pictures = 0
    for unit in units {
        if let picture = try cost.add({ try decoder.decode(unit) }) {
            precondition(picture.width == width && picture.height == height, "decoded a wrongly sized picture")
            pictures += 1
            decoder.recycle(picture)
        }
    }
    precondition(pictures == units.count, "decoded \(pictures) of \(units.count) pictures")
    return cost
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiyi-video-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

var rows: [Row] = []
for (width, height, bitrate) in [(1280, 720, 2_500_000), (640, 360, 800_000)] {
    let size = "\(width)x\(height)"
    let pattern = VideoTestPattern(width: width, height: height)
    let frames = (0..<frameCount).map { pattern.frame($0) }
    let raw = directory.appendingPathComponent("pattern-\(size).yuv")
    guard FileManager.default.createFile(atPath: raw.path, contents: nil) else { throw BenchFailure("cannot create \(raw.path)") }
    let handle = try FileHandle(forWritingTo: raw)
    for frame in frames { appendRaw(frame, to: handle) }
    try handle.close()
    let rawInput = ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-r", "30", "-i", raw.path]
    let testsrc2 = ["-f", "lavfi", "-i", "testsrc2=size=\(size):rate=30", "-frames:v", "\(frameCount)"]
    let rate = "\(bitrate / 1000)k"
    let settings = VideoEncoderSettings(width: width, height: height, bitrate: bitrate, keyframeInterval: 300)

    // ffmpeg's cost of reading the raw frames and discarding them, included in every ffmpeg encode figure below.
    let reading = try ffmpegCost(rawInput + ["-f", "null", "-"])
    rows.append(Row(operation: "ffmpeg: read raw frames only", size: size, huiyi: Cost(), ffmpeg: reading))

    var h264Stream: [[UInt8]] = []
    for preset in [H264Preset.ultrafast, .veryfast] {
        let (cost, units) = try best { try encode(try H264Encoder(settings: settings, preset: preset), frames) }
        if preset == .veryfast { h264Stream = units }
        // The options H264Encoder opens libx264 with, on the command line.
        let x264 = ["-c:v", "libx264", "-preset", preset.rawValue, "-tune", "zerolatency", "-profile:v", "baseline",
                    "-bf", "0", "-g", "300", "-b:v", rate, "-maxrate", rate, "-bufsize", rate, "-forced-idr", "1",
                    "-x264-params", "repeat-headers=1:annexb=1:scenecut=0", "-threads", "1", "-f", "null", "-"]
        rows.append(Row(
            operation: "H.264 encode, \(preset.rawValue)", size: size, huiyi: cost,
            ffmpeg: try ffmpegCost(rawInput + x264), ffmpegTestsrc2: try ffmpegCost(testsrc2 + x264),
            kbps: Double(units.reduce(0) { $0 + $1.count }) * 8 * 30 / Double(frameCount) / 1000))
    }

    let (vp8Cost, vp8Stream) = try best { try encode(try VP8Encoder(settings: settings), frames) }
    // The options VP8Encoder opens libvpx with (cpu-used 8 is its default).
    let vpx = ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-error-resilient", "default",
               "-lag-in-frames", "0", "-auto-alt-ref", "0", "-g", "300", "-b:v", rate, "-minrate", rate,
               "-maxrate", rate, "-bufsize", rate, "-qmin", "4", "-qmax", "56", "-threads", "1", "-f", "null", "-"]
    rows.append(Row(
        operation: "VP8 encode, realtime cpu-used 8", size: size, huiyi: vp8Cost,
        ffmpeg: try ffmpegCost(rawInput + vpx), ffmpegTestsrc2: try ffmpegCost(testsrc2 + vpx),
        kbps: Double(vp8Stream.reduce(0) { $0 + $1.count }) * 8 * 30 / Double(frameCount) / 1000))

    // Decoding the streams just made (H.264 from the veryfast run), one thread on both sides.
    let h264File = directory.appendingPathComponent("stream-\(size).h264")
    try Data(h264Stream.joined()).write(to: h264File)
    rows.append(Row(
        operation: "H.264 decode (veryfast stream)", size: size,
        huiyi: try best { (try decode(try H264Decoder(), h264Stream, width: width, height: height), ()) }.0,
        ffmpeg: try ffmpegCost(["-threads", "1", "-f", "h264", "-i", h264File.path, "-f", "null", "-"])))
    let vp8File = directory.appendingPathComponent("stream-\(size).ivf")
    try ivf(frames: vp8Stream, width: width, height: height).write(to: vp8File)
    rows.append(Row(
        operation: "VP8 decode", size: size,
        huiyi: try best { (try decode(try VP8Decoder(), vp8Stream, width: width, height: height), ()) }.0,
        ffmpeg: try ffmpegCost(["-threads", "1", "-f", "ivf", "-i", vp8File.path, "-f", "null", "-"])))
    try FileManager.default.removeItem(at: raw)
}

func format(_ value: Double) -> String { String(format: "%.0f", value) }
print("\(frameCount) frames of Mixing.VideoTestPattern, best of \(rounds) runs; frames per second of one core's CPU time (wall-clock fps of that run in brackets)")
print("| operation | size | Huiyi fps | ffmpeg CLI fps, same frames | Huiyi/ffmpeg | ffmpeg CLI fps, testsrc2 | kb/s |")
print("|---|---|--:|--:|--:|--:|--:|")
for row in rows {
    let huiyi = row.huiyi.cpu > 0 ? "\(format(row.huiyi.fps(frameCount))) (\(format(Double(frameCount) / row.huiyi.wall)))" : "—"
    let peer = row.ffmpeg.map { "\(format($0.fps(frameCount))) (\(format(Double(frameCount) / $0.wall)))" } ?? "—"
    let ratio = row.ffmpeg.flatMap { f in row.huiyi.cpu > 0 ? String(format: "×%.2f", row.huiyi.fps(frameCount) / f.fps(frameCount)) : nil } ?? "—"
    let testsrc = row.ffmpegTestsrc2.map { "\(format($0.fps(frameCount))) (\(format(Double(frameCount) / $0.wall)))" } ?? "—"
    let kbps = row.kbps.map(format) ?? "—"
    print("| \(row.operation) | \(row.size) | \(huiyi) | \(peer) | \(ratio) | \(testsrc) | \(kbps) |")
}
