/// Session timers, the UAS side (RFC 4028 §9 processing of the request, §10 the refresh, §7.2 Min-SE).
import SIP

/// Who keeps a session alive by refreshing it (RFC 4028 §4: the `refresher` parameter).
public enum SessionRefresher: String, Sendable, Hashable {
    case uac, uas
}

/// The `Session-Expires` value (RFC 4028 §4): an interval in seconds and, optionally, the refresher.
public struct SessionExpires: Sendable, Hashable, CustomStringConvertible {
    public var seconds: Int
    public var refresher: SessionRefresher?

    public init(seconds: Int, refresher: SessionRefresher?) {
        self.seconds = seconds
        self.refresher = refresher
    }

    /// `delta-seconds *( SEMI se-params )`; nil when the value does not parse.
    public init?(parsing text: String) {
        let parts = text.split(separator: ";").map { String($0).trimmingSIPWhitespace() }
        guard let first = parts.first, let seconds = Int(first), seconds > 0 else { return nil }
        self.seconds = seconds
        refresher = nil
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSIPWhitespace().lowercased() }
            if pair.count == 2, pair[0] == "refresher" { refresher = SessionRefresher(rawValue: pair[1]) }
        }
    }

    public var description: String { "\(seconds)" + (refresher.map { ";refresher=\($0.rawValue)" } ?? "") }
}

/// What the UAS does about session timers for one INVITE or UPDATE.
public enum SessionTimerDecision: Sendable, Hashable {
    /// The request asks for no session timer: answer without one.
    case none
    /// §7.2/§9: the asked interval is below the minimum; answer 422 with `Min-SE: minimum`.
    case tooSmall(minimum: Int)
    /// Use a timer: put `expires` in the 2xx (with `Require: timer` when `requireInResponse`).
    case use(SessionExpires, requireInResponse: Bool)
}

/// This server's session-timer policy (RFC 4028): the smallest interval it accepts.
public struct SessionTimerPolicy: Sendable, Hashable {
    /// §5: at least 90 s; 90 s is also the default Min-SE.
    public var minimumSeconds: Int

    public init(minimumSeconds: Int = 90) { self.minimumSeconds = max(90, minimumSeconds) }

    /// §9: the UAS's choice for a request that may carry `Session-Expires`, `Min-SE` and `Supported: timer`.
    /// The UAS keeps a refresher the UAC chose; when the UAC chose none it is `uac` if the UAC supports timers
    /// (it then refreshes) and else `uas` (this side must refresh, §9 last paragraph).
    public func decide(for request: SIPRequest) -> SessionTimerDecision {
        guard let value = request.headers[.sessionExpires], let asked = SessionExpires(parsing: value) else {
            return .none
        }
        if asked.seconds < minimumSeconds { return .tooSmall(minimum: minimumSeconds) }
        let uacSupports = request.headers.optionTags(.supported).contains { $0.lowercased() == "timer" }
        let refresher = asked.refresher ?? (uacSupports ? .uac : .uas)
        return .use(SessionExpires(seconds: asked.seconds, refresher: refresher), requireInResponse: uacSupports)
    }

    /// §10: when the refresher sends its refresh (half the interval), and when the other side gives up on a session
    /// that was not refreshed (the interval minus the lesser of 32 s and a third of it).
    public static func refreshDelay(_ expires: SessionExpires) -> Duration { .seconds(expires.seconds) / 2 }

    public static func expiryDelay(_ expires: SessionExpires) -> Duration {
        .seconds(expires.seconds - min(32, expires.seconds / 3))
    }
}
