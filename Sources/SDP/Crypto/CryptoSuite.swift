/// SRTP crypto-suites for SDES (RFC 4568 §6.2) and the AEAD suite (RFC 7714 §12).

/// An SRTP crypto-suite named in an `a=crypto` attribute, with the key lengths it demands.
public enum CryptoSuite: String, CaseIterable, Sendable, Hashable {
    /// AES in counter mode with a 128-bit key, HMAC-SHA1 with an 80-bit tag (RFC 4568 §6.2.1).
    case aesCM128HMACSHA1_80 = "AES_CM_128_HMAC_SHA1_80"
    /// As above with a 32-bit SRTP tag; SRTCP keeps the 80-bit tag (RFC 4568 §6.2.2).
    case aesCM128HMACSHA1_32 = "AES_CM_128_HMAC_SHA1_32"
    /// AES-GCM with a 128-bit key and a 16-octet tag (RFC 7714 §12).
    case aeadAES128GCM = "AEAD_AES_128_GCM"

    /// The suite as written in SDP.
    public var name: String { rawValue }

    /// Octets of master key (RFC 4568 §6.2; RFC 7714 §12: 16 for every suite here).
    public var masterKeyLength: Int { 16 }

    /// Octets of master salt: 112 bits for AES-CM (RFC 3711 §8.2), 96 bits for AEAD (RFC 7714 §12).
    public var masterSaltLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32: 14
        case .aeadAES128GCM: 12
        }
    }

    /// Octets of key-salt in the `inline:` key parameter: master key followed by master salt (RFC 4568 §6.1).
    public var keySaltLength: Int { masterKeyLength + masterSaltLength }

    /// Octets of authentication tag appended to each SRTP packet.
    public var srtpTagLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80: 10
        case .aesCM128HMACSHA1_32: 4
        case .aeadAES128GCM: 16
        }
    }

    /// Octets of authentication tag appended to each SRTCP packet (before it, the 4-octet SRTCP index).
    public var srtcpTagLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32: 10
        case .aeadAES128GCM: 16
        }
    }

    /// The largest key lifetime, in packets, the suite allows for SRTP (RFC 4568 §6.2: 2^48; RFC 7714 §12: 2^48).
    public var maximumSRTPLifetime: UInt64 { 1 << 48 }
}
