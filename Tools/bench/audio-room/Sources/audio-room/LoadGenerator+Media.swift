/// The generator's RTP: one packet per participant per 20 ms tick (RFC 3550 §5.1), and the probe listeners' ears.
import NIOCore

extension LoadGenerator {
    func scheduleTick() {
        ticking = loop.scheduleTask(deadline: origin + Self.tick * (tickIndex + 1)) { self.fire() }
    }

    private func fire() {
        let due = origin + Self.tick * (tickIndex + 1)
        let now = NIODeadline.now()
        sendLatenessMicroseconds.append((now - due).nanoseconds / 1000)
        tickIndex += 1
        // A late wake-up still sends one packet per participant: the server's jitter buffer sees the lateness as
        // jitter, as it would from a real network.
        send(tick: Int(tickIndex), at: now)
        scheduleTick()
    }

    private func send(tick: Int, at now: NIODeadline) {
        var used = [Bool](repeating: false, count: mediaChannels.count)
        for p in participants where p.isSending {
            guard let destination = p.remoteMedia else { continue }
            let clip = clips[p.clip]
            let position = (tick + p.clipOffset) % clip.payloads.count
            let payload = clip.payloads[position]
            if p.seat == 0, onsetTicks[p.clip].contains(position) {
                onsets[p.room] = (onsets[p.room].count + 1, now)
            }
            let channel = mediaChannels[p.socket]
            var buffer = channel.allocator.buffer(capacity: 20 + payload.count)
            // RFC 3550 §5.1: V=2, no padding or CSRC; the extension bit when levels are sent; marker on the first
            // packet; PT 111 (opus).
            buffer.writeInteger(UInt8(plan.audioLevels ? 0x90 : 0x80))
            buffer.writeInteger(UInt8(p.sentFirstPacket ? 111 : 0x80 | 111))
            buffer.writeInteger(p.sequence)
            buffer.writeInteger(p.timestamp)
            buffer.writeInteger(p.ssrc)
            if plan.audioLevels {
                // RFC 8285 §4.2 one-byte header, one element: identifier 1, length 1; RFC 6464 §3 level in -dBov.
                buffer.writeBytes([0xBE, 0xDE, 0x00, 0x01, 0x10, clip.levels[position], 0x00, 0x00])
            }
            buffer.writeBytes(payload)
            p.sentFirstPacket = true
            p.sequence &+= 1
            p.timestamp &+= UInt32(EncodedClip.samplesPerTick)
            channel.write(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
            used[p.socket] = true
            packetsSent += 1
        }
        for (index, channel) in mediaChannels.enumerated() where used[index] { channel.flush() }
    }

    func receiveMedia(_ envelope: AddressedEnvelope<ByteBuffer>) {
        let now = NIODeadline.now()
        guard let port = envelope.remoteAddress.port, let p = byServerPort[port] else {
            unknownPackets += 1
            return
        }
        packetsReceived += 1
        p.packetsReceived += 1
        p.bytesReceived += envelope.data.readableBytes
        guard p.probe != nil else { return }
        let heard = envelope.data.withUnsafeReadableBytes { bytes -> Bool in
            guard bytes.count > 12, bytes[0] >> 6 == 2 else { return false }
            var offset = 12 + 4 * Int(bytes[0] & 0x0F)
            if bytes[0] & 0x10 != 0, bytes.count >= offset + 4 {
                offset += 4 + 4 * (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]))
            }
            guard offset < bytes.count else { return false }
            return p.probe!.hears(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
        guard heard else { return }
        let onset = onsets[p.room]
        // Counted once per onset, and only when it plainly belongs to the last onset sent (they are 1 s apart).
        guard onset.count > p.lastOnsetHeard, now - onset.sentAt < .milliseconds(950) else { return }
        p.lastOnsetHeard = onset.count
        latenciesMicroseconds.append((now - onset.sentAt).nanoseconds / 1000)
    }
}
