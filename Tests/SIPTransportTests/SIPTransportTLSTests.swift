import Foundation
import NIOCore
import SIP
import SIPTransport
import XCTest

/// SIP over TLS (RFC 3261 §26.2.1) between two services, with the development certificate from Tools/dev-cert.sh.
final class SIPTransportTLSTests: TransportTestCase {
    private var certificate: DevCertificate!

    override func setUp() async throws {
        try await super.setUp()
        certificate = try DevCertificate.make()
    }

    override func tearDown() async throws {
        try await super.tearDown()
        certificate?.remove()
    }

    private var serverFiles: SIPTransportConfiguration.TLSFiles {
        .init(certificateChainPath: certificate.certificatePath, privateKeyPath: certificate.keyPath)
    }

    /// A service with no listeners that connects out over TLS presenting and trusting only `certificate`.
    private func startClient(
        trusting certificate: DevCertificate,
        verifiesPeers: Bool = true
    ) async throws -> (SIPTransportService, Inbox<InboundSIPMessage>) {
        let (client, _, inbox) = try await startService([]) {
            $0.tls = .init(
                certificateChainPath: certificate.certificatePath,
                privateKeyPath: certificate.keyPath,
                trustRootsPath: certificate.certificatePath,
                verifiesPeers: verifiesPeers
            )
        }
        return (client, inbox)
    }

    func testDevCertificateKeyIsPrivateAndScriptIsIdempotent() throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: certificate.keyPath)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let before = try Data(contentsOf: URL(fileURLWithPath: certificate.certificatePath))
        let again = try DevCertificate.make(in: certificate.directory)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again.certificatePath)), before, "existing files are kept")
    }

    func testRoundTripWithVerifiedCertificate() async throws {
        for host in ["127.0.0.1", "::1"] {
            let (server, listener, serverInbox) = try await startService(.tls, on: host) { $0.tls = self.serverFiles }
            // Trust exactly the development certificate; its subjectAltName covers both loopback addresses.
            let (client, clientInbox) = try await startClient(trusting: certificate)
            let destination = SIPFlow(transport: .tls, remoteHost: host, remotePort: listener.port)
            try await client.send(Array(SIPSamples.options(transport: "TLS").utf8), to: destination).get()

            let request = await serverInbox.next()
            XCTAssertEqual(text(request), SIPSamples.options(transport: "TLS"), host)
            XCTAssertEqual(request?.flow.transport, .tls)
            XCTAssertEqual(request?.local, listener)

            try await server.send(Array(SIPSamples.okResponse().utf8), to: request!.flow).get()
            let reply = await clientInbox.next()
            XCTAssertEqual(text(reply), SIPSamples.okResponse(), host)
            XCTAssertEqual(reply?.flow.remotePort, listener.port)
        }
    }

    func testUntrustedCertificateIsRefusedWhenVerifying() async throws {
        let (_, bound, serverInbox) = try await startService(["tls:127.0.0.1:0"]) { $0.tls = self.serverFiles }
        // Another, unrelated development certificate as the only trust root.
        let stranger = try DevCertificate.make()
        defer { stranger.remove() }
        let (client, _) = try await startClient(trusting: stranger)
        let destination = SIPFlow(transport: .tls, remoteHost: "127.0.0.1", remotePort: bound[0].port)
        do {
            try await client.send(Array(SIPSamples.options(transport: "TLS").utf8), to: destination).get()
            XCTFail("a message was written over a connection to an unverified server")
        } catch {
            // The write waits for the handshake and fails with it.
        }
        let leaked = await serverInbox.next(within: .milliseconds(500))
        XCTAssertNil(leaked, "nothing may reach a server whose certificate failed verification")
    }

    func testVerificationCanBeTurnedOffForTests() async throws {
        let (_, bound, serverInbox) = try await startService(["tls:127.0.0.1:0"]) { $0.tls = self.serverFiles }
        let stranger = try DevCertificate.make()
        defer { stranger.remove() }
        let (client, _) = try await startClient(trusting: stranger, verifiesPeers: false)
        let destination = SIPFlow(transport: .tls, remoteHost: "127.0.0.1", remotePort: bound[0].port)
        try await client.send(Array(SIPSamples.options(transport: "TLS").utf8), to: destination).get()
        let request = await serverInbox.next()
        XCTAssertEqual(text(request), SIPSamples.options(transport: "TLS"))
    }

    func testTLSListenerWithoutCertificateFailsToStart() async throws {
        do {
            _ = try await startService(["tls:127.0.0.1:0"])
            XCTFail("started TLS without a certificate")
        } catch SIPTransportError.tlsFilesMissing(let listener) {
            XCTAssertEqual(listener.transport, .tls)
        }
    }

    func testUnreadableKeyFailsToStartNamingTheFile() async throws {
        let missing = certificate.directory.appendingPathComponent("absent.pem").path
        do {
            _ = try await startService(["tls:127.0.0.1:0"]) {
                $0.tls = .init(certificateChainPath: self.certificate.certificatePath, privateKeyPath: missing)
            }
            XCTFail("started with a missing key")
        } catch SIPTransportError.tlsFilesUnreadable(let path, _) {
            XCTAssertEqual(path, missing)
        }
    }
}
