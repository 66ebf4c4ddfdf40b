import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The admin API over HTTP as any client sees it: no token or a wrong one gets 401, bad JSON and bad values get 400,
/// an unknown room 404 — each with a one-line JSON message naming the problem.
final class AdminAPIErrorTests: XCTestCase {
    private var root: URL!
    private var server: AdminAPIServerHarness!

    override func setUp() async throws {
        // libcurl (URLSession on Linux) would send loopback requests to a proxy named in the environment.
        setenv("no_proxy", "*", 1)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("huiyi-api-\(UUID().uuidString)")
        let rooms = root.appendingPathComponent("rooms")
        try FileManager.default.createDirectory(at: rooms, withIntermediateDirectories: true)
        try "name = \"boardroom\"\nnumber = \"8200\"\naccess = \"open\"\n"
            .write(to: rooms.appendingPathComponent("boardroom.toml"), atomically: true, encoding: .utf8)
        server = AdminAPIServerHarness(dataDirectory: root.appendingPathComponent("data").path, roomsDirectory: rooms.path)
        try await server.start()
    }

    override func tearDown() async throws {
        await server?.stop()
        try? FileManager.default.removeItem(at: root)
    }

    private func request(_ method: String, _ path: String, token: String?, body: String? = nil) async throws
        -> (status: Int, error: String?) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.adminPort)\(path)")!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body { request.httpBody = Data(body.utf8) }
        let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object?["error"] as? String)
    }

    private var token: String {
        get throws {
            try String(contentsOfFile: server.dataDirectory + "/admin.token", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func testRequestsWithoutOrWithAWrongTokenGet401() async throws {
        let none = try await request("GET", "/api/v1/status", token: nil)
        XCTAssertEqual(none.status, 401)
        XCTAssertTrue(none.error?.hasPrefix("no Authorization header") ?? false, none.error ?? "no message")
        let wrong = try await request("GET", "/api/v1/rooms", token: String(repeating: "0", count: 64))
        XCTAssertEqual(wrong.status, 401)
        XCTAssertTrue(wrong.error?.hasPrefix("wrong admin token") ?? false, wrong.error ?? "no message")
        let metrics = try await request("GET", "/metrics", token: nil)
        XCTAssertEqual(metrics.status, 401)
        let right = try await request("GET", "/api/v1/status", token: try token)
        XCTAssertEqual(right.status, 200)
    }

    func testBadJSONAndBadValuesGet400NamingTheProblem() async throws {
        let token = try token
        let notJSON = try await request("POST", "/api/v1/rooms/boardroom/dial", token: token, body: "{uri:")
        XCTAssertEqual(notJSON.status, 400)
        XCTAssertEqual(notJSON.error, "the body is not valid JSON")
        let missing = try await request("POST", "/api/v1/rooms/boardroom/dial", token: token, body: "{}")
        XCTAssertEqual(missing.status, 400)
        XCTAssertEqual(missing.error, "the JSON body has no \"uri\" field")
        let wrongType = try await request("POST", "/api/v1/meetings", token: token,
                                          body: #"{"room": "boardroom", "at": 5, "duration": "1h"}"#)
        XCTAssertEqual(wrongType.status, 400)
        XCTAssertEqual(wrongType.error, "the JSON field \"at\" has the wrong type")
        let badURI = try await request("POST", "/api/v1/rooms/boardroom/dial", token: token, body: #"{"uri": "x"}"#)
        XCTAssertEqual(badURI.status, 400)
        XCTAssertTrue(badURI.error?.contains("is not a SIP URI") ?? false, badURI.error ?? "no message")
        let badRoom = try await request("POST", "/api/v1/rooms", token: token, body: #"{"name": "x y", "number": "9"}"#)
        XCTAssertEqual(badRoom.status, 400)
        XCTAssertTrue(badRoom.error?.hasPrefix("name: ") ?? false, badRoom.error ?? "no message")
        let badID = try await request("POST", "/api/v1/rooms/boardroom/participants/abc/kick", token: token)
        XCTAssertEqual(badID.status, 400)
        let unknown = try await request("GET", "/api/v1/rooms/nowhere", token: token)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.error, "no room nowhere; see huiyi room list")
    }
}
