import SIP
import SIPTransport
import XCTest

final class SIPListenerSpecTests: XCTestCase {
    func testParsesIPv4AndBracketedIPv6() {
        XCTAssertEqual(SIPListenerSpec("udp:127.0.0.1:5060"), SIPListenerSpec(transport: .udp, host: "127.0.0.1", port: 5060))
        XCTAssertEqual(SIPListenerSpec("TLS:[::1]:5061"), SIPListenerSpec(transport: .tls, host: "::1", port: 5061))
        XCTAssertEqual(SIPListenerSpec("tcp:0.0.0.0:0")?.port, 0)
    }

    func testRejectsMalformedListeners() {
        for text in ["udp:::1:5060", "sctp:1.2.3.4:5060", "udp:1.2.3.4", "udp::5060", "tcp:1.2.3.4:70000", "tcp:[::1]:x"] {
            XCTAssertNil(SIPListenerSpec(text), text)
        }
    }

    func testDescriptionRoundTrips() {
        for text in ["udp:127.0.0.1:5060", "tls:[::1]:5061", "tcp:0.0.0.0:5060"] {
            XCTAssertEqual(SIPListenerSpec(text)?.description, text)
        }
    }
}
