import ArgumentParser
import Foundation
import HuiyiServer

/// The options of every command that talks to a running server: where its admin API is and which token to send.
/// Each is looked for in order: the flag, then the environment, then the configuration (docs/ADMIN-API.md).
struct AdminOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The admin API's URL, like http://127.0.0.1:8088 (default: HUIYI_SERVER, else admin.listen).",
        valueName: "url"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp(
        "The admin token (visible in ps; default: HUIYI_TOKEN, else the file DATA_DIR/admin.token).",
        valueName: "token"))
    var token: String?

    @OptionGroup var configuration: ConfigurationOptions

    static let serverVariable = "HUIYI_SERVER"
    static let tokenVariable = "HUIYI_TOKEN"

    /// A client for the server these options name. The configuration is read only when a flag or variable leaves
    /// something open, so `--server` with `--token` works even beside a broken configuration file.
    func client(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandFailure)
        -> AdminClient {
        var loaded: ServerConfiguration?
        func loadConfiguration() throws(CommandFailure) -> ServerConfiguration {
            if let loaded { return loaded }
            let configuration = try self.configuration.load()
            loaded = configuration
            return configuration
        }
        let location: AdminClient.Server
        if let server {
            location = try .init(parsing: server, from: "--server")
        } else if let text = environment[Self.serverVariable], !text.isEmpty {
            location = try .init(parsing: text, from: Self.serverVariable)
        } else {
            location = .init(configured: try loadConfiguration().admin)
        }
        let credential: AdminClient.Credential
        if let token {
            credential = .init(token: token, source: .option)
        } else if let token = environment[Self.tokenVariable], !token.isEmpty {
            credential = .init(token: token, source: .environment)
        } else {
            credential = .init(file: try loadConfiguration().adminTokenPath)
        }
        return AdminClient(server: location, credential: credential)
    }
}

extension AdminClient.Server {
    /// A URL from `--server` or `HUIYI_SERVER`; `HOST:PORT` alone means plain HTTP.
    init(parsing text: String, from source: String) throws(CommandFailure) {
        let written = text.contains("://") ? text : "http://" + text
        guard let url = URL(string: written), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw .usage("\(source) '\(text)' is not an admin API URL; use http://HOST:PORT (see admin.listen)")
        }
        self.init(url: url)
    }

    /// Where `admin.listen` makes the server listen; a wildcard address is reached over loopback.
    init(configured admin: ServerConfiguration.AdminSettings) {
        var reachable = admin
        switch admin.host {
        case "0.0.0.0", "": reachable.host = "127.0.0.1"
        case "::", "[::]": reachable.host = "::1"
        default: break
        }
        // `url` is always "http://HOST:PORT" with a valid host and port, so it parses.
        self.init(url: URL(string: reachable.url)!)
    }
}

extension AdminClient.Credential {
    /// The token in `path` (as the server wrote it), or why there is none: the request then goes without one, so a
    /// server that is not running is reported as such rather than as a missing file.
    init(file path: String) {
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            self.init(token: text.isEmpty ? nil : text, source: .file(path: path, problem: text.isEmpty ? "is empty" : nil))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            self.init(token: nil, source: .file(path: path, problem: "does not exist"))
        } catch let error as CocoaError where error.code == .fileReadNoPermission {
            self.init(token: nil, source: .file(path: path, problem: "cannot be read (permission denied)"))
        } catch {
            self.init(token: nil, source: .file(path: path, problem: "cannot be read (\(error.localizedDescription))"))
        }
    }
}
