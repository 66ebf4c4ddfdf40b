/// An admin API error: an HTTP status and one line saying what is wrong and what to do, sent as
/// `{"error": "..."}` (docs/ADMIN-API.md).
import Foundation
import Hummingbird

public struct AdminError: Error, Sendable, Equatable, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public static func badRequest(_ message: String) -> AdminError { AdminError(.badRequest, message) }
    public static func notFound(_ message: String) -> AdminError { AdminError(.notFound, message) }
    public static func unavailable(_ message: String) -> AdminError { AdminError(.serviceUnavailable, message) }

    public var description: String { "\(status.code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let body = (try? encoder.encode(["error": message])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
