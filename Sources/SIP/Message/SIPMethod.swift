/// A request method (RFC 3261 §7.1): a case-sensitive token; the well-known ones are constants.
public struct SIPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let invite: SIPMethod = "INVITE"
    public static let ack: SIPMethod = "ACK"
    public static let bye: SIPMethod = "BYE"
    public static let cancel: SIPMethod = "CANCEL"
    public static let options: SIPMethod = "OPTIONS"
    public static let register: SIPMethod = "REGISTER"
    public static let prack: SIPMethod = "PRACK"      // RFC 3262
    public static let subscribe: SIPMethod = "SUBSCRIBE" // RFC 6665
    public static let notify: SIPMethod = "NOTIFY"
    public static let publish: SIPMethod = "PUBLISH"  // RFC 3903
    public static let info: SIPMethod = "INFO"        // RFC 6086
    public static let refer: SIPMethod = "REFER"      // RFC 3515
    public static let message: SIPMethod = "MESSAGE"  // RFC 3428
    public static let update: SIPMethod = "UPDATE"    // RFC 3311

    /// Methods defined by an RFC that this implementation recognises as methods (answered 405 where not allowed,
    /// rather than 501 Not Implemented).
    public static let known: Set<SIPMethod> = [
        .invite, .ack, .bye, .cancel, .options, .register, .prack, .subscribe, .notify, .publish, .info, .refer,
        .message, .update,
    ]

    public var description: String { rawValue }

    /// The method spelled by `bytes` (a token, case-sensitive): a known constant without building a String, else new.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        for (method, spelling) in Self.parseOrder
        where spelling.withUnsafeBufferPointer({ SIPHeaderName.equalBytes($0, bytes) }) {
            self = method
            return
        }
        self.init(String(decoding: bytes, as: UTF8.self))
    }

    /// Most frequent first.
    private static let parseOrder: [(SIPMethod, [UInt8])] = [
        SIPMethod.register, .invite, .ack, .bye, .options, .cancel, .subscribe, .notify, .info, .update, .prack, .refer,
        .message, .publish,
    ].map { ($0, Array($0.rawValue.utf8)) }
}
