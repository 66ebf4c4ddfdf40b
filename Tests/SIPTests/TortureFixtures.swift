import Foundation

/// Loads the RFC 4475 / RFC 5118 torture messages copied into `Fixtures/` (see /Tests/SIPTests/Fixtures/README.md).
enum TortureFixtures {
    static func rfc4475(_ name: String) throws -> [UInt8] {
        let url = try XCTUnwrapURL(Bundle.module.url(forResource: name, withExtension: "dat", subdirectory: "Fixtures/rfc4475"))
        return Array(try Data(contentsOf: url))
    }

    /// RFC 5118's archive uses bare LF, two files lack the final empty line and some Content-Lengths do not match the
    /// body (see SOURCES.md of the corpus). On the wire a sender would frame them correctly, so normalize: CRLF line
    /// ends, a terminating empty line, and Content-Length recomputed from the body.
    static func rfc5118(_ name: String) throws -> [UInt8] {
        let url = try XCTUnwrapURL(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/rfc5118"))
        var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        var parts = text.components(separatedBy: "\n\n")
        var head = parts.removeFirst()
        var body = parts.joined(separator: "\n\n")
        if parts.isEmpty { head = head.hasSuffix("\n") ? String(head.dropLast()) : head; body = "" }
        let crlfBody = body.replacingOccurrences(of: "\n", with: "\r\n")
        var lines = head.components(separatedBy: "\n")
        for i in lines.indices where lines[i].lowercased().hasPrefix("content-length") || lines[i].hasPrefix("l:") {
            lines[i] = "Content-Length: \(crlfBody.utf8.count)"
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + crlfBody).utf8)
    }

    private static func XCTUnwrapURL(_ url: URL?) throws -> URL {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        return url
    }
}
