/// Secure RTP (RFC 3711) through libsrtp2: the only file set that imports CSRTP.
internal import CSRTP

/// libsrtp2's process-wide state. `srtp_init()` fails when called a second time, so it runs exactly once:
/// a `static let` is initialised lazily and atomically on first use.
enum LibSRTP {
    private static let initialisation: UInt32 = srtp_init().rawValue

    static func ensureInitialised() throws(SRTPError) {
        let status = initialisation
        guard status == srtp_err_status_ok.rawValue else {
            throw SRTPError(status: status, operation: "srtp_init")
        }
    }

    /// Octets libsrtp may write past the end of an RTP packet it protects.
    static let maximumRTPTrailer = Int(huiyi_srtp_max_trailer_len())
    /// Octets libsrtp may write past the end of an RTCP packet it protects (the trailer plus the SRTCP index).
    static let maximumRTCPTrailer = Int(huiyi_srtp_max_trailer_len()) + 4
}
