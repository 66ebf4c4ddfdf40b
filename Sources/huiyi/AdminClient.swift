import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of the admin API (docs/ADMIN-API.md): one request per call, JSON in and out, every failure turned into
/// a one-line `CommandFailure` whose status tells a script what went wrong.
struct AdminClient {
    /// The server's base URL; the API lives under `/api/v1` below it.
    struct Server {
        var url: URL
    }

    /// The bearer token and where it came from, so a refusal can say which one to fix.
    struct Credential {
        enum Source {
            case option
            case environment
            /// `problem` says why the file gave no token ("does not exist"); nil when it did.
            case file(path: String, problem: String?)
        }

        var token: String?
        var source: Source
    }

    var server: Server
    var credential: Credential

    /// Answers on loopback take milliseconds; a server that takes longer than this is stuck, not slow.
    static let timeout: TimeInterval = 10

    func get<Answer: Decodable>(_ path: String...) async throws(CommandFailure) -> Answer {
        try await send("GET", path, body: nil)
    }

    /// A GET with query parameters (`?room=R&limit=N`); those whose value is nil are left out.
    func get<Answer: Decodable>(_ path: String..., query: KeyValuePairs<String, String?>) async throws(CommandFailure)
        -> Answer {
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        return try await send("GET", path, query: items, body: nil)
    }

    func post<Answer: Decodable>(_ path: String...) async throws(CommandFailure) -> Answer {
        try await send("POST", path, body: nil)
    }

    func post<Answer: Decodable>(_ path: String..., body: some Encodable) async throws(CommandFailure) -> Answer {
        try await send("POST", path, body: Self.json(body))
    }

    func put<Answer: Decodable>(_ path: String..., body: some Encodable) async throws(CommandFailure) -> Answer {
        try await send("PUT", path, body: Self.json(body))
    }

    private static func json(_ body: some Encodable) throws(CommandFailure) -> Data {
        do {
            return try JSONEncoder().encode(body)
        } catch {
            throw .operation(error)
        }
    }

    func delete<Answer: Decodable>(_ path: String...) async throws(CommandFailure) -> Answer {
        try await send("DELETE", path, body: nil)
    }

    private func send<Answer: Decodable>(_ method: String, _ path: [String], query: [URLQueryItem] = [], body: Data?)
        async throws(CommandFailure) -> Answer {
        var request = URLRequest(url: endpoint(path, query: query), timeoutInterval: Self.timeout)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token = credential.token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await Self.session.data(for: request)
        } catch {
            throw unreachable(error)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw refusal(status: status, body: data) }
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw CommandFailure(
                message: "the server at \(server.url.absoluteString) sent an answer this huiyi cannot read (\(error)); "
                    + "are huiyi and the server the same version?",
                kind: .operation)
        }
    }

    /// `BASE/api/v1/a/b?query`, each part percent-encoded so a room's name stays one path segment.
    private func endpoint(_ path: [String], query: [URLQueryItem]) -> URL {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;")
        var base = server.url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let parts = path.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }
        // The base parsed as a URL and the parts are percent-encoded, so the whole parses too.
        let url = URL(string: base + "/api/v1/" + parts.joined(separator: "/"))!
        guard !query.isEmpty, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        components.queryItems = query
        // URLComponents leaves "+" as it is, and a server reads it as a space: "+08:00" must arrive as an offset.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url ?? url
    }

    /// One session for the process, never through a proxy: the admin API is on this host or a trusted network, and
    /// an `http_proxy` meant for the web would only get in the way. On Linux, URLSession leaves proxies to libcurl,
    /// which reads them from the environment of this process alone; `no_proxy=*` turns them off there.
    private static let session: URLSession = {
        #if canImport(FoundationNetworking)
        setenv("no_proxy", "*", 1)
        setenv("NO_PROXY", "*", 1)
        #endif
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.connectionProxyDictionary = [:]
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()

    // MARK: Failures

    private func unreachable(_ error: any Error) -> CommandFailure {
        let reason: String
        switch (error as? URLError)?.code {
        case .cannotConnectToHost?: reason = "connection refused"
        case .timedOut?: reason = "no answer within \(Int(Self.timeout)) s"
        case .cannotFindHost?, .dnsLookupFailed?: reason = "unknown host"
        case .networkConnectionLost?: reason = "the connection was closed"
        default: reason = error.localizedDescription
        }
        return CommandFailure(
            message: "cannot reach the server at \(server.url.absoluteString) (\(reason)); is 'huiyi serve' running? "
                + "(--server, \(AdminOptions.serverVariable))",
            kind: .unreachable)
    }

    private func refusal(status: Int, body: Data) -> CommandFailure {
        let message = (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error
        if status == 401 { return CommandFailure(message: credential.refusal, kind: .authentication) }
        let statusText = HTTPURLResponse.localizedString(forStatusCode: status)
        return CommandFailure(
            message: message ?? "the server at \(server.url.absoluteString) answered \(status) \(statusText) "
                + "without a message; is it a huiyi admin API?",
            kind: .operation)
    }

    /// `{"error": "..."}`, the body of every API error.
    private struct ErrorBody: Decodable {
        var error: String
    }
}

extension AdminClient.Credential {
    /// What to say when the server refuses this token: which one was sent and how to send the right one.
    var refusal: String {
        switch source {
        case .option:
            return "the server refused the token given with --token; give the one in DATA_DIR/admin.token of the "
                + "running server"
        case .environment:
            return "the server refused the token in \(AdminOptions.tokenVariable); set it to the one in "
                + "DATA_DIR/admin.token of the running server, or unset it to read that file"
        case .file(let path, let problem?):
            return "no admin token: \(path) \(problem) (the server writes it at its first start); give the running "
                + "server's --data-dir, or --token or \(AdminOptions.tokenVariable)"
        case .file(let path, nil):
            return "the server refused the token in \(path): it reads its token only when it starts, so it was "
                + "rotated since (restart 'huiyi serve') or this is not the running server's --data-dir"
        }
    }
}
