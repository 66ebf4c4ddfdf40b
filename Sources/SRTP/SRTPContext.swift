/// An SRTP/SRTCP cryptographic context for one direction of a media stream (RFC 3711 §3.2), backed by libsrtp2.
internal import CSRTP
import SDP

/// Protects outgoing or unprotects incoming RTP and RTCP packets with one master key.
///
/// One context serves one direction: an ``Direction/outbound`` context protects, an ``Direction/inbound`` one
/// unprotects, verifies and refuses replays (libsrtp's default window of 128 packets, RFC 3711 §3.3.2). Within a
/// direction the context follows every SSRC it meets, each with its own rollover counter and replay window.
///
/// Packets are transformed in place. Protecting appends the authentication tag (and, for SRTCP, the index), so the
/// caller's buffer must have room past the packet: ``rtpTrailerRoom`` octets for RTP and ``rtcpTrailerRoom`` for
/// RTCP, as libsrtp requires. Unprotecting shortens the packet.
///
/// - Important: A context is not thread-safe. It belongs to one event loop (the room's loop) and is used from it
///   alone; it is `Sendable` only so it can be created elsewhere and handed to that loop.
public final class SRTPContext: @unchecked Sendable {
    /// Which way the packets go.
    public enum Direction: String, Sendable {
        /// Packets this side receives: ``unprotect(rtp:length:)`` and ``unprotectRTCP(_:length:)``.
        case inbound
        /// Packets this side sends: ``protect(rtp:length:)`` and ``protectRTCP(_:length:)``.
        case outbound
    }

    /// Octets of buffer the caller must provide past an RTP packet to protect it.
    public static let rtpTrailerRoom = LibSRTP.maximumRTPTrailer
    /// Octets of buffer the caller must provide past an RTCP packet to protect it.
    public static let rtcpTrailerRoom = LibSRTP.maximumRTCPTrailer

    public let suite: CryptoSuite
    public let direction: Direction
    /// Octets of master key identifier in each packet; zero without an MKI.
    public var mkiLength: Int { mki.count }
    /// The MKI as packets carry it; empty without one.
    private let mki: [UInt8]
    private let session: OpaquePointer

    /// Creates a context for `suite` from the master key and master salt.
    ///
    /// With an `mki`, every packet carries that master key identifier in its trailer (before the tag for AES-CM,
    /// RFC 3711 §3.1; after the ciphertext and its tag for AEAD, RFC 7714), and inbound packets must carry it too.
    public init(
        suite: CryptoSuite, direction: Direction, masterKey: [UInt8], masterSalt: [UInt8],
        mki: KeyParameters.MKI? = nil
    ) throws(SRTPError) {
        guard masterKey.count == suite.masterKeyLength, masterSalt.count == suite.masterSaltLength else {
            throw .invalidKeyLength(
                suite: suite.name, expectedKey: suite.masterKeyLength, expectedSalt: suite.masterSaltLength,
                actualKey: masterKey.count, actualSalt: masterSalt.count)
        }
        if let mki, !(1...Int(SRTP_MAX_MKI_LEN)).contains(mki.length) { throw .invalidMKILength(mki.length) }
        try LibSRTP.ensureInitialised()

        var policy = srtp_policy_t()
        switch suite {
        case .aesCM128HMACSHA1_80:
            huiyi_srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp)
            huiyi_srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp)
        case .aesCM128HMACSHA1_32:
            // SRTCP keeps the 80-bit tag with this suite (RFC 4568 §6.2.2).
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp)
            huiyi_srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp)
        case .aeadAES128GCM:
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
        }
        policy.ssrc.type = direction == .inbound ? ssrc_any_inbound : ssrc_any_outbound
        policy.window_size = 0  // libsrtp's default replay window (128)
        policy.allow_repeat_tx = 0
        policy.next = nil

        // libsrtp derives the session keys during srtp_create and copies the MKI; it keeps no pointer to either,
        // so the concatenated key lives only for this call and is wiped afterwards.
        var mkiBytes = mki.map(Self.mkiBytes) ?? []
        var created: OpaquePointer?
        let status = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: suite.keySaltLength) { keySalt in
            let saltStart = keySalt.initialize(fromContentsOf: masterKey)
            _ = keySalt[saltStart...].initialize(fromContentsOf: masterSalt)
            defer { keySalt.update(repeating: 0) }
            guard !mkiBytes.isEmpty else {
                policy.key = keySalt.baseAddress
                return srtp_create(&created, &policy).rawValue
            }
            return mkiBytes.withUnsafeMutableBufferPointer { mkiID in
                var master = srtp_master_key_t(
                    key: keySalt.baseAddress, mki_id: mkiID.baseAddress, mki_size: UInt32(mkiID.count))
                return withUnsafeMutablePointer(to: &master) { master in
                    var keys: UnsafeMutablePointer<srtp_master_key_t>? = master
                    return withUnsafeMutablePointer(to: &keys) { keys in
                        policy.keys = keys
                        policy.num_master_keys = 1
                        return srtp_create(&created, &policy).rawValue
                    }
                }
            }
        }
        guard status == srtp_err_status_ok.rawValue, let created else {
            throw SRTPError(status: status, operation: "srtp_create")
        }
        self.suite = suite
        self.direction = direction
        self.mki = mkiBytes
        self.session = created
    }

    /// Creates a context from an SDES attribute's first key (RFC 4568 §6.1), with its MKI when it has one: the
    /// peer's attribute for ``Direction/inbound``, this side's own for ``Direction/outbound``.
    public convenience init(direction: Direction, crypto: CryptoAttribute) throws(SRTPError) {
        try self.init(suite: crypto.suite, direction: direction,
                      masterKey: crypto.key.masterKey, masterSalt: crypto.key.masterSalt, mki: crypto.key.mki)
    }

    /// The MKI as it appears in packets: its value big-endian in `length` octets.
    private static func mkiBytes(_ mki: KeyParameters.MKI) -> [UInt8] {
        (0..<mki.length).map { index in
            let shift = (mki.length - 1 - index) * 8
            return shift < 64 ? UInt8(truncatingIfNeeded: mki.value >> UInt64(shift)) : 0
        }
    }

    deinit {
        srtp_dealloc(session)
    }

    /// Octets protecting adds to an RTP packet: the MKI, if any, and the authentication tag (RFC 3711 §3.1).
    public var rtpOverhead: Int { mkiLength + suite.srtpTagLength }
    /// Octets protecting adds to an RTCP packet: the E flag and SRTCP index, the MKI if any, then the tag
    /// (RFC 3711 §3.4).
    public var rtcpOverhead: Int { 4 + mkiLength + suite.srtcpTagLength }
}

// MARK: - Transforms on caller buffers

extension SRTPContext {
    /// Protects the RTP packet in the first `length` octets of `buffer` in place and returns the SRTP length.
    ///
    /// `buffer` must hold at least `length +` ``rtpTrailerRoom`` octets.
    public func protect(rtp buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try perform(.protectRTP, buffer, length: length)
    }

    /// Verifies and decrypts the SRTP packet in the first `length` octets of `buffer` in place and returns the
    /// RTP length. Refuses replays, stale indices and packets that fail authentication; after a refusal the
    /// buffer's content is unspecified.
    public func unprotect(rtp buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try perform(.unprotectRTP, buffer, length: length)
    }

    /// Protects the RTCP compound packet in the first `length` octets of `buffer` in place and returns the SRTCP
    /// length. `buffer` must hold at least `length +` ``rtcpTrailerRoom`` octets.
    public func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try perform(.protectRTCP, buffer, length: length)
    }

    /// Verifies and decrypts the SRTCP packet in the first `length` octets of `buffer` in place and returns the
    /// RTCP length; after a refusal the buffer's content is unspecified.
    public func unprotectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        try perform(.unprotectRTCP, buffer, length: length)
    }

    /// The four libsrtp transforms, with the direction, packet kind and trailer room each needs.
    private enum Transform: String {
        case protectRTP = "srtp_protect", unprotectRTP = "srtp_unprotect"
        case protectRTCP = "srtp_protect_rtcp", unprotectRTCP = "srtp_unprotect_rtcp"

        var direction: Direction {
            switch self {
            case .protectRTP, .protectRTCP: .outbound
            case .unprotectRTP, .unprotectRTCP: .inbound
            }
        }

        var room: Int {
            switch self {
            case .protectRTP: SRTPContext.rtpTrailerRoom
            case .protectRTCP: SRTPContext.rtcpTrailerRoom
            case .unprotectRTP, .unprotectRTCP: 0
            }
        }

        func check(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) {
            switch self {
            case .protectRTP, .unprotectRTP: try PacketCheck.rtp(buffer, length: length)
            case .protectRTCP, .unprotectRTCP: try PacketCheck.rtcp(buffer, length: length)
            }
        }

        /// The call; `useMKI` is 1 when the context's one master key has an MKI (index 0), else 0.
        func call(
            _ session: OpaquePointer, _ packet: UnsafeMutableRawPointer, _ length: inout Int32, useMKI: UInt32
        ) -> UInt32 {
            switch self {
            case .protectRTP: srtp_protect_mki(session, packet, &length, useMKI, 0).rawValue
            case .unprotectRTP: srtp_unprotect_mki(session, packet, &length, useMKI).rawValue
            case .protectRTCP: srtp_protect_rtcp_mki(session, packet, &length, useMKI, 0).rawValue
            case .unprotectRTCP: srtp_unprotect_rtcp_mki(session, packet, &length, useMKI).rawValue
            }
        }
    }

    private func perform(
        _ transform: Transform, _ buffer: UnsafeMutableRawBufferPointer, length: Int
    ) throws(SRTPError) -> Int {
        guard direction == transform.direction else {
            throw .wrongDirection(operation: transform.rawValue, direction: direction)
        }
        guard length >= 0, buffer.count >= length + transform.room else {
            throw .bufferTooSmall(required: length + transform.room, available: buffer.count)
        }
        guard length <= Int(Int32.max) - transform.room else {
            throw .malformedPacket("\(length) octets is larger than any RTP or RTCP packet")
        }
        try transform.check(buffer, length: length)
        guard let packet = buffer.baseAddress else { throw .malformedPacket("empty buffer") }
        var newLength = Int32(length)
        var useMKI: UInt32 = mki.isEmpty ? 0 : 1
        if transform == .unprotectRTCP, !mki.isEmpty, suite == .aesCM128HMACSHA1_32 {
            newLength = Int32(try removeRTCPMKI(buffer, length: length))
            useMKI = 0
        }
        let status = transform.call(session, packet, &newLength, useMKI: useMKI)
        guard status == srtp_err_status_ok.rawValue else { throw SRTPError(status: status, operation: transform.rawValue) }
        return Int(newLength)
    }
}

extension SRTPContext {
    /// Checks and removes the MKI of an inbound AES-CM SRTCP packet, which sits between the SRTCP index and the
    /// tag and is not authenticated (RFC 3711 §3.4), and returns the shortened length.
    ///
    /// libsrtp 2.5 locates the SRTCP MKI with the SRTP tag length, so it cannot find it when the two tags differ
    /// (AES_CM_128_HMAC_SHA1_32: 4 and 10 octets). A context holds one key, so checking the MKI here and letting
    /// libsrtp verify the rest without it is equivalent. AEAD suites put the MKI last, after the tag-bearing
    /// ciphertext (RFC 7714), where libsrtp finds it.
    private func removeRTCPMKI(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        let tagLength = suite.srtcpTagLength
        let mkiStart = length - tagLength - mki.count
        guard mkiStart >= 8 + 4 else {
            throw .malformedPacket("SRTCP packet of \(length) octets is too short for its index, MKI and tag")
        }
        guard buffer[mkiStart..<mkiStart + mki.count].elementsEqual(mki) else { throw .unknownMKI }
        // Move the tag down over the MKI; copying forwards is safe as the destination precedes the source.
        for offset in 0..<tagLength { buffer[mkiStart + offset] = buffer[mkiStart + mki.count + offset] }
        return length - mki.count
    }
}

extension SRTPContext: CustomStringConvertible {
    /// Suite and direction only; never key material.
    public var description: String {
        "SRTPContext(\(suite.name), \(direction.rawValue)" + (mkiLength > 0 ? ", \(mkiLength)-octet MKI)" : ")")
    }
}
