/// The Session Description Protocol (RFC 8866) and the attributes Huiyi negotiates.
