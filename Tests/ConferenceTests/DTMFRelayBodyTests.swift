import Testing
@testable import Conference

/// SIP INFO DTMF bodies in the shapes phones and gateways really send.
@Suite struct DTMFRelayBodyTests {
    static let relay = "application/dtmf-relay"

    @Test(arguments: [
        ("Signal=5\r\nDuration=160\r\n", "5"),
        ("Signal= #\r\nDuration= 250\r\n", "#"),
        ("signal=*\nduration=100\n", "*"),
        ("Duration=160\r\nSignal=9\r\n", "9"),
        ("SIGNAL = 0", "0"),
        ("Signal=10\r\nDuration=160\r\n", "*"),
        ("Signal=11\r\n", "#"),
        ("Signal=12\r\n", "A"),
        ("Signal=d\r\n", "D"),
        ("\r\nSignal=7\r", "7"),
    ] as [(String, Character)])
    func aRelayBodyGivesItsKey(body: String, key: Character) {
        #expect(DTMFRelayBody.digit(contentType: Self.relay, body: body) == key)
    }

    @Test(arguments: ["", "Duration=160\r\n", "Signal=\r\n", "Signal=16\r\n", "Signal=55\r\n", "Signal=x\r\n", "5"])
    func aRelayBodyWithoutAKeyGivesNothing(body: String) {
        #expect(DTMFRelayBody.digit(contentType: Self.relay, body: body) == nil)
    }

    @Test func theContentTypeIsMatchedWithoutCaseOrParameters() {
        #expect(DTMFRelayBody.digit(contentType: "Application/DTMF-Relay; charset=utf-8", body: "Signal=3") == "3")
        #expect(DTMFRelayBody.digit(contentType: "application/dtmf", body: "4\r\n") == "4")
        #expect(DTMFRelayBody.digit(contentType: " application/dtmf ", body: " # ") == "#")
        #expect(DTMFRelayBody.digit(contentType: "application/dtmf", body: "11") == "#")
    }

    @Test func theBodyMayComeAsOctets() {
        #expect(DTMFRelayBody.digit(contentType: Self.relay, body: Array("Signal=8\r\nDuration=160\r\n".utf8)) == "8")
        #expect(DTMFRelayBody.digit(contentType: Self.relay, body: [0xFF, 0x0A]) == nil)
    }

    @Test func otherBodiesAreNotDTMF() {
        #expect(DTMFRelayBody.digit(contentType: "application/sdp", body: "Signal=5") == nil)
        #expect(DTMFRelayBody.digit(contentType: "text/plain", body: "5") == nil)
        #expect(DTMFRelayBody.digit(contentType: "application/dtmf", body: "55") == nil)
        #expect(DTMFRelayBody.digit(contentType: "application/dtmf", body: "") == nil)
    }
}
