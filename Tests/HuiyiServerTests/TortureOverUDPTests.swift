import Foundation
import SIP
import XCTest

/// Every RFC 4475 / RFC 5118 torture message sent to a running server over UDP gets the response the RFC names (or
/// none, for responses and for requests without a Via), and the server keeps answering afterwards.
///
/// The messages name foreign hosts (192.0.2.x, example.com): this runs only in a network namespace with nothing but
/// loopback (Tools/test.sh), so that a bug could never send a packet off the machine.
final class TortureOverUDPTests: XCTestCase {
    /// The server runs with domain example.com, so the messages addressed there reach the registrar and UAS logic.
    static let expected: [String: Int] = [
        // RFC 4475 §3.1.1 valid messages: answered by the element's own logic. wsinv carries a To tag: an INVITE
        // within a dialog this server does not have gets 481 (RFC 3261 §12.2.2); the other INVITEs name no room.
        "wsinv": 481, "intmeth": 501, "esc01": 404, "escnull": 401, "esc02": 501, "lwsdisp": 200, "longreq": 404,
        "dblreq": 401, "semiuri": 200, "transports": 200, "mpart01": 404, "unreason": 0, "noreason": 0,
        // §3.1.2 invalid messages.
        "badinv01": 400, "clerr": 400, "ncl": 400, "scalar02": 400, "quotbal": 400, "ltgtruri": 400, "lwsruri": 400,
        "lwsstart": 400, "trws": 400, "escruri": 400, "baddate": 404, "regbadct": 400, "badaspec": 400, "baddn": 400,
        "baddn.crlf-terminated": 400, "badvers": 505, "mismatch01": 400, "mismatch02": 501, "bigcode": 0,
        // §3.2, §3.3, §3.4.
        "badbranch": 200, "insuf": 400, "unkscm": 416, "novelsc": 416, "unksm2": 400, "bext01": 420, "invut": 415,
        "regaut01": 401, "multi01": 400, "mcl01": 400, "bcast": 0, "zeromf": 200, "cparam01": 401, "cparam02": 401,
        "regescrt": 401, "sdp01": 406, "inv2543": 404, "scalarlg": 0, "test": 0,
    ]

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../SIPTests/Fixtures")

    func testTortureMessagesGetTheRFCResponse() async throws {
        try XCTSkipUnless(ServerHarness.isIsolatedNetwork,
                          "sends messages naming foreign hosts: run inside a loopback-only namespace (Tools/test.sh)")
        let server = ServerHarness()
        try await server.start(domain: "example.com")
        defer { Task { await server.stop() } }
        let client = try UDPClient(serverPort: server.udpPort)

        for (name, status) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let original = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("rfc4475/\(name).dat")))
            let bytes = Self.uniqueBranches(original, tag: name)
            let marker = Self.marker(of: bytes)
            client.send(bytes)
            let reply = client.receiveFinalStatus(timeout: status == 0 ? 0.3 : 5, containing: marker)
            if status == 0 {
                XCTAssertNil(reply, "\(name): expected no answer, got \(reply?.text ?? "")")
            } else {
                XCTAssertEqual(reply?.status, status, "\(name): \(reply?.text ?? "no answer")")
            }
            if name == "dblreq" {
                XCTAssertNil(client.receiveFinalResponse(timeout: 0.3, callID: "dblreq.0ha0isnda977644900765@192.0.2.15"),
                             "dblreq: the trailing INVITE is ignored")
            }
            // Nothing of the torture suite may stop the server answering.
            client.send(Array("OPTIONS sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:\(client.localPort);branch=z9hG4bK-\(name)\r\nFrom: <sip:probe@example.com>;tag=p\r\nTo: <sip:example.com>\r\nCall-ID: probe-\(name)\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n".utf8))
            XCTAssertEqual(client.receiveFinalResponse(timeout: 5, callID: "probe-\(name)")?.statusCode, 200,
                           "server still answers after \(name)")
        }
    }

    /// What identifies the reply: the Call-ID value as written (first `Call-ID:` or `i:` line), else the CSeq value.
    static func marker(of bytes: [UInt8]) -> String {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        for prefixes in [["call-id:", "i:"], ["cseq:"]] {
            for line in lines {
                for prefix in prefixes where line.lowercased().hasPrefix(prefix) {
                    return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return "\r\n"
    }

    /// The suite reuses branch ids across messages (22 use `z9hG4bKkdjuw`); a server must treat a second request with
    /// the same branch, sent-by and method as a retransmission (RFC 3261 §17.2.3) and repeat the first answer. Each
    /// message gets its own branch here so each is judged on its own; a bare `z9hG4bK` (RFC 4475 §3.2.1) is kept.
    static func uniqueBranches(_ bytes: [UInt8], tag: String) -> [UInt8] {
        let cookie = Array("z9hG4bK".utf8)
        let insert = Array(tag.utf8.filter { $0 != UInt8(ascii: ".") }) + [UInt8(ascii: "-")]
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i...].starts(with: cookie), i + cookie.count < bytes.count {
                let next = bytes[i + cookie.count]
                out += cookie
                if next > 0x20, next != UInt8(ascii: ";"), next != UInt8(ascii: ",") { out += insert }
                i += cookie.count
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    func testIPv6TortureMessages() async throws {
        try XCTSkipUnless(ServerHarness.isIsolatedNetwork, "run inside a loopback-only namespace (Tools/test.sh)")
        let server = ServerHarness()
        try await server.start(domain: "example.com")
        defer { Task { await server.stop() } }
        let client = try UDPClient(serverPort: server.udpPort)
        let dir = Self.fixtures.appendingPathComponent("rfc5118")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            var text = String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "\n")
            // The archive's bare-LF files are framed for the wire: CRLF, final empty line, true Content-Length.
            let parts = text.components(separatedBy: "\n\n")
            let body = parts.dropFirst().joined(separator: "\n\n").replacingOccurrences(of: "\n", with: "\r\n")
            let head = parts[0].split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.lowercased().hasPrefix("content-length") ? "Content-Length: \(body.utf8.count)" : String(line)
            }.filter { !$0.isEmpty }
            text = head.joined(separator: "\r\n") + "\r\n\r\n" + body
            let bytes = Self.uniqueBranches(Array(text.utf8), tag: name)
            client.send(bytes)
            let reply = client.receiveFinalStatus(timeout: 5, containing: Self.marker(of: bytes))
            if name == "ipv6-bad" {
                XCTAssertEqual(reply?.status, 400, name)
            } else {
                XCTAssertNotNil(reply, "\(name): no answer")
                XCTAssertNotEqual(reply?.status, 400, "\(name) is valid: \(reply?.text ?? "")")
            }
        }
    }
}
