/// Why a stream could not be framed (RFC 3261 §18.3): the connection is out of sync and must be closed.
extension SIPStreamFramer {
    public enum FramingError: Error, Hashable, Sendable, CustomStringConvertible {
        /// A message on a stream had no Content-Length header, which §18.3 makes mandatory there.
        case missingContentLength
        /// The Content-Length value is not a non-negative decimal integer (the raw value, trimmed).
        case invalidContentLength(String)
        /// Content-Length appears more than once with different values, so the body's end is ambiguous.
        case conflictingContentLength([Int])
        /// The header section grew past the limit without an empty line ending it.
        case headerSectionTooLarge(limit: Int)
        /// The header section plus the announced body exceed the message size limit.
        case messageTooLarge(size: Int, limit: Int)

        public var description: String {
            switch self {
            case .missingContentLength:
                "message on a stream transport has no Content-Length header (mandatory per RFC 3261 §18.3)"
            case .invalidContentLength(let value):
                "Content-Length \"\(value)\" is not a non-negative decimal integer"
            case .conflictingContentLength(let values):
                "Content-Length appears with conflicting values \(values.map(String.init).joined(separator: ", "))"
            case .headerSectionTooLarge(let limit):
                "header section exceeds \(limit) bytes without an empty line ending it"
            case .messageTooLarge(let size, let limit):
                "message of \(size) bytes exceeds the \(limit)-byte limit (raise the maximum message size to accept it)"
            }
        }
    }
}
