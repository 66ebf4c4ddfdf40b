// libsrtp2 (Debian: libsrtp2-dev), imported by the SRTP wrapper only.
#ifndef HUIYI_CSRTP_SHIM_H
#define HUIYI_CSRTP_SHIM_H
#include <srtp2/srtp.h>

// Room libsrtp may write past the end of a packet it protects (srtp.h: "assumes that it can write
// SRTP_MAX_TRAILER_LEN into the location in memory immediately following the RTP packet"; SRTCP adds 4 octets
// of index). The macro is an expression of other macros, which Swift does not import.
static inline int huiyi_srtp_max_trailer_len(void) { return SRTP_MAX_TRAILER_LEN; }

// srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80 is a function-like macro; Swift imports functions only.
static inline void huiyi_srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(srtp_crypto_policy_t *p) {
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(p);
}
#endif
