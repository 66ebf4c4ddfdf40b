/// Convenience transforms on `[UInt8]` for callers without a preallocated buffer (RFC 3711 §3.3–3.4).

extension SRTPContext {
    /// Protects an RTP packet held in an array, growing it by the tag.
    public func protect(rtp packet: inout [UInt8]) throws(SRTPError) {
        try transform(&packet, room: Self.rtpTrailerRoom) { (buffer, length) throws(SRTPError) in
            try protect(rtp: buffer, length: length)
        }
    }

    /// Verifies, decrypts and shortens an SRTP packet held in an array.
    public func unprotect(rtp packet: inout [UInt8]) throws(SRTPError) {
        try transform(&packet, room: 0) { (buffer, length) throws(SRTPError) in
            try unprotect(rtp: buffer, length: length)
        }
    }

    /// Protects an RTCP compound packet held in an array, growing it by the SRTCP index and tag.
    public func protectRTCP(_ packet: inout [UInt8]) throws(SRTPError) {
        try transform(&packet, room: Self.rtcpTrailerRoom) { (buffer, length) throws(SRTPError) in
            try protectRTCP(buffer, length: length)
        }
    }

    /// Verifies, decrypts and shortens an SRTCP packet held in an array.
    public func unprotectRTCP(_ packet: inout [UInt8]) throws(SRTPError) {
        try transform(&packet, room: 0) { (buffer, length) throws(SRTPError) in
            try unprotectRTCP(buffer, length: length)
        }
    }

    private func transform(
        _ packet: inout [UInt8], room: Int,
        _ body: (UnsafeMutableRawBufferPointer, Int) throws(SRTPError) -> Int
    ) throws(SRTPError) {
        let length = packet.count
        packet.append(contentsOf: repeatElement(0, count: room))
        let result: Result<Int, SRTPError> = packet.withUnsafeMutableBytes { buffer in
            do throws(SRTPError) { return .success(try body(buffer, length)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let newLength): packet.removeLast(packet.count - newLength)
        case .failure(let error):
            packet.removeLast(room)
            throw error
        }
    }
}
