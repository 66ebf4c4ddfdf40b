/// What this server implements, as advertised in Allow / Accept / Supported (RFC 3261 §11.2, §20.5, §20.37) and
/// checked against Require (§8.2.2.3).
import SIP

public struct ServerCapabilities: Sendable {
    /// Methods this server handles; other methods it knows get 405, unknown ones 501 (RFC 3261 §8.2.1).
    public var allowed: [SIPMethod] = [.invite, .ack, .cancel, .bye, .options, .info, .update, .register]
    /// Option tags it supports (Supported) — anything else in Require gets 420. `timer`: RFC 4028 session timers.
    public var supported: [String] = ["timer"]
    /// Body types it accepts in requests.
    public var accept: [String] = ["application/sdp"]
    public var agent: String = "Huiyi"

    public init() {}

    public var allowHeader: String { allowed.map(\.rawValue).joined(separator: ", ") }

    /// Option tags in `tags` this server does not support.
    public func unsupported(_ tags: [String]) -> [String] {
        tags.filter { tag in !supported.contains { $0.caseInsensitiveEquals(tag) } }
    }
}
