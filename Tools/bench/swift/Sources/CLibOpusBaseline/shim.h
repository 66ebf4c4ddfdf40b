// libopus for the benchmark's direct baseline only; the server reaches libopus through the OpusCodec target alone.
#ifndef HUIYI_BENCH_LIBOPUS_SHIM_H
#define HUIYI_BENCH_LIBOPUS_SHIM_H
#include <opus/opus.h>

static inline int huiyi_bench_opus_configure(OpusEncoder *e, opus_int32 bitrate, opus_int32 complexity) {
    int status = opus_encoder_ctl(e, OPUS_SET_BITRATE(bitrate));
    if (status != OPUS_OK) return status;
    status = opus_encoder_ctl(e, OPUS_SET_COMPLEXITY(complexity));
    if (status != OPUS_OK) return status;
    status = opus_encoder_ctl(e, OPUS_SET_INBAND_FEC(1));
    if (status != OPUS_OK) return status;
    return opus_encoder_ctl(e, OPUS_SET_PACKET_LOSS_PERC(5));
}
#endif
