/// Every request must carry `Authorization: Bearer <token>` with the server's admin token (RFC 6750 §2.1);
/// anything else gets 401. The comparison takes the same time whatever the token's content.
import Hummingbird

struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw AdminError(.unauthorized, "no Authorization header: send 'Authorization: Bearer TOKEN' "
                + "with the token from DATA_DIR/admin.token")
        }
        let prefix = "Bearer "
        guard header.count > prefix.count, header.lowercased().hasPrefix(prefix.lowercased()),
              Self.equal(Array(header.utf8.dropFirst(prefix.utf8.count)), token) else {
            throw AdminError(.unauthorized, "wrong admin token: use the one in DATA_DIR/admin.token")
        }
        return try await next(request, context)
    }

    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
