import Foundation
import SIP
import SIPServices
import Store
import XCTest

/// A client registers with digest authentication over real UDP; the binding is in the store, survives a restart of
/// the server, and an account added while the server runs can register at once.
final class RegistrarOverUDPTests: XCTestCase {
    func register(_ client: UDPClient, user: String, password: String, cseq: inout Int, expires: Int = 300,
                  contact: Bool = true) throws -> SIPResponse {
        let callID = "reg-\(user)-\(client.localPort)"
        func send(_ authorization: String?) throws -> SIPResponse {
            cseq += 1
            var lines = [
                "REGISTER sip:huiyi.local SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:\(client.localPort);branch=z9hG4bK-\(callID)-\(cseq);rport",
                "From: <sip:\(user)@huiyi.local>;tag=\(user)", "To: <sip:\(user)@huiyi.local>",
                "Call-ID: \(callID)", "CSeq: \(cseq) REGISTER", "Max-Forwards: 70", "Expires: \(expires)",
            ]
            if contact { lines.append("Contact: <sip:\(user)@127.0.0.1:\(client.localPort)>") }
            if let authorization { lines.append("Authorization: \(authorization)") }
            client.send(Array((lines + ["Content-Length: 0", "", ""]).joined(separator: "\r\n").utf8))
            return try XCTUnwrap(client.receiveFinalResponse(timeout: 5, callID: callID), "no answer to REGISTER")
        }
        let challenge = try send(nil)
        XCTAssertEqual(challenge.statusCode, 401)
        let offered = try XCTUnwrap(challenge.headers.values(.wwwAuthenticate).first)
        let nonce = try XCTUnwrap(offered.components(separatedBy: "nonce=\"").last?.components(separatedBy: "\"").first)
        let algorithm: DigestAlgorithm = offered.contains("SHA-256") ? .sha256 : .md5
        let ha1 = algorithm.ha1(username: user, realm: "huiyi.local", password: password)
        let response = algorithm.response(ha1: ha1, nonce: nonce, nonceCount: "00000001", cnonce: "0a4f113b",
                                          qop: "auth", method: "REGISTER", uri: "sip:huiyi.local")
        return try send("Digest username=\"\(user)\", realm=\"huiyi.local\", nonce=\"\(nonce)\", uri=\"sip:huiyi.local\", "
            + "response=\"\(response)\", algorithm=\(algorithm.token), qop=auth, nc=00000001, cnonce=\"0a4f113b\"")
    }

    func testBindingsArePersistedAndSurviveARestart() async throws {
        let server = ServerHarness()
        let database = try HuiyiDatabase(dataDirectory: server.dataDirectory)
        try database.accounts.add(username: "shunde", password: "secret-1", realm: "huiyi.local")
        try await server.start()
        var client = try UDPClient(serverPort: server.udpPort)
        var cseq = 0
        let ok = try register(client, user: "shunde", password: "secret-1", cseq: &cseq)
        XCTAssertEqual(ok.statusCode, 200)
        XCTAssertEqual(try ok.headers.contacts().addresses.count, 1)

        // An account added while the server runs (as `huiyi account add` does from another process) works at once.
        try database.accounts.add(username: "nanhai", password: "secret-2", realm: "huiyi.local")
        let other = try UDPClient(serverPort: server.udpPort)
        var otherCSeq = 0
        XCTAssertEqual(try register(other, user: "nanhai", password: "secret-2", cseq: &otherCSeq).statusCode, 200)
        XCTAssertEqual(try register(other, user: "nanhai", password: "wrong", cseq: &otherCSeq).statusCode, 403)

        await server.stopKeepingData()
        let stored = try database.bindings.listBindings(aor: "sip:shunde@huiyi.local")
        XCTAssertEqual(stored.map(\.contact), ["<sip:shunde@127.0.0.1:\(client.localPort)>"])

        // After a restart, a query REGISTER (no Contact) returns the binding restored from the store.
        try await server.start()
        client = try UDPClient(serverPort: server.udpPort)
        cseq = 100
        let query = try register(client, user: "shunde", password: "secret-1", cseq: &cseq, contact: false)
        XCTAssertEqual(query.statusCode, 200)
        XCTAssertEqual(try query.headers.contacts().addresses.first?.uri.user, "shunde")
        await server.stop()
    }
}
