import NIOCore
import NIOSSL
import SIP

/// TLS contexts for SIP over TLS (RFC 3261 §26.2.1; certificate use per RFC 5922).
extension SIPTransportService {
    struct TLSContexts: Sendable {
        /// Present only when a certificate is configured; TLS listeners need it.
        var server: NIOSSLContext?
        var client: NIOSSLContext
    }

    /// Without configured files the server can still connect out over TLS, verifying peers against the system store.
    static func makeTLSContexts(_ files: SIPTransportConfiguration.TLSFiles?) throws(SIPTransportError) -> TLSContexts {
        guard let files else {
            var client = TLSConfiguration.makeClientConfiguration()
            client.minimumTLSVersion = .tlsv12
            do {
                return TLSContexts(server: nil, client: try NIOSSLContext(configuration: client))
            } catch {
                throw .tlsFilesUnreadable(path: "(system trust store)", reason: "\(error)")
            }
        }
        return try makeTLSContexts(files)
    }

    /// Loads the configured certificate and key once, so a bad path fails `start()` rather than the first handshake.
    static func makeTLSContexts(_ files: SIPTransportConfiguration.TLSFiles) throws(SIPTransportError) -> TLSContexts {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificateChainPath)
        } catch {
            throw .tlsFilesUnreadable(path: files.certificateChainPath, reason: "\(error)")
        }
        guard !chain.isEmpty else {
            throw .tlsFilesUnreadable(path: files.certificateChainPath, reason: "no PEM certificate in the file")
        }
        do {
            key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        } catch {
            throw .tlsFilesUnreadable(path: files.privateKeyPath, reason: "\(error)")
        }
        let certificateChain = chain.map { NIOSSLCertificateSource.certificate($0) }

        var server = TLSConfiguration.makeServerConfiguration(certificateChain: certificateChain, privateKey: .privateKey(key))
        server.minimumTLSVersion = .tlsv12

        // Outbound connections present the same certificate, so a peer that asks for mutual TLS gets one.
        var client = TLSConfiguration.makeClientConfiguration()
        client.minimumTLSVersion = .tlsv12
        client.certificateChain = certificateChain
        client.privateKey = .privateKey(key)
        client.certificateVerification = files.verifiesPeers ? .fullVerification : .none
        if let roots = files.trustRootsPath { client.trustRoots = .file(roots) }

        do {
            return TLSContexts(server: try NIOSSLContext(configuration: server), client: try NIOSSLContext(configuration: client))
        } catch {
            throw .tlsFilesUnreadable(path: files.trustRootsPath ?? files.certificateChainPath, reason: "\(error)")
        }
    }
}
