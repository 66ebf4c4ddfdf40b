import Foundation
import Mixing
import OpusCodec
import RTP
import XCTest

@testable import FFmpegCodecs

/// Interop with `ffmpeg` as a plain RTP endpoint over UDP on 127.0.0.1: ffmpeg's H.264 (RFC 6184) and Opus
/// (RFC 7587) RTP depacketized and decoded by Huiyi, and Huiyi's packetized output decoded by ffmpeg from an SDP file.
final class FFmpegRTPInteropTests: XCTestCase {
    private let width = 320, height = 240
    /// Every wait on the network or on ffmpeg ends by this many seconds.
    private let timeout: TimeInterval = 30

    // MARK: - ffmpeg sends, Huiyi receives

    func testFFmpegH264OverRTPIsDepacketizedAndDecodedByHuiyi() throws {
        let directory = try FFmpegCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let frameCount = 90
        let testsrc2 = ["-f", "lavfi", "-i", "testsrc2=size=\(width)x\(height):rate=30", "-frames:v", "\(frameCount)"]
        // Given ffmpeg's test pictures as raw frames, for reference
        let reference = directory.appendingPathComponent("testsrc2.yuv")
        try FFmpegCLI.run(testsrc2 + ["-pix_fmt", "yuv420p", "-f", "rawvideo", reference.path])
        let source = FFmpegCLI.rawFrames(try Data(contentsOf: reference), width: width, height: height)
        XCTAssertEqual(source.count, frameCount)

        // When ffmpeg streams the same pictures in real time as Constrained Baseline H.264 RTP to Huiyi's socket
        let rtp = try LoopbackUDPSocket(), rtcp = try LoopbackUDPSocket()
        let sender = try BackgroundFFmpeg(
            ["-re"] + testsrc2 + [
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-profile:v", "baseline",
                "-bf", "0", "-g", "30", "-x264-params", "repeat-headers=1", "-payload_type", "96",
                "-f", "rtp", "rtp://127.0.0.1:\(rtp.port)?rtcpport=\(rtcp.port)&pkt_size=1200",
            ], logIn: directory)
        var depacketizer = H264Depacketizer()
        let decoder = try H264Decoder()
        var tally = PSNRTally()
        var firstTimestamp: UInt32?
        var packets = 0
        for datagram in receiveStream(on: rtp, from: sender) {
            let packet = try RTPPacket.parse(datagram)
            XCTAssertEqual(packet.payloadType, 96, sender.stderr)
            packets += 1
            let first = firstTimestamp ?? packet.timestamp
            firstTimestamp = first
            let events = depacketizer.push(
                sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp, marker: packet.marker,
                payload: packet.payload(in: datagram))
            for case .accessUnit(let unit) in events {
                guard let picture = try decoder.decode(unit.annexB) else { continue }
                // 90 kHz clock, 30 frames a second: 3000 ticks a frame (RFC 6184 §5.1).
                let index = Int((unit.timestamp &- first) / 3000)
                guard index < source.count else { return XCTFail("timestamp \(unit.timestamp) beyond the stream") }
                tally.add(source: source[index], decoded: picture)
                decoder.recycle(picture)
            }
        }
        sender.stop()

        // Then Huiyi reassembles and decodes every picture at its size, each close to ffmpeg's source picture
        XCTAssertEqual(sender.status, 0, sender.stderr)
        XCTAssertGreaterThanOrEqual(packets, frameCount, "at least one packet a picture")
        XCTAssertEqual(depacketizer.lostFrames, 0, sender.stderr)
        XCTAssertEqual(tally.frames, frameCount, sender.stderr)
        XCTAssertGreaterThanOrEqual(tally.worst, 36, "worst PSNR \(tally.worst) dB")
        XCTAssertGreaterThanOrEqual(tally.mean, 40, "mean PSNR \(tally.mean) dB")
    }

    func testFFmpegOpusOverRTPIsDecodedByHuiyiAsTheToneSent() throws {
        let directory = try FFmpegCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        // Given ffmpeg sending three seconds of a 1 kHz sine as Opus RTP (20 ms frames) to Huiyi's socket
        let rtp = try LoopbackUDPSocket(), rtcp = try LoopbackUDPSocket()
        let sender = try BackgroundFFmpeg(
            ["-re", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-t", "3",
             "-c:a", "libopus", "-b:a", "32k", "-ar", "48000", "-ac", "1", "-application", "voip",
             "-frame_duration", "20", "-payload_type", "111",
             "-f", "rtp", "rtp://127.0.0.1:\(rtp.port)?rtcpport=\(rtcp.port)"],
            logIn: directory)
        var payloads: [(sequence: UInt16, payload: [UInt8])] = []
        for datagram in receiveStream(on: rtp, from: sender) {
            let packet = try RTPPacket.parse(datagram)
            XCTAssertEqual(packet.payloadType, 111, sender.stderr)
            payloads.append((packet.sequenceNumber, Array(packet.payload(in: datagram))))
        }
        sender.stop()
        XCTAssertEqual(sender.status, 0, sender.stderr)
        XCTAssertGreaterThanOrEqual(payloads.count, 145, "3 s of 20 ms packets\n\(sender.stderr)")

        // When Huiyi decodes the packets in sequence order
        let first = try XCTUnwrap(payloads.first).sequence
        payloads.sort { SequenceNumber.distance(from: first, to: $0.sequence) < SequenceNumber.distance(from: first, to: $1.sequence) }
        var decoder = try OpusAudioDecoder(sampleRate: 48000, channels: 1)
        var frames: [AudioFrame] = []
        for (_, payload) in payloads {
            let frame = try decoder.decode(payload)
            XCTAssertEqual(frame.samplesPerChannel, 960, "20 ms at 48 kHz")
            frames.append(frame)
        }

        // Then its second second is the 1 kHz tone at lavfi's level of 1/8 full scale (the first second is left out:
        // libopus settles its coding mode there, with a glitch that ffmpeg's own decoding of the stream shows too)
        let samples = Array(AudioTone.channel(0, of: frames).dropFirst(48000).prefix(48000))
        XCTAssertEqual(samples.count, 48000)
        let snr = AudioTone.signalToNoise(samples, frequency: 1000, sampleRate: 48000)
        XCTAssertGreaterThanOrEqual(snr, 30, "1 kHz tone SNR \(snr) dB")
        XCTAssertLessThan(AudioTone.signalToNoise(samples, frequency: 700, sampleRate: 48000), 0)
        let rms = (samples.reduce(0) { $0 + $1 * $1 } / Double(samples.count)).squareRoot()
        XCTAssertEqual(rms, 0.125 / 2.0.squareRoot(), accuracy: 0.02, "RMS level")
    }

    // MARK: - Huiyi sends, ffmpeg receives from an SDP file

    func testHuiyiH264OverRTPIsDecodedByFFmpegFromAnSDPFile() throws {
        let directory = try FFmpegCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Given ffmpeg receiving by the SDP Huiyi would answer with for its H.264 stream (RFC 6184 §8.2.1), three
        // seconds of pictures written raw as they are decoded
        let output = directory.appendingPathComponent("received.yuv")
        let (receiver, port) = try startReceiver(
            media: { ["m=video \($0) RTP/AVP 96", "a=rtpmap:96 H264/90000",
                      "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f"] },
            output: ["-t", "3", "-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", output.path],
            in: directory)

        // When Huiyi encodes four seconds of its test pattern, packetizes it and sends it there at 100 frames a second
        let encoder = try H264Encoder(
            settings: VideoEncoderSettings(width: width, height: height, bitrate: 800_000, keyframeInterval: 30),
            preset: .ultrafast)
        let packetizer = H264Packetizer(maximumPayloadSize: 1200)
        let socket = try LoopbackUDPSocket()
        let pattern = VideoTestPattern(width: width, height: height)
        var header = RTPHeader(payloadType: 96, sequenceNumber: 21_000, timestamp: 0xFFFF_0000, ssrc: 0x4855_4959)
        var unit = EncodedVideoFrame()
        for index in 0..<120 where receiver.isRunning {
            XCTAssertTrue(try encoder.encode(pattern.frame(index), into: &unit))
            let payloads = packetizer.packetize(accessUnit: H264Packetizer.nalUnits(annexB: unit.bytes))
            for (packetIndex, payload) in payloads.enumerated() {
                header.marker = packetIndex == payloads.count - 1
                socket.send(header.serialized(payload: payload), toPort: port)
                header.sequenceNumber &+= 1
            }
            header.timestamp &+= 3000
            usleep(10_000)
        }
        if !receiver.waitForExit(timeout: 10) { receiver.stop() }

        // Then ffmpeg decoded three seconds of 320x240 pictures, in order, each close to the one Huiyi sent
        XCTAssertEqual(receiver.status, 0, receiver.stderr)
        let decoded = FFmpegCLI.rawFrames(try Data(contentsOf: output), width: width, height: height)
        // -t 3 keeps the pictures stamped 0 through 3 s: 90, or 91 with the one at exactly 3 s.
        XCTAssertGreaterThanOrEqual(decoded.count, 88, receiver.stderr)
        XCTAssertLessThanOrEqual(decoded.count, 91, receiver.stderr)
        let first = try XCTUnwrap(decoded.first, receiver.stderr)
        // ffmpeg starts at the first picture it can decode: find which one that was.
        let offset = try XCTUnwrap((0..<30).max { (pattern.frame($0).psnr(to: first) ?? 0) < (pattern.frame($1).psnr(to: first) ?? 0) })
        XCTAssertEqual(offset, 0, "ffmpeg missed the stream's first pictures\n\(receiver.stderr)")
        var tally = PSNRTally()
        for (index, frame) in decoded.enumerated() { tally.add(source: pattern.frame(offset + index), decoded: frame) }
        tally.assertFloors(frames: decoded.count, worst: 28, mean: 30)
    }

    func testHuiyiOpusOverRTPIsDecodedByFFmpegFromAnSDPFile() throws {
        let directory = try FFmpegCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Given ffmpeg receiving by the SDP for Huiyi's Opus stream (RFC 7587 §7: always opus/48000/2)
        let output = directory.appendingPathComponent("received.s16")
        let (receiver, port) = try startReceiver(
            media: { ["m=audio \($0) RTP/AVP 111", "a=rtpmap:111 opus/48000/2"] },
            output: ["-t", "2", "-f", "s16le", "-ac", "1", "-ar", "48000", output.path], in: directory)

        // When Huiyi encodes three seconds of a 440 Hz tone as 20 ms Opus packets and sends them there
        let encoder = try OpusAudioEncoder(OpusEncoderConfiguration(bitrate: 32000))
        let socket = try LoopbackUDPSocket()
        var header = RTPHeader(payloadType: 111, sequenceNumber: 65_500, timestamp: 0xFFFF_F000, ssrc: 0x4F50_5553)
        var packet = [UInt8](repeating: 0, count: 1500)
        for index in 0..<150 where receiver.isRunning {
            let tone = AudioTone.frame(
                frequency: 440, amplitude: 0.25, sampleRate: 48000, samplesPerChannel: 960, offset: index * 960)
            let length = try packet.withUnsafeMutableBytes { try encoder.encode(tone, into: $0) }
            socket.send(header.serialized(payload: Array(packet[..<length])), toPort: port)
            header.sequenceNumber &+= 1
            header.timestamp &+= 960
            usleep(5_000)
        }
        if !receiver.waitForExit(timeout: 10) { receiver.stop() }

        // Then ffmpeg decoded two seconds of the 440 Hz tone at the level sent
        XCTAssertEqual(receiver.status, 0, receiver.stderr)
        let bytes = [UInt8](try Data(contentsOf: output))
        let samples = stride(from: 0, to: bytes.count - 1, by: 2).map {
            Double(Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)) / 32768
        }
        XCTAssertGreaterThanOrEqual(samples.count, 2 * 48000 - 960, receiver.stderr)
        let steady = Array(samples.dropFirst(4800).prefix(48000))
        let snr = AudioTone.signalToNoise(steady, frequency: 440, sampleRate: 48000)
        XCTAssertGreaterThanOrEqual(snr, 25, "440 Hz tone SNR \(snr) dB\n\(receiver.stderr)")
        let rms = (steady.reduce(0) { $0 + $1 * $1 } / Double(max(steady.count, 1))).squareRoot()
        XCTAssertEqual(rms, 0.25 / 2.0.squareRoot(), accuracy: 0.03, "RMS level")
    }

    // MARK: - Helpers

    /// Datagrams arriving on `socket` while `sender` runs, then until none has come for a second; at most `timeout`.
    private func receiveStream(on socket: LoopbackUDPSocket, from sender: BackgroundFFmpeg) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let datagram = socket.receive(before: min(deadline, Date().addingTimeInterval(1))) {
                datagrams.append(datagram)
            } else if !sender.isRunning {
                break
            }
        }
        if Date() >= deadline { XCTFail("still receiving after \(timeout) s\n\(sender.stderr)") }
        return datagrams
    }

    /// ffmpeg receiving by an SDP session on 127.0.0.1 (RFC 8866) with the media lines `media(port)` for a free RTP
    /// port, started and listening there; `output` are its output options, `-t` among them or it waits forever.
    private func startReceiver(
        media: (Int) -> [String], output: [String], in directory: URL
    ) throws -> (ffmpeg: BackgroundFFmpeg, port: Int) {
        let port = try LoopbackUDPSocket.freePortPair()
        let lines = ["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=Huiyi", "c=IN IP4 127.0.0.1", "t=0 0"] + media(port)
        let sdp = directory.appendingPathComponent("huiyi.sdp")
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: sdp)
        let receiver = try BackgroundFFmpeg(
            ["-protocol_whitelist", "file,udp,rtp", "-reorder_queue_size", "50", "-i", sdp.path] + output,
            logIn: directory)
        try waitUntilListening(receiver, port: port)
        return (receiver, port)
    }

    /// Waits until the receiver has bound its RTP port (start the receiver first, as ffmpeg's documentation says).
    private func waitUntilListening(_ receiver: BackgroundFFmpeg, port: Int) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !LoopbackUDPSocket.isBound(port: port) {
            guard receiver.isRunning, Date() < deadline else {
                receiver.stop()
                throw ReceiverNotListening(port: port, stderr: receiver.stderr)
            }
            usleep(50_000)
        }
    }
}

private struct ReceiverNotListening: Error, CustomStringConvertible {
    var port: Int
    var stderr: String
    var description: String { "ffmpeg never bound UDP port \(port)\n\(stderr)" }
}
