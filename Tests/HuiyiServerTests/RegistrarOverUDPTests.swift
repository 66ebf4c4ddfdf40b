import Foundation
import SIP
import SIPServices
import Store
import XCTest

/// A client registers with digest authentication over real UDP; the binding is in the store, survives a restart of
/// the server, and an account added while the server runs can register at once.
final class RegistrarOverUDPTests: XCTestCase {
    func testBindingsArePersistedAndSurviveARestart() async throws {
        let server = ServerHarness()
        let database = try HuiyiDatabase(dataDirectory: server.dataDirectory)
        try database.accounts.add(username: "shunde", password: "secret-1", realm: "huiyi.local")
        try await server.start()
        var client = try UDPClient(serverPort: server.udpPort)
        var cseq = 0
        let ok = try client.register(user: "shunde", password: "secret-1", cseq: &cseq)
        XCTAssertEqual(ok.statusCode, 200)
        XCTAssertEqual(try ok.headers.contacts().addresses.count, 1)

        // An account added while the server runs (as `huiyi account add` does from another process) works at once.
        try database.accounts.add(username: "nanhai", password: "secret-2", realm: "huiyi.local")
        let other = try UDPClient(serverPort: server.udpPort)
        var otherCSeq = 0
        XCTAssertEqual(try other.register(user: "nanhai", password: "secret-2", cseq: &otherCSeq).statusCode, 200)
        XCTAssertEqual(try other.register(user: "nanhai", password: "wrong", cseq: &otherCSeq).statusCode, 403)

        await server.stopKeepingData()
        let stored = try database.bindings.listBindings(aor: "sip:shunde@huiyi.local")
        XCTAssertEqual(stored.map(\.contact), ["<sip:shunde@127.0.0.1:\(client.localPort)>"])

        // After a restart, a query REGISTER (no Contact) returns the binding restored from the store.
        try await server.start()
        client = try UDPClient(serverPort: server.udpPort)
        cseq = 100
        let query = try client.register(user: "shunde", password: "secret-1", cseq: &cseq, contact: false)
        XCTAssertEqual(query.statusCode, 200)
        XCTAssertEqual(try query.headers.contacts().addresses.first?.uri.user, "shunde")
        await server.stop()
    }
}
