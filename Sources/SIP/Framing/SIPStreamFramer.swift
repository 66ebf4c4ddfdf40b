/// Message framing on stream transports (RFC 3261 §18.3) with CRLF keep-alives between messages (RFC 5626 §3.5.1).
///
/// A TCP or TLS byte stream has no message boundaries: a message is its header section up to the empty line (CRLFCRLF)
/// followed by exactly `Content-Length` body octets, and Content-Length is therefore mandatory on streams. Between
/// messages a peer may send a double CRLF ("ping", to be answered with a single CRLF "pong") or a single CRLF ("pong").
///
/// The framer is a value fed with bytes as they arrive; `next()` drains the events found so far. It remembers where the
/// search for the end of the header section stopped, so bytes dripping in one at a time cost O(1) each. After an
/// `.error` the stream is out of sync and cannot be recovered: the framer yields nothing more and the connection must be
/// closed (§18.3).
public struct SIPStreamFramer: Sendable {
    /// What the framer found in the stream.
    public enum Event: Hashable, Sendable {
        /// Exactly one message: the header section including its terminating CRLFCRLF, then the body.
        case message([UInt8])
        /// A double CRLF between messages: the transport must answer with a single CRLF (RFC 5626 §3.5.1).
        case keepAlivePing
        /// A single CRLF between messages: the answer to our ping; nothing to do.
        case keepAlivePong
        /// The stream cannot be framed; the connection must be closed.
        case error(FramingError)
    }

    /// Size limits that protect memory from a peer that never finishes a message.
    public struct Limits: Hashable, Sendable {
        /// Largest header section accepted (start line to CRLFCRLF inclusive).
        public var maxHeaderSectionSize: Int
        /// Largest whole message (header section plus body) accepted.
        public var maxMessageSize: Int

        public init(maxHeaderSectionSize: Int = 16_384, maxMessageSize: Int = 65_536) {
            self.maxHeaderSectionSize = maxHeaderSectionSize
            self.maxMessageSize = maxMessageSize
        }
    }

    public let limits: Limits

    /// Bytes received and not yet handed out; `start` is the first unconsumed byte.
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for CRLFCRLF resumes in the current header section (an index into `buffer`).
    private var scanPosition = 0
    /// Total length of the message being received, once its header section and Content-Length are known.
    private var pendingMessageLength: Int?
    private var failed = false

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// True once the framer has reported an error; the connection must be closed.
    public var hasFailed: Bool { failed }

    /// Bytes received but not yet returned as a message or keep-alive.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Appends bytes received from the stream. Bytes fed after an error are dropped.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        guard !failed else { return }
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete event in the bytes fed so far, or nil when more bytes are needed (or after an error).
    public mutating func next() -> Event? {
        guard !failed else { return nil }
        if pendingMessageLength == nil {
            if start == scanPosition, let keepAlive = takeKeepAlive() { return keepAlive }
            switch findHeaderSection() {
            case .needMoreBytes:
                return nil
            case .failed(let error):
                return fail(error)
            case .found(let headerLength):
                switch Self.contentLength(inHeaderSection: buffer[start..<start + headerLength]) {
                case .failure(let error):
                    return fail(error)
                case .success(let bodyLength):
                    let total = headerLength + bodyLength
                    // Refuse before buffering the body: the peer announced more than we are willing to hold.
                    guard total <= limits.maxMessageSize else {
                        return fail(.messageTooLarge(size: total, limit: limits.maxMessageSize))
                    }
                    pendingMessageLength = total
                }
            }
        }
        guard let length = pendingMessageLength, buffer.count - start >= length else { return nil }
        let message = Array(buffer[start..<start + length])
        start += length
        scanPosition = start
        pendingMessageLength = nil
        return .message(message)
    }

    private mutating func fail(_ error: FramingError) -> Event {
        failed = true
        buffer = []
        start = 0
        scanPosition = 0
        pendingMessageLength = nil
        return .error(error)
    }

    /// Recognises CRLF keep-alives at a message boundary. A lone CRLF might be the first half of a ping, so it is only
    /// reported as a pong once the following byte shows it is not.
    private mutating func takeKeepAlive() -> Event? {
        let available = buffer.count - start
        guard available >= 2, buffer[start] == Self.cr, buffer[start + 1] == Self.lf else { return nil }
        if available >= 4, buffer[start + 2] == Self.cr, buffer[start + 3] == Self.lf {
            consumeBoundaryBytes(4)
            return .keepAlivePing
        }
        if available == 2 || (available == 3 && buffer[start + 2] == Self.cr) { return nil }
        consumeBoundaryBytes(2)
        return .keepAlivePong
    }

    private mutating func consumeBoundaryBytes(_ count: Int) {
        start += count
        scanPosition = start
    }

    private enum HeaderSearch {
        case found(length: Int)
        case needMoreBytes
        case failed(FramingError)
    }

    /// Looks for CRLFCRLF from where the previous search stopped.
    private mutating func findHeaderSection() -> HeaderSearch {
        let limit = limits.maxHeaderSectionSize
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            var index = max(start, scanPosition)
            while index + 3 < bytes.count {
                // A byte that is neither CR nor LF at index + 3 rules out every terminator overlapping it; a CR there
                // may still begin one at index + 3 or (as its third byte) one at index + 1.
                let last = bytes[index + 3]
                if last != Self.lf {
                    index += last == Self.cr ? 1 : 4
                    continue
                }
                if bytes[index] == Self.cr, bytes[index + 1] == Self.lf, bytes[index + 2] == Self.cr { return index + 4 }
                index += 1
            }
            return nil
        }
        if let end = found {
            let length = end - start
            return length <= limit ? .found(length: length) : .failed(.headerSectionTooLarge(limit: limit))
        }
        // Resume three bytes back next time: a terminator may straddle this chunk and the next.
        scanPosition = max(start, buffer.count - 3)
        if buffer.count - start > limit { return .failed(.headerSectionTooLarge(limit: limit)) }
        return .needMoreBytes
    }

    /// Drops consumed bytes once they dominate the buffer, so memory and copying stay proportional to what is pending.
    private mutating func compactIfWorthwhile() {
        guard start > 0 else { return }
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if start >= 4096, start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
        } else {
            return
        }
        scanPosition -= start
        start = 0
    }
}

extension SIPStreamFramer {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
}
