// The same libsrtp session the SRTP wrapper creates, called with no checks in between: the benchmark's baseline.
import CLibSRTPBaseline

struct LibSRTPFailure: Error { let status: UInt32 }

final class LibSRTPDirect {
    private let session: OpaquePointer

    init(suite: String, outbound: Bool, keySalt: [UInt8]) throws {
        var policy = srtp_policy_t()
        switch suite {
        case "AES_CM_128_HMAC_SHA1_80":
            srtp_crypto_policy_set_rtp_default(&policy.rtp)
        case "AES_CM_128_HMAC_SHA1_32":
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp)
        default:
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
        }
        policy.rtcp = policy.rtp
        policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound
        var key = keySalt
        var created: OpaquePointer?
        let status = key.withUnsafeMutableBufferPointer { key in
            policy.key = key.baseAddress
            return srtp_create(&created, &policy).rawValue
        }
        guard status == 0, let created else { throw LibSRTPFailure(status: status) }
        session = created
    }

    deinit { srtp_dealloc(session) }

    func protect(_ buffer: UnsafeMutableRawBufferPointer, _ length: Int) throws -> Int {
        var length = Int32(length)
        let status = srtp_protect(session, buffer.baseAddress, &length).rawValue
        guard status == 0 else { throw LibSRTPFailure(status: status) }
        return Int(length)
    }

    func unprotect(_ buffer: UnsafeMutableRawBufferPointer, _ length: Int) throws -> Int {
        var length = Int32(length)
        let status = srtp_unprotect(session, buffer.baseAddress, &length).rawValue
        guard status == 0 else { throw LibSRTPFailure(status: status) }
        return Int(length)
    }
}
