/// Why SRTP/SRTCP processing refused a packet or a key (RFC 3711 §3.3–3.4), mapped from libsrtp's status codes.
internal import CSRTP

/// A refused packet or key. Never carries key material.
public enum SRTPError: Error, Sendable, Equatable {
    /// The authentication tag does not match: the packet was altered, or the peer uses another key.
    case authenticationFailed
    /// The packet index was already received (RFC 3711 §3.3.2): a replay or a duplicate.
    case replayed
    /// The packet index lies behind the replay window (RFC 3711 §3.3.2).
    case tooOld
    /// The bytes are not an RTP/RTCP (or SRTP/SRTCP) packet this context can process.
    case malformedPacket(String)
    /// The caller's buffer lacks room past the packet for the trailer libsrtp writes.
    case bufferTooSmall(required: Int, available: Int)
    /// The operation belongs to the other direction: protect on outbound contexts, unprotect on inbound ones.
    case wrongDirection(operation: String, direction: SRTPContext.Direction)
    /// The master key or salt has the wrong length for the suite.
    case invalidKeyLength(suite: String, expectedKey: Int, expectedSalt: Int, actualKey: Int, actualSalt: Int)
    /// The MKI length is outside 1–128 octets (RFC 3711 §3.1; libsrtp's limit).
    case invalidMKILength(Int)
    /// The packet's MKI names no key this context holds: the peer switched keys or the MKI lengths disagree.
    case unknownMKI
    /// The master key reached its lifetime; rekey before sending or receiving more.
    case keyExpired
    /// Any other libsrtp failure: the `srtp_err_status_t` value and the call that returned it.
    case library(status: UInt32, operation: String)

    init(status: UInt32, operation: String) {
        switch status {
        case srtp_err_status_auth_fail.rawValue: self = .authenticationFailed
        case srtp_err_status_replay_fail.rawValue: self = .replayed
        case srtp_err_status_replay_old.rawValue: self = .tooOld
        case srtp_err_status_key_expired.rawValue: self = .keyExpired
        case srtp_err_status_bad_mki.rawValue: self = .unknownMKI
        case srtp_err_status_bad_param.rawValue, srtp_err_status_parse_err.rawValue:
            self = .malformedPacket("libsrtp refused the packet in \(operation)")
        default: self = .library(status: status, operation: operation)
        }
    }
}

extension SRTPError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .authenticationFailed:
            "SRTP authentication failed: the packet was altered or the peer uses a different key (check the a=crypto exchange)"
        case .replayed: "SRTP packet refused as a replay: its index was already received"
        case .tooOld: "SRTP packet refused: its index is older than the replay window"
        case .malformedPacket(let reason): "not a valid RTP/RTCP packet: \(reason)"
        case .bufferTooSmall(let required, let available):
            "SRTP buffer too small: \(required) octets needed (packet plus trailer room), \(available) available"
        case .wrongDirection(let operation, let direction):
            "\(operation) is not allowed on an \(direction) SRTP context; use a context created for the other direction"
        case .invalidKeyLength(let suite, let expectedKey, let expectedSalt, let actualKey, let actualSalt):
            "\(suite) needs a \(expectedKey)-octet master key and a \(expectedSalt)-octet salt, "
                + "got \(actualKey) and \(actualSalt)"
        case .invalidMKILength(let length): "SRTP MKI length \(length) is outside 1 to 128 octets"
        case .unknownMKI:
            "SRTP packet carries an MKI this context does not know: check the MKI value and length in the a=crypto exchange"
        case .keyExpired: "SRTP master key expired: negotiate a new key"
        case .library(let status, let operation): "libsrtp \(operation) failed with status \(status)"
        }
    }
}
