import Logging
import NIOCore
import NIOPosix
import SIP
import SIPTransport
import XCTest

/// Runs SIP transport services on real loopback sockets and shuts everything down after each test.
class TransportTestCase: XCTestCase {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    private var services: [SIPTransportService] = []
    private var closers: [() async -> Void] = []

    override func tearDown() async throws {
        for close in closers { await close() }
        for service in services { try? await service.shutdown() }
        try await group.shutdownGracefully()
    }

    /// A started service listening on one system-chosen port of `host`.
    func startService(
        _ transport: SIPTransportKind,
        on host: String,
        configure: (inout SIPTransportConfiguration) -> Void = { _ in }
    ) async throws -> (SIPTransportService, SIPListenerSpec, Inbox<InboundSIPMessage>) {
        let listener = SIPListenerSpec(transport: transport, host: host, port: 0)
        let (service, bound, inbox) = try await startService([listener.description], configure: configure)
        return (service, bound[0], inbox)
    }

    /// A started service whose inbound messages land in the returned inbox.
    func startService(
        _ listeners: [String],
        configure: (inout SIPTransportConfiguration) -> Void = { _ in }
    ) async throws -> (SIPTransportService, [SIPListenerSpec], Inbox<InboundSIPMessage>) {
        var configuration = SIPTransportConfiguration(listeners: listeners.map { SIPListenerSpec($0)! })
        configure(&configuration)
        let inbox = Inbox<InboundSIPMessage>()
        var logger = Logger(label: "huiyi.sip.transport.test")
        logger.logLevel = .debug
        let service = SIPTransportService(
            configuration: configuration, eventLoopGroup: group, logger: logger, onMessage: { inbox.put($0) }
        )
        services.append(service)
        let bound = try await service.start()
        return (service, bound, inbox)
    }

    func connect(_ host: String, _ port: Int) async throws -> RawStreamClient {
        let client = try await RawStreamClient.connect(host: host, port: port, group: group)
        closers.append { await client.close() }
        return client
    }

    func datagramPeer(_ host: String) async throws -> RawDatagramPeer {
        let peer = try await RawDatagramPeer.bind(host: host, group: group)
        closers.append { await peer.close() }
        return peer
    }

    func text(_ message: InboundSIPMessage?) -> String? {
        message.map { String(decoding: $0.bytes, as: UTF8.self) }
    }
}
