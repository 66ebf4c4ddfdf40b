// libsrtp2 for the benchmark's direct baseline only; the server reaches libsrtp through the SRTP target alone.
#ifndef HUIYI_BENCH_LIBSRTP_SHIM_H
#define HUIYI_BENCH_LIBSRTP_SHIM_H
#include <srtp2/srtp.h>
#endif
