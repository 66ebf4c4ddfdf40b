import Foundation

extension ServerConfiguration {
    /// Checks that involve more than one key, or the file system, after file and flags have been merged.
    public func validate() throws(ConfigurationError) {
        guard !sip.listen.isEmpty else { throw combined("sip.listen", "expected at least one listener") }
        var seen: Set<String> = []
        for listener in sip.listen where !seen.insert(listener.description).inserted {
            throw combined("sip.listen", "\(listener) is listed twice")
        }
        guard sip.t1Milliseconds <= sip.t2Milliseconds else {
            throw combined("sip.t2_ms", "expected at least sip.t1_ms (\(sip.t1Milliseconds)), got \(sip.t2Milliseconds)")
        }
        guard registrar.minExpires <= registrar.maxExpires else {
            throw combined(
                "registrar.max_expires",
                "expected at least registrar.min_expires (\(registrar.minExpires)), got \(registrar.maxExpires)"
            )
        }
        guard (registrar.minExpires...registrar.maxExpires).contains(registrar.defaultExpires) else {
            throw combined(
                "registrar.default_expires",
                "expected a value from registrar.min_expires (\(registrar.minExpires)) to registrar.max_expires "
                    + "(\(registrar.maxExpires)), got \(registrar.defaultExpires)"
            )
        }
        guard !auth.algorithms.isEmpty else {
            throw combined("auth.algorithms", #"expected at least one of "SHA-256", "MD5""#)
        }
        guard Set(auth.algorithms).count == auth.algorithms.count else {
            throw combined("auth.algorithms", "expected each algorithm at most once")
        }
        if let listener = sip.listen.first(where: { $0.transport == .tls }) {
            try requireReadableFile(tls.certificatePath, key: "tls.certificate", neededBy: listener.description)
            try requireReadableFile(tls.privateKeyPath, key: "tls.private_key", neededBy: listener.description)
        }
    }

    private func requireReadableFile(_ path: String, key: String, neededBy listener: String) throws(ConfigurationError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw combined(
                key,
                "cannot read \"\(path)\", needed by the listener \(listener); "
                    + "run Tools/dev-cert.sh for a development certificate, or point \(key) at yours"
            )
        }
    }

    private func combined(_ key: String, _ problem: String) -> ConfigurationError {
        ConfigurationError(origin: .combined, key: key, problem: problem)
    }
}
