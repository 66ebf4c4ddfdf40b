/// Shared plumbing of the FFmpeg video wrappers (see `FFmpeg` for set-up and error text).
enum FFmpegVideo {}
