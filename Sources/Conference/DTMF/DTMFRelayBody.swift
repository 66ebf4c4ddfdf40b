/// The key in an INFO (RFC 6086) DTMF body: `application/dtmf-relay` (`Signal=5` lines) or `application/dtmf`.
///
/// Neither body type has an RFC of its own; both are what phones and gateways send when RFC 4733 events are not
/// negotiated. `application/dtmf` carries the key alone.
/// Bodies vary: CRLF or bare LF, any case of `Signal`, spaces around `=`, and RFC 4733 §3.2 event codes
/// (`10` for `*`, `11` for `#`, `12`-`15` for `A`-`D`) in place of the key itself.
public enum DTMFRelayBody {
    /// The key carried by `body` sent with `contentType`, normalised to `0`-`9`, `*`, `#` or `A`-`D`; `nil` when
    /// the content type is neither DTMF type or the body names no key.
    public static func digit(contentType: String, body: String) -> Character? {
        let mediaType = contentType.prefix { $0 != ";" }.trimmingWhitespace().lowercased()
        switch mediaType {
        case "application/dtmf-relay": return signal(inRelayBody: body)
        case "application/dtmf": return digit(named: body.trimmingWhitespace())
        default: return nil
        }
    }

    /// The key carried by `body` as the SIP layer hands it over (octets, decoded as UTF-8).
    public static func digit(contentType: String, body: [UInt8]) -> Character? {
        digit(contentType: contentType, body: String(decoding: body, as: UTF8.self))
    }

    /// The `Signal` line's value; other lines (`Duration=160`) are ignored.
    static func signal(inRelayBody body: String) -> Character? {
        for line in body.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            guard line[..<equals].trimmingWhitespace().lowercased() == "signal" else { continue }
            return digit(named: line[line.index(after: equals)...].trimmingWhitespace())
        }
        return nil
    }

    /// `5`, `*`, `#`, `a`, or an event code `0`-`15`.
    static func digit(named value: Substring) -> Character? {
        let keys: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D"]
        if let code = Int(value), keys.indices.contains(code) { return keys[code] }
        guard value.count == 1, let character = value.first?.uppercased().first else { return nil }
        return keys.contains(character) ? character : nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingWhitespace() -> Substring {
        let characters = Substring(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return characters[first...last]
    }
}
