import Foundation
import HuiyiServer
import Logging
import ServiceLifecycle
import SIPTransport

/// A Huiyi server in-process on loopback, its SIP and admin API on ports picked by the system, with a given data
/// directory and rooms directory: for tests that drive the admin API from outside, as the `huiyi` commands do.
final class AdminAPIServerHarness: @unchecked Sendable {
    let dataDirectory: String
    let roomsDirectory: String
    private(set) var adminPort = 0
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?

    init(dataDirectory: String, roomsDirectory: String) {
        self.dataDirectory = dataDirectory
        self.roomsDirectory = roomsDirectory
    }

    /// Starts the server and returns once its admin API listens (the token file is written before that).
    func start() async throws {
        var configuration = ServerConfiguration()
        configuration.domain = "huiyi.local"
        configuration.dataDirectory = dataDirectory
        configuration.roomsDirectory = roomsDirectory
        configuration.sip.listen = [SIPListenerSpec(transport: .udp, host: "127.0.0.1", port: 0)]
        configuration.admin.host = "127.0.0.1"
        configuration.admin.port = 0
        var logger = Logger(label: "huiyi-test")
        logger.logLevel = .warning
        let ready = AsyncStream<Int>.makeStream()
        let server = try HuiyiSIPServer(configuration: configuration, logger: logger,
                                        onAdminReady: { ready.continuation.yield($0) })
        let group = ServiceGroup(services: [server], logger: logger)
        self.group = group
        task = Task { try await group.run() }
        let port = try await withTimeout(seconds: 10) { () async -> Int? in
            for await port in ready.stream { return port }
            return nil
        }
        adminPort = try XCTUnwrapValue(port, "the admin API did not become ready")
    }

    /// Stops the server gracefully; the data directory stays.
    func stopKeepingData() async {
        await group?.triggerGracefulShutdown()
        _ = try? await task?.value
        group = nil
        task = nil
    }

    func stop() async {
        await stopKeepingData()
    }
}
