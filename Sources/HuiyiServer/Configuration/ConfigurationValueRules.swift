#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import SIPServices
import SIPTransport

/// A value that does not fit its key; `expected` completes "expected …, got <value>".
struct UnexpectedValue: Error, Equatable {
    var expected: String
}

/// How each textual setting is read. The file and the command-line flags share these, so `--sip tcp:x` and
/// `sip.listen = ["tcp:x"]` are refused with the same words.
enum ConfigurationValueRules {
    static let listenShape = #""udp|tcp|tls:HOST:PORT" (IPv6 in brackets)"#

    static func listenAddress(_ text: String) throws(UnexpectedValue) -> SIPListenerSpec {
        guard let spec = SIPListenerSpec(text) else { throw UnexpectedValue(expected: listenShape) }
        // Binding needs an address: a host name would be resolved at start, possibly to nothing or to a surprise.
        guard isIPLiteral(spec.host) else {
            throw UnexpectedValue(expected: listenShape + " with an IP address as HOST")
        }
        return spec
    }

    static func logLevel(_ text: String) throws(UnexpectedValue) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text) else {
            throw UnexpectedValue(expected: Logger.Level.allCases.map(\.rawValue).joined(separator: "|"))
        }
        return level
    }

    /// A domain or alias: a DNS name (RFC 1035 §2.3.1 letters, digits, hyphens) or an unbracketed IP literal.
    static func host(_ text: String) throws(UnexpectedValue) -> String {
        guard isIPLiteral(text) || isHostName(text) else {
            throw UnexpectedValue(expected: "a host name or an IP address (IPv6 without brackets)")
        }
        return text
    }

    /// `LOW-HIGH`, ports 1024–65535, room for at least one even/odd pair.
    static func portRange(_ text: String) throws(UnexpectedValue) -> ClosedRange<Int> {
        let expected = #""LOW-HIGH" with 1024 ≤ LOW < HIGH ≤ 65535, such as "16384-32767""#
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), 1024 <= low, low < high,
              high <= 65535, low + (low % 2) + 1 <= high else { throw UnexpectedValue(expected: expected) }
        return low...high
    }

    /// `HOST:PORT` with an IP address as HOST (IPv6 in brackets) and a port 0–65535 (0: any free port).
    static func hostPort(_ text: String) throws(UnexpectedValue) -> (String, Int) {
        let expected = #""HOST:PORT" with an IP address, such as "127.0.0.1:8088" or "[::1]:8088""#
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { throw UnexpectedValue(expected: expected) }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard isIPLiteral(host) else { throw UnexpectedValue(expected: expected) }
        return (host, port)
    }

    /// An IANA time zone name such as `Asia/Shanghai`.
    static func timeZone(_ text: String) throws(UnexpectedValue) -> String {
        guard TimeZone(identifier: text) != nil else {
            throw UnexpectedValue(expected: #"an IANA time zone such as "Asia/Shanghai" or "Europe/Berlin""#)
        }
        return text
    }

    /// An IP address, or empty for "work it out per call".
    static func optionalIPAddress(_ text: String) throws(UnexpectedValue) -> String {
        guard text.isEmpty || isIPLiteral(text) else {
            throw UnexpectedValue(expected: "an IP address (IPv6 without brackets), or \"\" to use the address each caller reached")
        }
        return text
    }

    static func nonEmptyPath(_ text: String) throws(UnexpectedValue) -> String {
        guard !text.isEmpty else { throw UnexpectedValue(expected: "a path") }
        return text
    }

    static func digestAlgorithm(_ text: String) throws(UnexpectedValue) -> DigestAlgorithm {
        // Exact spelling, so the file reads the same as the challenges the server sends.
        guard let algorithm = DigestAlgorithm(rawValue: text) else {
            throw UnexpectedValue(expected: DigestAlgorithm.allCases.map { #""\#($0.rawValue)""# }.joined(separator: " or "))
        }
        return algorithm
    }

    static func isHostName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    static func isIPLiteral(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
