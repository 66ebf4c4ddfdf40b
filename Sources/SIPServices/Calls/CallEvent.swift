/// The calls the server's transaction user hands to its call router (RFC 3261 §13.3 UAS INVITE processing, §15
/// BYE, §14 re-INVITE, RFC 3311 UPDATE, RFC 6086 INFO), and the router's answers. `SIPServerCore` keeps the
/// dialogs; the router (rooms, users) only decides.
import SIP

/// Names one call: its Call-ID and this side's tag, which this server chose at random and so is unique.
public struct CallHandle: Hashable, Sendable, CustomStringConvertible {
    public let callID: String
    public let localTag: String

    public init(callID: String, localTag: String) {
        self.callID = callID
        self.localTag = localTag
    }

    public var description: String { "\(callID);tag=\(localTag)" }
}

/// What digest credentials in an INVITE proved (RFC 3261 §22, RFC 7616); the router decides whether it needs them.
public struct CallerCredentials: Sendable, Hashable {
    /// The account whose password produced the Authorization, when one did.
    public var authenticatedUser: String?
    /// Why the Authorization that was present failed (wrong password, unknown user, replayed nonce), if it did.
    public var failure: String?
    /// The Authorization used a nonce that has expired: a new challenge should say `stale=true`.
    public var stale: Bool

    public init(authenticatedUser: String? = nil, failure: String? = nil, stale: Bool = false) {
        self.authenticatedUser = authenticatedUser
        self.failure = failure
        self.stale = stale
    }
}

/// A new INVITE, after the §8.2 checks; answer it with `SIPServerCore.answerCall`.
public struct IncomingCall: Sendable {
    public var handle: CallHandle
    public var request: SIPRequest
    public var flow: SIPFlow
    public var credentials: CallerCredentials
}

/// Why a call ended.
public enum CallEndReason: Sendable, Hashable, CustomStringConvertible {
    /// CANCEL before the final response (§9.2).
    case cancelled
    /// The peer sent BYE (§15.1.2).
    case remoteHangUp
    /// This side hung up (`SIPServerCore.hangUp`), for the reason given.
    case localHangUp(String)
    /// The ACK of the 2xx never came (§13.3.1.4); a BYE was sent.
    case ackTimeout
    /// RFC 4028 §10: the session was not refreshed in time; a BYE was sent.
    case sessionExpired

    public var description: String {
        switch self {
        case .cancelled: "cancelled by the caller"
        case .remoteHangUp: "hung up by the caller"
        case .localHangUp(let why): why
        case .ackTimeout: "no ACK for the 200 OK"
        case .sessionExpired: "session timer expired without a refresh"
        }
    }
}

/// What happened to a call; `SIPServerCore.Action.call` carries these to the router.
public enum CallEvent: Sendable {
    /// A new call: answer it with `answerCall(_:_:now:)`.
    case offered(IncomingCall)
    /// A re-INVITE or an UPDATE with a body asks to change the session (§14.2, RFC 3311 §5.2): answer it with
    /// `answerCall`, like the first offer. A re-INVITE without a body asks this side for an offer.
    case reoffered(CallHandle, SIPRequest)
    /// The ACK of the first 2xx arrived: the dialog is confirmed.
    case confirmed(CallHandle, SIPRequest)
    /// An INFO in the dialog (RFC 6086), already answered 200: DTMF relay and the like.
    case info(CallHandle, contentType: String, body: [UInt8])
    /// The call is over; the dialog is gone.
    case ended(CallHandle, CallEndReason)
    /// This side's call (`dial`) got a provisional response: 180 Ringing, 183 Session Progress.
    case progress(CallHandle, status: Int)
    /// This side's call was answered: the 2xx (its body is the SDP answer) has been acknowledged.
    case answered(CallHandle, SIPResponse)
    /// This side's call failed before an answer: the final status (408 when nothing answered, 503 when the site could
    /// not be reached) and its reason.
    case failed(CallHandle, status: Int, reason: String)
}

/// The router's answer to an offer (`offered` or `reoffered`).
public enum CallAnswer: Sendable, Hashable {
    /// 200 OK with this SDP body.
    case accept(sdp: [UInt8])
    /// A final error response; `warning` becomes a `Warning` header with `warningCode` (RFC 3261 §20.43: 399
    /// miscellaneous, 30x for SDP problems such as 304 "media type not available", 305 "incompatible media format").
    case reject(status: Int, reason: String? = nil, warning: String? = nil, warningCode: Int = 399)
    /// 401 with fresh digest challenges (first INVITE only).
    case challenge
}
