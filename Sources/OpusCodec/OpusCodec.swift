/// Opus (RFC 6716) through libopus: the only files that import COpus.
import COpus
