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

    func testBindingListShowsTheRegistrarsLiveBindingsWhileTheServerRuns() async throws {
        let server = ServerHarness()
        let database = try HuiyiDatabase(dataDirectory: server.dataDirectory)
        try database.accounts.add(username: "sanshui", password: "secret-3", realm: "huiyi.local")
        try await server.start()
        let client = try UDPClient(serverPort: server.udpPort)
        var cseq = 0
        XCTAssertEqual(try client.register(user: "sanshui", password: "secret-3", cseq: &cseq).statusCode, 200)
        // Once the write-behind has stored it, the stored copy is wiped: what the listing shows next can only come
        // from the running registrar.
        let deadline = Date().addingTimeInterval(10)
        while try database.bindings.listBindings(aor: "sip:sanshui@huiyi.local").isEmpty, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await database.pool.write { try $0.execute(sql: "DELETE FROM bindings") }

        let directory = URL(fileURLWithPath: server.dataDirectory)
        let listed = try await HuiyiExecutable.run(
            ["binding", "list", "--json", "--data-dir", server.dataDirectory,
             "--server", "http://127.0.0.1:\(server.adminPort)"], in: directory)
        XCTAssertEqual(listed.status, 0, listed.standardError)
        let bindings = try XCTUnwrap(try listed.json() as? [[String: Any]], listed.standardOutput)
        XCTAssertEqual(bindings.compactMap { $0["aor"] as? String }, ["sip:sanshui@huiyi.local"])
        XCTAssertEqual(bindings.first?["contact"] as? String, "<sip:sanshui@127.0.0.1:\(client.localPort)>")
        XCTAssertEqual(Double(bindings.first?["expires_in_s"] as? Int ?? 0), 300, accuracy: 5, "the client asks for 300 s")

        // With no server answering, the listing falls back to the store (now empty).
        await server.stopKeepingData()
        let offline = try await HuiyiExecutable.run(
            ["binding", "list", "--json", "--data-dir", server.dataDirectory,
             "--server", "http://127.0.0.1:\(server.adminPort)"], in: directory)
        XCTAssertEqual(offline.status, 0, offline.standardError)
        await server.stop()
    }
}
