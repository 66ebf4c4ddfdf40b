/// RTP and RTCP (RFC 3550) and their payload formats: pure protocol code, no sockets, no C.
