/// The admin API's HTTP server (Hummingbird): routes of docs/ADMIN-API.md over `AdminOperations`, behind the bearer
/// token; a service for swift-service-lifecycle.
import Foundation
import Hummingbird
import Logging
import NIOCore

public enum AdminServer {
    /// The application serving `operations` on `host:port`; `onReady` gets the bound port.
    public static func application(
        operations: any AdminOperations, token: String, host: String, port: Int, logger: Logger,
        onReady: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: AdminRequestContext.self)
        router.add(middleware: BearerTokenMiddleware(token: Array(token.utf8)))
        let api = router.group("api/v1")
        api.get("status") { _, _ in try await JSONBody(operations.status()) }
        api.get("rooms") { _, _ in try await JSONBody(operations.rooms()) }
        api.post("rooms") { request, context in
            let body = try await decode(RoomRequest.self, from: request)
            let result = try await operations.createRoom(body)
            await operations.audit(action: "room.create", target: "room/\(result.name)", context)
            return JSONBody(result)
        }
        api.put("rooms/:room") { request, context in
            let body = try await decode(RoomRequest.self, from: request)
            let room = try room(context)
            let result = try await operations.updateRoom(room, body)
            await operations.audit(action: "room.update", target: "room/\(result.name)", context)
            return JSONBody(result)
        }
        api.delete("rooms/:room") { _, context in
            let room = try room(context)
            try await operations.removeRoom(room)
            await operations.audit(action: "room.remove", target: "room/\(room)", context)
            return JSONBody(["removed": room])
        }
        api.get("rooms/:room") { _, context in try await JSONBody(operations.room(context.parameters.require("room"))) }
        api.get("rooms/:room/participants") { _, context in
            try await JSONBody(operations.participants(in: context.parameters.require("room")))
        }
        api.post("rooms/:room/participants/:id/mute") { _, context in
            let (room, id) = (try room(context), try participantID(context))
            let result = try await operations.setMuted(true, participant: id, in: room)
            await operations.audit(action: "mute", target: "room/\(room)/participant/\(id)", context)
            return JSONBody(result)
        }
        api.post("rooms/:room/participants/:id/unmute") { _, context in
            let (room, id) = (try room(context), try participantID(context))
            let result = try await operations.setMuted(false, participant: id, in: room)
            await operations.audit(action: "unmute", target: "room/\(room)/participant/\(id)", context)
            return JSONBody(result)
        }
        api.post("rooms/:room/participants/:id/kick") { _, context in
            let (room, id) = (try room(context), try participantID(context))
            try await operations.kick(participant: id, from: room)
            await operations.audit(action: "kick", target: "room/\(room)/participant/\(id)", context)
            return JSONBody(["kicked": id])
        }
        api.post("rooms/:room/lock") { _, context in
            let room = try room(context)
            let result = try await operations.setLocked(true, room: room)
            await operations.audit(action: "lock", target: "room/\(room)", context)
            return JSONBody(result)
        }
        api.post("rooms/:room/unlock") { _, context in
            let room = try room(context)
            let result = try await operations.setLocked(false, room: room)
            await operations.audit(action: "unlock", target: "room/\(room)", context)
            return JSONBody(result)
        }
        api.post("rooms/:room/dial") { request, context in
            let body = try await decode(DialBody.self, from: request)
            let room = try room(context)
            let result = try await operations.dial(room: room, uri: body.uri)
            await operations.audit(action: "dial", target: "room/\(room)", context, details: body.uri)
            return JSONBody(result)
        }
        api.post("meetings") { request, context in
            let body = try await decode(MeetingRequest.self, from: request)
            let result = try await operations.scheduleMeeting(body)
            await operations.audit(action: "meeting.schedule", target: "meeting/\(result.id)", context,
                                   details: "\(body.room) at \(body.at) for \(body.duration)")
            return JSONBody(result)
        }
        api.get("meetings") { request, _ in
            let query = request.uri.queryParameters
            return try await JSONBody(operations.meetings(room: query["room"].map(String.init),
                                                          state: query["state"].map(String.init)))
        }
        api.get("meetings/:id") { _, context in try await JSONBody(operations.meeting(context.parameters.require("id"))) }
        api.post("meetings/:id/skip") { request, context in
            let body = try await decode(DayBody.self, from: request)
            let id = try context.parameters.require("id")
            let result = try await operations.skipMeetingOccurrence(id, on: body.on)
            await operations.audit(action: "meeting.skip", target: "meeting/\(id)", context, details: body.on)
            return JSONBody(result)
        }
        api.post("meetings/:id/redial") { request, context in
            let body = try await decode(SiteBody.self, from: request)
            let id = try context.parameters.require("id")
            let result = try await operations.redialMeetingSite(id, site: body.site)
            await operations.audit(action: "meeting.redial", target: "meeting/\(id)/site/\(body.site)", context)
            return JSONBody(result)
        }
        api.get("meetings/:id/attendance") { request, context in
            let sittings = try limit(request.uri.queryParameters["sittings"].map(String.init), name: "sittings",
                                     default: 10)
            return try await JSONBody(operations.meetingAttendance(context.parameters.require("id"),
                                                                   sittings: sittings))
        }
        for verb in ["cancel", "start", "end"] {
            api.post("meetings/:id/\(verb)") { _, context in
                let id = try context.parameters.require("id")
                let result = switch verb {
                case "cancel": try await operations.cancelMeeting(id)
                case "start": try await operations.startMeeting(id)
                default: try await operations.endMeeting(id)
                }
                await operations.audit(action: "meeting.\(verb)", target: "meeting/\(id)", context)
                return JSONBody(result)
            }
        }
        api.get("bindings") { _, _ in try await JSONBody(operations.bindings()) }
        api.get("accounts") { _, _ in try await JSONBody(operations.accounts()) }
        api.post("accounts") { request, context in
            let body = try await decode(AccountRequest.self, from: request)
            guard let username = body.username else {
                throw AdminError.badRequest("the JSON body has no \"username\" field")
            }
            let result = try await operations.addAccount(username: username, password: body.password)
            await operations.audit(action: "account.add", target: "account/\(username)", context)
            return JSONBody(result)
        }
        api.put("accounts/:name/password") { request, context in
            let body = try await decode(AccountRequest.self, from: request)
            let name = try context.parameters.require("name")
            let result = try await operations.setAccountPassword(username: name, password: body.password)
            await operations.audit(action: "account.passwd", target: "account/\(name)", context)
            return JSONBody(result)
        }
        api.delete("accounts/:name") { _, context in
            let name = try context.parameters.require("name")
            try await operations.removeAccount(username: name)
            await operations.audit(action: "account.remove", target: "account/\(name)", context)
            return JSONBody(["removed": name])
        }
        api.get("cdrs") { request, _ in
            let query = request.uri.queryParameters
            return try await JSONBody(operations.callRecords(
                room: query["room"].map(String.init), since: try since(query["since"].map(String.init)),
                limit: try limit(query["limit"].map(String.init))))
        }
        api.get("audit") { request, _ in
            let query = request.uri.queryParameters
            return try await JSONBody(operations.auditEntries(
                since: try since(query["since"].map(String.init)), limit: try limit(query["limit"].map(String.init))))
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

    /// `since`: Unix seconds, or ISO 8601.
    private static func since(_ text: String?) throws -> Double? {
        guard let text else { return nil }
        if let seconds = Double(text) { return seconds }
        if let date = ISO8601DateFormatter().date(from: text) { return date.timeIntervalSince1970 }
        throw AdminError.badRequest("since=\(text) is not a time; use Unix seconds or ISO 8601 such as 2026-12-01T09:00:00Z")
    }

    private static func limit(_ text: String?, name: String = "limit", default: Int = 100) throws -> Int {
        guard let text else { return `default` }
        guard let value = Int(text), (1...10_000).contains(value) else {
            throw AdminError.badRequest("\(name)=\(text) is not a number from 1 to 10000")
        }
        return value
    }

    private static func room(_ context: AdminRequestContext) throws -> String {
        try context.parameters.require("room")
    }

    private static func participantID(_ context: AdminRequestContext) throws -> UInt32 {
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

/// The request context: Hummingbird's basics plus the client's address, for the audit log.
public struct AdminRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

extension AdminOperations {
    /// Audits an action done through the API by a holder of the admin token.
    func audit(action: String, target: String, _ context: AdminRequestContext, details: String = "") async {
        await audit(action: action, target: target, source: context.remoteAddress?.ipAddress ?? "unknown",
                    details: details)
    }
}
