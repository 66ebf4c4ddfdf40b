/// A test-side participant of an audio room: sends a PCMU tone (RFC 3551 §4.5.14) as RTP or SRTP, RFC 4733 digits,
/// and keeps, decrypted, whatever the room sends it.
import Mixing
import NIOCore
import RTP
import SDP
import SRTP
import Testing
@testable import MediaTransport

struct TonePeer {
    let id: ParticipantID
    /// Where the peer's SDP says it receives RTP, and where its packets come from.
    var address: SocketAddress
    /// The tone it talks with; nil for a peer that only listens.
    let frequency: Double?
    var ssrc: UInt32
    var sequence: UInt16
    var timestamp: UInt32
    var samplesSent = 0
    /// SRTP: protects what the peer sends, and unprotects what the room sends it.
    var outbound: SRTPContext?
    var inbound: SRTPContext?
    /// What the room sent this peer, after SRTP, in arrival order.
    var received: [RoomPacket] = []
    /// RTCP compound packets the room sent this peer, after SRTCP, with where and when they were sent.
    var reports: [(packets: [RTCPPacket], destination: SocketAddress, at: MediaInstant)] = []
    /// Packets the peer could not unprotect.
    var undecryptable = 0

    struct RoomPacket {
        var bytes: [UInt8]
        var header: RTPHeader
        var payload: [UInt8]
        var destination: SocketAddress
    }

    init(_ id: UInt32, port: Int, frequency: Double?) {
        self.id = ParticipantID(id)
        address = try! SocketAddress(ipAddress: "127.0.0.1", port: port)
        self.frequency = frequency
        ssrc = 0x1000 + id
        sequence = UInt16(truncatingIfNeeded: 1000 * id)
        timestamp = 50_000 * id
    }

    /// PCMU at 8 kHz, 20 ms, with telephone-event on 101 (plain RTP unless keys are given).
    func parameters(crypto: CryptoAgreement? = nil, sends: Bool = true, receives: Bool = true)
        -> AudioLegParameters {
        AudioLegParameters(codec: .pcmu, payloadType: 0, telephoneEventPayloadType: 101, remoteRTP: address,
                           crypto: crypto, sends: sends, receives: receives)
    }

    /// Keys for both directions as SDES offer/answer agrees them: this peer offers, the room answers (RFC 4568 §7.1).
    mutating func negotiateSRTP() throws -> CryptoAgreement {
        var random = SystemRandomNumberGenerator()
        let offered = CryptoAttribute.generate(tag: 1, suite: .aesCM128HMACSHA1_80, using: &random)
        let agreement = try #require(CryptoNegotiation.answer(offer: [offered.encoded], using: &random).agreement)
        outbound = try SRTPContext(direction: .outbound, crypto: agreement.remote)
        inbound = try SRTPContext(direction: .inbound, crypto: agreement.local)
        return agreement
    }

    /// The next 20 ms of the peer's tone (or silence), as it goes on the wire.
    mutating func nextAudioPacket() -> [UInt8] {
        let frame = AudioTone.frame(frequency: frequency ?? 0, amplitude: frequency == nil ? 0 : 0.3,
                                    sampleRate: 8000, samplesPerChannel: 160, offset: samplesSent)
        var payload = [UInt8](repeating: 0, count: 160)
        _ = payload.withUnsafeMutableBytes { try! G711Encoder(law: .muLaw).encode(frame, into: $0) }
        samplesSent += 160
        let packet = RTPHeader(payloadType: 0, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc)
            .serialized(payload: payload)
        sequence &+= 1
        timestamp &+= 160
        return protect(packet)
    }

    /// One key press as RFC 4733 §2.5.1 sends it: packets every 20 ms with a growing duration, all with the
    /// event's start timestamp, and the end packet three times.
    mutating func keyPress(_ digit: Character, packets: Int = 4) -> [[UInt8]] {
        let event = TelephoneEvent.event(for: digit)!
        var out: [[UInt8]] = []
        for index in 0..<packets + 2 {
            let isEnd = index >= packets - 1
            let duration = UInt16(160 * min(index + 1, packets))
            let packet = RTPHeader(marker: index == 0, payloadType: 101, sequenceNumber: sequence,
                                   timestamp: timestamp, ssrc: ssrc)
                .serialized(payload: TelephoneEvent(event: event, isEnd: isEnd, duration: duration).serialized())
            sequence &+= 1
            out.append(protect(packet))
        }
        timestamp &+= UInt32(160 * packets)
        return out
    }

    func protect(_ packet: [UInt8]) -> [UInt8] {
        guard let outbound else { return packet }
        var protected = packet
        try! outbound.protect(rtp: &protected)
        return protected
    }

    /// Takes one packet the room sent to `destination`.
    mutating func accept(_ bytes: [UInt8], destination: SocketAddress) {
        var plain = bytes
        if let inbound {
            do { try inbound.unprotect(rtp: &plain) } catch {
                undecryptable += 1
                return
            }
        }
        let packet = try! RTPPacket.parse(plain)
        received.append(RoomPacket(bytes: bytes, header: packet.header(in: plain), payload: Array(packet.payload(in: plain)),
                                   destination: destination))
    }

    /// Takes one RTCP datagram the room sent to `destination` at `now`.
    mutating func acceptRTCP(_ bytes: [UInt8], destination: SocketAddress, at now: MediaInstant) {
        var plain = bytes
        if let inbound {
            do { try inbound.unprotectRTCP(&plain) } catch {
                undecryptable += 1
                return
            }
        }
        reports.append((try! RTCPPacket.parseCompound(plain), destination, now))
    }

    /// The last `packets` packets received, decoded to 8 kHz samples.
    func heard(lastPackets packets: Int) -> [Double] {
        var decoder = G711Decoder(law: .muLaw)
        var frame = AudioFrame(sampleRate: 8000, channels: 1)
        var samples: [Double] = []
        for packet in received.suffix(packets) {
            packet.payload.withUnsafeBytes { try! decoder.decode($0, into: &frame) }
            samples += frame.floatSamples.map(Double.init)
        }
        return samples
    }

    /// Signal-to-rest ratio in dB of `frequency` in what the peer heard last; −∞ for silence (nothing to measure
    /// against would otherwise read as a perfect tone).
    func level(of frequency: Double, lastPackets packets: Int = 50) -> Double {
        let samples = heard(lastPackets: packets)
        guard samples.contains(where: { abs($0) > 1e-3 }) else { return -.infinity }
        return AudioTone.signalToNoise(samples, frequency: frequency, sampleRate: 8000)
    }
}
