import Foundation
import HuiyiServer
import Logging
import ServiceLifecycle
import SIP
import SIPServices
import XCTest
import SIPTransport
#if canImport(Glibc)
import Glibc
#endif

/// Runs a real Huiyi SIP server in-process on loopback with port 0 and a temporary data directory, and a plain
/// UDP client socket to talk to it. Every wait is bounded.
final class ServerHarness: @unchecked Sendable {
    let dataDirectory: String
    private(set) var udpPort = 0
    /// The admin API's port, once it listens (it may start a moment after SIP).
    private(set) var adminPort = 0
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?

    init() {
        dataDirectory = NSTemporaryDirectory() + "huiyi-test-\(UUID().uuidString)"
    }

    /// True inside a network namespace whose only interface is loopback (how Tools/test.sh runs the suite). Tests that
    /// send messages naming foreign hosts run only there, so a bug can never send a packet off the machine.
    static var isIsolatedNetwork: Bool {
        // /proc/self/net/dev lists the interfaces of this process's network namespace (/sys may show the host's).
        guard let table = try? String(contentsOfFile: "/proc/self/net/dev", encoding: .utf8) else { return false }
        let interfaces = table.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return interfaces == ["lo"]
    }

    func start(domain: String = "huiyi.local", configure: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        var configuration = ServerConfiguration()
        configuration.domain = domain
        configuration.dataDirectory = dataDirectory
        configuration.sip.listen = [SIPListenerSpec(transport: .udp, host: "127.0.0.1", port: 0)]
        configuration.admin.host = "127.0.0.1"
        configuration.admin.port = 0
        configure(&configuration)
        var logger = Logger(label: "huiyi-test")
        logger.logLevel = .warning
        let ready = AsyncStream<[SIPListenerSpec]>.makeStream()
        let adminReady = AsyncStream<Int>.makeStream()
        let server = try HuiyiSIPServer(configuration: configuration, logger: logger,
                                        onReady: { ready.continuation.yield($0) },
                                        onAdminReady: { adminReady.continuation.yield($0) })
        let group = ServiceGroup(services: [server], logger: logger)
        self.group = group
        task = Task { try await group.run() }
        let bound = try await withTimeout(seconds: 10) { () async -> [SIPListenerSpec]? in
            for await listeners in ready.stream { return listeners }
            return nil
        }
        udpPort = try XCTUnwrapValue(bound?.first { $0.transport == .udp }?.port, "server did not become ready")
        let admin = try await withTimeout(seconds: 10) { () async -> Int? in
            for await port in adminReady.stream { return port }
            return nil
        }
        adminPort = try XCTUnwrapValue(admin, "the admin API did not become ready")
    }

    func stop() async {
        await stopKeepingData()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// Stops the server gracefully and leaves the data directory, to start again on it.
    func stopKeepingData() async {
        await group?.triggerGracefulShutdown()
        _ = try? await task?.value
        group = nil
        task = nil
    }
}

/// A UDP socket on 127.0.0.1 that sends datagrams to the server and reads replies with a timeout.
final class UDPClient {
    let fd: Int32
    let serverPort: Int

    init(serverPort: Int) throws {
        self.serverPort = serverPort
        fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = Self.loopback(port: 0)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    deinit { close(fd) }

    var localPort: Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func send(_ bytes: [UInt8]) {
        var address = Self.loopback(port: serverPort)
        _ = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// The next datagram, or nil after `timeout` seconds.
    func receive(timeout: Double) -> [UInt8]? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? Array(buffer[..<n]) : nil
    }

    /// Responses until a final one arrives (or none within `timeout`): provisional ones come first for INVITE.
    /// With `callID`, responses to other requests (late answers to earlier ones) are skipped.
    func receiveFinalResponse(timeout: Double, callID: String? = nil) -> SIPResponse? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let bytes = receive(timeout: deadline.timeIntervalSinceNow),
                  case .response(let r) = try? SIPMessageParser().parse(bytes) else { continue }
            if let callID, r.headers.callID != callID { continue }
            if r.statusCode >= 200 { return r }
        }
        return nil
    }

    /// The status code of the next final response containing `marker` (a Call-ID or CSeq line), read from the raw
    /// text: a 400 copies the request's broken headers (RFC 3261 §8.2.6.2), which a strict parser would refuse.
    func receiveFinalStatus(timeout: Double, containing marker: String) -> (status: Int, text: String)? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let bytes = receive(timeout: deadline.timeIntervalSinceNow) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            let words = text.prefix { $0 != "\r" }.split(separator: " ")
            guard words.count >= 2, words[0] == "SIP/2.0", let status = Int(words[1]), status >= 200,
                  text.contains(marker) else { continue }
            return (status, text)
        }
        return nil
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

func XCTUnwrapValue<T>(_ value: T?, _ message: String) throws -> T {
    guard let value else { throw HarnessError(description: message) }
    return value
}

func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T?) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

extension UDPClient {
    /// REGISTER `user` with digest authentication (challenge, then credentials) and return the final answer.
    func register(user: String, password: String, cseq: inout Int, expires: Int = 300,
                  contact: Bool = true) throws -> SIPResponse {
        let client = self
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
}
