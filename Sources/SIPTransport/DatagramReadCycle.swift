/// Whether a UDP listener is in the middle of a read burst. Datagrams of one burst are handled inline and their answers
/// are only written; the handler flushes once when the burst ends, so NIO hands them to the kernel together (one
/// `sendmmsg`) instead of one `sendmsg` per answer.
///
/// Read and written only on the listener channel's event loop (the handler's callbacks, and sends that check
/// `inEventLoop` first), hence unchecked Sendable.
final class DatagramReadCycle: @unchecked Sendable {
    var isReading = false
}
