/// Secure RTP (RFC 3711) through libsrtp2: the only file set that imports CSRTP.
import CSRTP
