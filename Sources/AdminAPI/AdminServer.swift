/// The admin API's HTTP server (Hummingbird): routes of docs/ADMIN-API.md over `AdminOperations`, behind the bearer
/// token; a service for swift-service-lifecycle.
import Foundation
import Hummingbird
import Logging

public enum AdminServer {
    /// The application serving `operations` on `host:port`; `onReady` gets the bound port.
    public static func application(
        operations: any AdminOperations, token: String, host: String, port: Int, logger: Logger,
        onReady: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: BearerTokenMiddleware(token: Array(token.utf8)))
        let api = router.group("api/v1")
        api.get("status") { _, _ in try await JSONBody(operations.status()) }
        api.get("rooms") { _, _ in try await JSONBody(operations.rooms()) }
        api.get("rooms/:room") { _, context in try await JSONBody(operations.room(context.parameters.require("room"))) }
        api.get("rooms/:room/participants") { _, context in
            try await JSONBody(operations.participants(in: context.parameters.require("room")))
        }
        api.post("rooms/:room/participants/:id/mute") { _, context in
            try await JSONBody(operations.setMuted(true, participant: participantID(context), in: room(context)))
        }
        api.post("rooms/:room/participants/:id/unmute") { _, context in
            try await JSONBody(operations.setMuted(false, participant: participantID(context), in: room(context)))
        }
        api.post("rooms/:room/participants/:id/kick") { _, context in
            let id = try participantID(context)
            try await operations.kick(participant: id, from: room(context))
            return JSONBody(["kicked": id])
        }
        api.post("rooms/:room/lock") { _, context in try await JSONBody(operations.setLocked(true, room: room(context))) }
        api.post("rooms/:room/unlock") { _, context in
            try await JSONBody(operations.setLocked(false, room: room(context)))
        }
        api.post("rooms/:room/dial") { request, context in
            let body = try await decode(DialBody.self, from: request)
            return try await JSONBody(operations.dial(room: room(context), uri: body.uri))
        }
        router.get("metrics") { _, _ in
            let text = try await operations.metrics()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "huiyi"),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? port) }, logger: logger)
    }

    private static func room(_ context: BasicRequestContext) throws -> String {
        try context.parameters.require("room")
    }

    private static func participantID(_ context: BasicRequestContext) throws -> UInt32 {
        let text = try context.parameters.require("id")
        guard let id = UInt32(text) else {
            throw AdminError.badRequest("participant id '\(text)' is not a number; see huiyi participant list ROOM")
        }
        return id
    }

    private static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            throw AdminError.badRequest("the request body is larger than 64 KiB")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch DecodingError.keyNotFound(let key, _) {
            throw AdminError.badRequest("the JSON body has no \"\(key.stringValue)\" field")
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw AdminError.badRequest("the JSON field \"\(field)\" has the wrong type")
        } catch {
            throw AdminError.badRequest("the body is not valid JSON")
        }
    }
}

/// Any `Encodable` as a JSON response, keys in a stable order.
struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator {
    let value: Value

    init(_ value: Value) { self.value = value }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
