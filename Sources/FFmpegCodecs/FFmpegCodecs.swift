/// FFmpeg (libavcodec, libswscale, libswresample): the only files that import CFFmpeg.
import CFFmpeg
