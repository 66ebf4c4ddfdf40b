// libsrtp2 (Debian: libsrtp2-dev), imported by the SRTP wrapper only.
#ifndef HUIYI_CSRTP_SHIM_H
#define HUIYI_CSRTP_SHIM_H
#include <srtp2/srtp.h>
#endif
