import Foundation

extension ServerConfiguration {
    /// The file read when no `--config` is given, relative to the current directory.
    public static let conventionalFilePath = "Config/huiyi.toml"

    /// Builds the configuration the server runs with: embedded defaults, then `file`, then `overrides`, then the
    /// checks that span several keys. Relative paths (data directory, TLS files) are resolved against the current
    /// directory.
    ///
    /// - Parameter file: an explicit path, which must exist; nil reads `Config/huiyi.toml` when it exists in the
    ///   current directory and otherwise keeps the embedded defaults.
    public static func load(
        file: String?, overrides: ConfigurationOverrides = .init()
    ) throws(ConfigurationError) -> ServerConfiguration {
        let workingDirectory = FileManager.default.currentDirectoryPath
        var configuration = ServerConfiguration()
        if let path = file ?? existingConventionalFile(in: workingDirectory) {
            try configuration.apply(TOMLConfigurationDocument(path: path, text: readFile(path)))
        }
        try configuration.apply(overrides)
        configuration = configuration.resolvingPaths(against: workingDirectory)
        try configuration.validate()
        return configuration
    }

    /// The same configuration with relative paths made absolute against `directory`.
    public func resolvingPaths(against directory: String) -> ServerConfiguration {
        var resolved = self
        resolved.dataDirectory = Self.absolute(dataDirectory, against: directory)
        resolved.roomsDirectory = Self.absolute(roomsDirectory, against: directory)
        resolved.tls.certificatePath = Self.absolute(tls.certificatePath, against: directory)
        resolved.tls.privateKeyPath = Self.absolute(tls.privateKeyPath, against: directory)
        return resolved
    }

    private static func existingConventionalFile(in directory: String) -> String? {
        let candidate = absolute(conventionalFilePath, against: directory)
        return FileManager.default.fileExists(atPath: candidate) ? conventionalFilePath : nil
    }

    private static func readFile(_ path: String) throws(ConfigurationError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "cannot be read (permissions?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "is not UTF-8 text")
        }
        return text
    }

    static func absolute(_ path: String, against directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
