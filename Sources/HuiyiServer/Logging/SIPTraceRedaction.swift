/// Masks the secrets in a SIP message before it is written to a trace log.
///
/// In `Authorization` and `Proxy-Authorization` (RFC 3261 §22.2, §22.3; RFC 7616 §3.4) the digest `response`
/// proves knowledge of the password and, with the `cnonce`, is all an offline dictionary attack needs; both are
/// replaced by `…`. `username`, `realm`, `nonce` and the rest stay readable, since they are what one debugs.
/// In an SDP body, the SRTP master keys of `a=crypto` lines (RFC 4568 §6.1 `inline:` key-salt) are replaced by
/// `…` as well: whoever holds them can decrypt the call. All other headers and body lines are left as they are.
public enum SIPTraceRedaction {
    static let mask = "…"

    /// `message` with digest responses and client nonces masked.
    public static func masked(_ message: String) -> String {
        // Work on lines so that a header folded over several lines (RFC 3261 §7.3.1) is masked too. Split on the
        // LF scalar: to a Swift `Character`, CRLF is one grapheme that "\n" never matches.
        var lines = message.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        var inCredentials = false
        var inBody = false
        for index in lines.indices {
            let line = lines[index]
            if inBody {
                if line.hasPrefix("a=crypto:") { lines[index] = maskKeys(in: line) }
                continue
            }
            if line.isEmpty || line == "\r" {
                inBody = true
                continue
            }
            if line.first == " " || line.first == "\t" {
                if inCredentials { lines[index] = maskDigestParameters(in: line) }
                continue
            }
            inCredentials = isCredentialsHeader(line)
            if inCredentials { lines[index] = maskDigestParameters(in: line) }
        }
        return lines.joined(separator: "\n")
    }

    /// `inline:KEY|lifetime|mki` → `inline:…|lifetime|mki`, for every key of the attribute.
    private static func maskKeys(in line: String) -> String {
        line.replacing(/inline:[^|;\s]*/) { _ in "inline:\(mask)" }
    }

    private static func isCredentialsHeader(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let name = line[..<colon].trimmingSuffix { $0 == " " || $0 == "\t" }.lowercased()
        return name == "authorization" || name == "proxy-authorization"
    }

    /// Replaces the values of `response` and `cnonce` parameters, quoted or not, keeping the quoting style.
    private static func maskDigestParameters(in line: String) -> String {
        let parameter = /(?i)(^|[\s,:])(response|cnonce)(\s*=\s*)("[^"]*"?|[^\s,]*)/
        return line.replacing(parameter) { match in
            let (_, lead, name, equals, value) = match.output
            let replacement = value.hasPrefix("\"") ? "\"\(mask)\"" : mask
            return "\(lead)\(name)\(equals)\(replacement)"
        }
    }
}

private extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
