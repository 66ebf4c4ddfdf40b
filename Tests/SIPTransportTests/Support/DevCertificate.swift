import Foundation

/// A throwaway certificate made by the project's own `Tools/dev-cert.sh`, in a fresh temporary directory.
struct DevCertificate {
    let directory: URL
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.appendingPathComponent("key.pem").path }

    /// Runs the script into `directory` (a new temporary one by default).
    static func make(in directory: URL? = nil) throws -> DevCertificate {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("huiyi-tls-\(UUID().uuidString)")
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/bin/bash")
        script.arguments = [repository.appendingPathComponent("Tools/dev-cert.sh").path, directory.path, "localhost"]
        script.standardOutput = FileHandle.nullDevice
        try script.run()
        script.waitUntilExit()
        guard script.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "Tools/dev-cert.sh failed"])
        }
        return DevCertificate(directory: directory)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
