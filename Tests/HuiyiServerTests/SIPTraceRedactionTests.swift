import Foundation
import Logging
import SIP
import XCTest

@testable import HuiyiServer

final class SIPTraceRedactionTests: XCTestCase {
    private let register = [
        "REGISTER sip:huiyi.local SIP/2.0",
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds",
        #"Authorization: Digest username="alice", realm="huiyi.local", nonce="dcd98b7102dd2f0e", "#
            + #"uri="sip:huiyi.local", response="6629fae49393a05397450978507c4ef1", algorithm=SHA-256, "#
            + #"cnonce="0a4f113b", qop=auth, nc=00000001"#,
        "Content-Length: 0",
        "",
        "",
    ].joined(separator: "\r\n")

    func testResponseAndCnonceAreMaskedAndUsernameKept() {
        let masked = SIPTraceRedaction.masked(register)
        XCTAssertFalse(masked.contains("6629fae49393a05397450978507c4ef1"), masked)
        XCTAssertFalse(masked.contains("0a4f113b"), masked)
        XCTAssertTrue(masked.contains(#"username="alice""#), masked)
        XCTAssertTrue(masked.contains(#"nonce="dcd98b7102dd2f0e""#), masked)
        XCTAssertTrue(masked.contains(#"response="…", algorithm=SHA-256, cnonce="…", qop=auth"#), masked)
        // Everything else is exactly as it was.
        XCTAssertEqual(masked.replacingOccurrences(of: "6629fae49393a05397450978507c4ef1", with: "…"),
                       masked)
        XCTAssertEqual(
            register.replacingOccurrences(of: "6629fae49393a05397450978507c4ef1", with: "…")
                .replacingOccurrences(of: "0a4f113b", with: "…"),
            masked
        )
    }

    func testProxyAuthorizationUnquotedAndFoldedValuesAreMasked() {
        let message = [
            "INVITE sip:8001@huiyi.local SIP/2.0",
            "proxy-authorization : Digest username=bob, RESPONSE = abcdef0123,",
            "\tcnonce=\"xyz\", nc=00000002",
            "Subject: response=notasecret",
            "",
            "v=0 response=body",
        ].joined(separator: "\r\n")
        let masked = SIPTraceRedaction.masked(message)
        XCTAssertTrue(masked.contains("username=bob, RESPONSE = …,"), masked)
        XCTAssertTrue(masked.contains("\tcnonce=\"…\", nc=00000002"), masked)
        XCTAssertTrue(masked.contains("Subject: response=notasecret"), "other headers are not touched")
        XCTAssertTrue(masked.hasSuffix("v=0 response=body"), "the body is not touched")
    }

    func testSRTPKeysInSDPAreMasked() {
        let key = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"
        let message = [
            "SIP/2.0 200 OK", "Content-Type: application/sdp", "",
            "v=0", "m=audio 40000 RTP/SAVP 0",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|2^20|1:4", "a=crypto:2 AEAD_AES_128_GCM inline:\(key)",
            "a=sendrecv",
        ].joined(separator: "\r\n")
        let masked = SIPTraceRedaction.masked(message)
        XCTAssertFalse(masked.contains(key), masked)
        XCTAssertTrue(masked.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:…|2^20|1:4"), masked)
        XCTAssertTrue(masked.contains("a=crypto:2 AEAD_AES_128_GCM inline:…"), masked)
        XCTAssertTrue(masked.contains("m=audio 40000 RTP/SAVP 0"), "other SDP lines are kept")
    }

    func testParameterNamesThatOnlyEndInResponseAreKept() {
        let message = #"Authorization: Digest username="carol", myresponse="keep", response="secret""# + "\r\n\r\n"
        let masked = SIPTraceRedaction.masked(message)
        XCTAssertTrue(masked.contains(#"myresponse="keep""#), masked)
        XCTAssertFalse(masked.contains("secret"), masked)
    }

    func testTracerLogsMaskedMessagesOnlyWhenEnabled() {
        let recorder = RecordedMessages()
        let logger = Logger(label: "test") { _ in RecordingLogHandler(recorder: recorder) }
        SIPMessageTracer(logger: logger, isEnabled: false)
            .trace(.received, remote: "192.0.2.10:5060", transport: .udp, message: register)
        XCTAssertEqual(recorder.messages, [])

        SIPMessageTracer(logger: logger, isEnabled: true)
            .trace(.received, remote: "192.0.2.10:5060", transport: .udp, message: register)
        XCTAssertEqual(recorder.messages.count, 1)
        let line = recorder.messages[0]
        XCTAssertEqual(line.level, .info)
        XCTAssertTrue(line.text.hasPrefix("SIP received from 192.0.2.10:5060 over UDP, \(register.utf8.count) bytes\n"))
        XCTAssertFalse(line.text.contains("6629fae49393a05397450978507c4ef1"))
        XCTAssertTrue(line.text.contains(#"username="alice""#))
    }
}

/// Log lines captured by `RecordingLogHandler`.
final class RecordedMessages: @unchecked Sendable {
    struct Line: Equatable {
        var level: Logger.Level
        var text: String
    }

    private let lock = NSLock()
    private var lines: [Line] = []

    var messages: [Line] { lock.withLock { lines } }

    func append(_ line: Line) { lock.withLock { lines.append(line) } }
}

struct RecordingLogHandler: LogHandler {
    let recorder: RecordedMessages
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        recorder.append(.init(level: event.level, text: event.message.description))
    }
}
