// FFmpeg 5.1 (Debian: libavcodec-dev, libavutil-dev, libswscale-dev, libswresample-dev), imported by the
// FFmpegCodecs wrapper only.
#ifndef HUIYI_CFFMPEG_SHIM_H
#define HUIYI_CFFMPEG_SHIM_H
#include <errno.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/channel_layout.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>

// Function-like macros Swift cannot import.
static inline int huiyi_averror(int e) { return AVERROR(e); }
static inline int huiyi_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int huiyi_averror_eof(void) { return AVERROR_EOF; }
static inline int64_t huiyi_av_nopts_value(void) { return AV_NOPTS_VALUE; }
#endif
