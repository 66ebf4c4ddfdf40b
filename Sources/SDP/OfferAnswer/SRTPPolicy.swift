/// A room's media-security policy for SDES-keyed SRTP offers (RFC 4568 over RFC 3711 `RTP/SAVP`).
public enum SRTPPolicy: String, Sendable, Hashable, CaseIterable {
    /// Only `RTP/SAVP` (or `RTP/SAVPF`) offers with an acceptable `a=crypto` are answered; plain RTP gets 488.
    case required
    /// Either: SRTP when the offer carries usable keys, plain RTP otherwise.
    case optional
    /// Plain RTP only; an SRTP-only offer gets 488.
    case off
}
