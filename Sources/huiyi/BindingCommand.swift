import ArgumentParser
import Foundation
import HuiyiServer
import SIPServices
import Store

/// `huiyi binding …`: what the registrar has stored (RFC 3261 §10.3), as the server last wrote it.
struct BindingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binding",
        abstract: "Inspect registrar bindings.",
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List stored registrar bindings.",
            discussion: "A running server writes bindings a few milliseconds after each REGISTER."
        )

        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var options: ConfigurationOptions

        func run() throws {
            let database = try StoreAccess.open(try options.load())
            let bindings: [StoredBinding]
            do {
                bindings = try database.bindings.listBindings()
            } catch {
                throw CommandFailure.operation(error)
            }
            let now = Date()
            if json {
                try ListingOutput.printJSON(bindings.map { BindingJSON($0, now: now) })
                return
            }
            var table = TextTable("AOR", "CONTACT", "EXPIRES", "FROM")
            for binding in bindings {
                table.append(binding.aor, binding.contact, Self.remaining(binding.expiresAt, now: now), binding.flow ?? "-")
            }
            print(table.rendered)
        }

        /// "in 3540 s" or "expired": the server drops an expired binding at its next look-up, not at once.
        static func remaining(_ expiry: Date, now: Date) -> String {
            let seconds = Int(expiry.timeIntervalSince(now).rounded(.down))
            return seconds > 0 ? "in \(seconds) s" : "expired"
        }
    }
}

/// One binding in `huiyi binding list --json`.
struct BindingJSON: Encodable {
    var aor: String
    var contact: String
    var q: Double?
    var expires: Date
    var expiresInSeconds: Int
    var flow: String?
    var instanceID: String?
    var callID: String
    var cseq: UInt32
    var updated: Date

    init(_ binding: StoredBinding, now: Date) {
        aor = binding.aor
        contact = binding.contact
        q = binding.q
        expires = binding.expiresAt
        expiresInSeconds = max(0, Int(binding.expiresAt.timeIntervalSince(now).rounded(.down)))
        flow = binding.flow
        instanceID = binding.instanceID
        callID = binding.callID
        cseq = binding.cseq
        updated = binding.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case aor, contact, q, expires, flow, cseq, updated
        case expiresInSeconds = "expires_in_s"
        case instanceID = "instance_id"
        case callID = "call_id"
    }
}
