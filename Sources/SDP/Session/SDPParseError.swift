/// Why a session description was refused: a line that breaks the RFC 8866 §9 grammar or the §5 rules on required lines.

/// A refused session description: the 1-based line number and what is wrong there. Its description is meant for a
/// log line or a SIP `Warning` header: "SDP line 4: ...".
public struct SDPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number, counting blank lines; for a missing line, the line where it was expected.
    public var line: Int
    public var problem: Problem

    public init(line: Int, _ problem: Problem) {
        self.line = line
        self.problem = problem
    }

    public enum Problem: Sendable, Hashable {
        /// No lines at all.
        case empty
        /// Not `<letter>=<value>`; carries the start of the line.
        case notATypeValueLine(String)
        /// The first line is not a `v=` line.
        case missingVersion
        /// `v=` with anything but 0.
        case unsupportedVersion(String)
        /// A line that must appear once appears again (`v`, `o`, `s`, `u`, `c` at session level, `z`, `k`).
        case duplicate(Character)
        /// A session-level line (`v=`, `o=`, `s=`) after the first `m=` line.
        case sessionLineInMedia(Character)
        case missingOrigin
        case missingSessionName
        case malformedOrigin(String)
        case malformedConnection(String)
        case malformedBandwidth(String)
        case malformedTiming(String)
        /// `r=` with no `t=` before it.
        case repeatWithoutTiming
        case malformedMedia(String)
        /// The `m=` port (or port count) is not a number in range.
        case invalidPort(String)
    }

    public var description: String { "SDP line \(line): \(problem)" }
}

extension SDPParseError.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: "the session description is empty"
        case .notATypeValueLine(let text): "expected '<type>=<value>', found '\(text)'"
        case .missingVersion: "a session description must begin with 'v=0'"
        case .unsupportedVersion(let version): "'v=\(version)' is not SDP version 0"
        case .duplicate(let type): "a second '\(type)=' line, where only one is allowed"
        case .sessionLineInMedia(let type): "'\(type)=' belongs before the first 'm=' line"
        case .missingOrigin: "the 'o=' line is missing (it must follow 'v=0')"
        case .missingSessionName: "the 's=' line is missing (it must follow 'o=')"
        case .malformedOrigin(let text):
            "'o=\(text)' is malformed; expected '<username> <sess-id> <sess-version> IN IP4|IP6 <address>'"
                + " with a numeric id and version"
        case .malformedConnection(let text):
            "'c=\(text)' is malformed; expected 'IN IP4|IP6 <address>[/ttl][/count]'"
        case .malformedBandwidth(let text): "'b=\(text)' is malformed; expected '<type>:<number>'"
        case .malformedTiming(let text): "'t=\(text)' is malformed; expected '<start> <stop>' in decimal seconds"
        case .repeatWithoutTiming: "'r=' must follow a 't=' line"
        case .malformedMedia(let text):
            "'m=\(text)' is malformed; expected '<media> <port>[/<count>] <proto> <fmt> ...'"
        case .invalidPort(let text): "'\(text)' is not a port number from 0 to 65535"
        }
    }
}

extension String {
    /// At most 60 characters of `text`, control characters shown as `?`, for quoting a hostile line in a message.
    static func excerpt(_ text: some StringProtocol) -> String {
        let clipped = text.prefix(60).map { character -> Character in
            guard let ascii = character.asciiValue else { return character }
            return ascii < 0x20 || ascii == 0x7F ? "?" : character
        }
        return String(clipped) + (text.count > 60 ? "…" : "")
    }
}
