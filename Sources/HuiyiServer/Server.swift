/// `huiyi serve`: opens the store, builds the SIP core, binds the transports and runs until SIGINT/SIGTERM
/// (swift-service-lifecycle), then shuts down gracefully, writing pending registrar bindings.
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SIP
import SIPServices
import SIPTransport
import Store
import AdminAPI
import Conference
import MediaTransport

public func runServer(configuration: ServerConfiguration, logger: Logger) async throws {
    let server = try HuiyiSIPServer(configuration: configuration, logger: logger)
    let group = ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    try await group.run()
}

/// The signalling server as a service: everything `runServer` starts, stopped in reverse order on shutdown.
public final class HuiyiSIPServer: Service, Sendable {
    let configuration: ServerConfiguration
    let logger: Logger
    let database: HuiyiDatabase
    let onReady: (@Sendable ([SIPListenerSpec]) -> Void)?
    let onAdminReady: (@Sendable (Int) -> Void)?

    /// - Parameter onReady: called once every listener is bound, with the ports actually bound (tests bind port 0).
    /// - Parameter onAdminReady: called once the admin API listens, with the port it bound.
    public init(configuration: ServerConfiguration, logger: Logger,
                onReady: (@Sendable ([SIPListenerSpec]) -> Void)? = nil,
                onAdminReady: (@Sendable (Int) -> Void)? = nil) throws {
        self.configuration = configuration
        self.logger = logger
        // Writes queued from the signalling loop (bindings, call records, audit, meetings) report failures here.
        self.database = try HuiyiDatabase(dataDirectory: configuration.dataDirectory, onBackgroundWriteError: { error in
            logger.error("a queued store write failed", metadata: ["error": "\(error)"])
        })
        self.onReady = onReady
        self.onAdminReady = onAdminReady
    }

    public func run() async throws {
        // Signalling runs on one event loop: the SIP sockets and the core share it, so a message is parsed, answered
        // and sent on the thread that read it, with no hop and no lock (a hop per message cost more than the work).
        // Media will get loops of its own.
        HuiyiMetrics.bootstrap()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let runner = try makeRunner(loop: group.next())
        // Rooms' media get loops of their own, one per core by default; a room stays on the loop it started on.
        let mediaThreads = configuration.media.threads > 0 ? configuration.media.threads : System.coreCount
        let mediaGroup = MultiThreadedEventLoopGroup(numberOfThreads: mediaThreads)
        // The store is the live truth; the room files are synced into it at every start.
        try database.rooms.syncFileRooms(RoomFiles.load(directory: configuration.roomsDirectory))
        let rooms = try RoomDirectory(database.rooms.loadRooms())
        let conference = ConferenceService(
            rooms: rooms, loop: runner.loop, mediaGroup: mediaGroup,
            ports: RTPPortAllocator(range: configuration.media.rtpPorts),
            settings: .init(advertisedAddress: configuration.media.advertisedAddress,
                            mediaTimeout: .seconds(configuration.media.mediaTimeoutSeconds),
                            domain: configuration.domain),
            logger: logger, records: database.records, roomStore: database.rooms, execute: { runner.execute($0) })
        runner.attach(conference)
        conference.startReporting()
        let intervals = configuration.scheduler.redialIntervalsSeconds
        let meetings = try MeetingService(
            loop: runner.loop, conference: conference, repository: database.meetings,
            settings: .init(redial: intervals.isEmpty ? .never
                                : RedialPolicy(redials: intervals.count, intervals: intervals.map { .seconds($0) }),
                            ringTimeout: .seconds(Int64(configuration.scheduler.ringTimeoutSeconds)),
                            timeZone: TimeZone(identifier: configuration.scheduler.timeZone) ?? Meeting.defaultTimeZone),
            logger: logger)
        let transport = SIPTransportService(
            configuration: transportConfiguration(), eventLoopGroup: group, logger: logger,
            onMessage: { runner.receive($0) })
        runner.attach(transport)
        do {
            let bound = try await transport.start()
            runner.setLocalAddresses(bound, advertised: configuration.media.advertisedAddress)
            logger.info("huiyi ready", metadata: [
                "rooms": "\(rooms.rooms.map { "\($0.name)=\($0.number)" }.joined(separator: " "))",
                "domain": "\(configuration.domain)",
                "sip": "\(bound.map(\.description).joined(separator: " "))",
                "data_dir": "\(configuration.dataDirectory)",
            ])
            let token = try AdminToken.loadOrCreate(at: configuration.adminTokenPath)
            let logger = self.logger
            let configuration = self.configuration
            let onAdminReady = self.onAdminReady
            let admin = AdminServer.application(
                operations: AdminFacade(
                    conference: conference, meetingService: meetings, sip: runner, accountStore: database.accounts,
                    realm: configuration.domain), token: token, host: configuration.admin.host, port: configuration.admin.port,
                logger: logger, onReady: { port in
                    var url = configuration.admin
                    url.port = port
                    logger.info("admin API ready", metadata: [
                        "url": "\(url.url)", "token_file": "\(configuration.adminTokenPath)",
                    ])
                    onAdminReady?(port)
                })
            meetings.start()
            onReady?(bound)
            // The admin API runs until the graceful shutdown (it shuts itself down then); if it cannot start (its
            // port is taken), the server stops with that error.
            try await admin.run()
        } catch {
            logger.error("huiyi could not start: \(error)")
            try? await runner.stop().get()
            try? await group.shutdownGracefully()
            try? await mediaGroup.shutdownGracefully()
            throw error
        }
        logger.info("shutting down")
        try? await transport.shutdown()
        try? await runner.stop().get()
        do { try database.bindings.flush() } catch { logger.error("could not write registrar bindings: \(error)") }
        do {
            try database.flushQueuedWrites()
        } catch {
            logger.error("could not write call records, audit entries or meetings: \(error)")
        }
        try await group.shutdownGracefully()
        try? await mediaGroup.shutdownGracefully()
        logger.info("stopped")
    }

    func makeRunner(loop: any EventLoop) throws -> SIPCoreRunner {
        let now = Date()
        let stored = try database.bindings.loadBindings()
        let registrar = Registrar(configuration: .init(
            minExpires: UInt32(configuration.registrar.minExpires),
            maxExpires: UInt32(configuration.registrar.maxExpires),
            defaultExpires: UInt32(configuration.registrar.defaultExpires),
            maxContactsPerAOR: configuration.registrar.maxContactsPerAOR), restoring: stored, now: now)
        let authenticator = DigestAuthenticator(
            realm: configuration.domain, algorithms: configuration.auth.algorithms,
            nonceLifetime: configuration.auth.nonceLifetime, directory: database.accounts)
        let domain = LocalDomain(name: configuration.domain, aliases: configuration.aliases
            + configuration.sip.listen.map(\.host).filter { $0 != "0.0.0.0" && $0 != "::" })
        let answerer = RequestAnswerer(domain: domain, registrar: registrar, authenticator: authenticator)
        let timers = TransactionTimers(t1: configuration.sip.t1, t2: configuration.sip.t2, t4: configuration.sip.t4)
        let core = SIPServerCore(
            transactions: TransactionLayer(configuration: .init(timers: timers)),
            answerer: answerer,
            parser: SIPMessageParser(limits: .init(maxMessageBytes: configuration.sip.maxMessageBytes)))
        logger.info("registrar restored \(registrar.registeredAORCount) address(es) of record")
        return SIPCoreRunner(core: core, loop: loop, bindings: database.bindings, logger: logger,
                             tracer: SIPMessageTracer(configuration: configuration, logger: logger))
    }

    func transportConfiguration() -> SIPTransportConfiguration {
        let needsTLS = configuration.sip.listen.contains { $0.transport == .tls }
        var transport = SIPTransportConfiguration(
            listeners: configuration.sip.listen,
            tls: needsTLS ? .init(certificateChainPath: configuration.tls.certificatePath,
                                  privateKeyPath: configuration.tls.privateKeyPath) : nil)
        transport.maxMessageSize = configuration.sip.maxMessageBytes
        transport.idleConnectionTimeout = configuration.sip.idleConnectionTimeout
        transport.maxConnectionsPerAddress = configuration.sip.maxConnectionsPerAddress
        return transport
    }
}
