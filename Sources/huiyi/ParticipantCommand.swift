import AdminAPI
import ArgumentParser

/// `huiyi participant …`: who is in a room, with the media statistics of each call, and muting or removing them.
struct ParticipantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant",
        abstract: "List, mute, unmute and remove the participants of a room.",
        subcommands: [List.self, Mute.self, Unmute.self, Kick.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a room's participants: codec, SRTP, talking, muted, loss, jitter, round-trip time.",
            discussion: "A dialled site is listed from the moment it is called; its codec shows once it answers."
        )

        @Argument(help: "The room's name or number.")
        var room: String
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let participants: [ParticipantSummary] = try await admin.client().get("rooms", room, "participants")
            if json {
                try ListingOutput.printJSON(participants)
                return
            }
            var table = TextTable("ID", "NAME/URI", "ROLE", "CODEC", "SRTP", "TALKING", "MUTED", "LOSS", "JITTER",
                                  "RTT", "CONNECTED SINCE")
            for participant in participants {
                table.append(
                    "\(participant.id)", participant.label, participant.role, participant.codec ?? "-",
                    ListingOutput.yesNo(participant.srtp), ListingOutput.yesNo(participant.talking),
                    ListingOutput.yesNo(participant.muted), participant.loss,
                    "\(participant.jitterMilliseconds) ms",
                    participant.roundTripMilliseconds.map { "\(Int($0.rounded())) ms" } ?? "-",
                    participant.connectedSince)
            }
            print(table.rendered)
        }
    }

    struct Mute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mute a participant: the others stop hearing them until they are unmuted.")

        @OptionGroup var target: ParticipantTarget
        @Flag(help: "Print the participant as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await ParticipantCommand.setMuted(true, target, json: json, admin: admin)
        }
    }

    struct Unmute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unmute a participant.")

        @OptionGroup var target: ParticipantTarget
        @Flag(help: "Print the participant as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await ParticipantCommand.setMuted(false, target, json: json, admin: admin)
        }
    }

    struct Kick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a participant: the server hangs up their call.")

        @OptionGroup var target: ParticipantTarget
        @Flag(help: "Print the answer as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let answer: KickAnswer = try await admin.client()
                .post("rooms", target.room, "participants", "\(target.id)", "kick")
            if json { return try ListingOutput.printJSON(answer) }
            print("removed \(answer.kicked) from \(target.room); the call is hung up")
        }
    }

    /// Mutes or unmutes `target` and says so, or prints the participant as JSON.
    static func setMuted(_ muted: Bool, _ target: ParticipantTarget, json: Bool, admin: AdminOptions)
        async throws(CommandFailure) {
        let action = muted ? "mute" : "unmute"
        let participant: ParticipantSummary = try await admin.client()
            .post("rooms", target.room, "participants", "\(target.id)", action)
        if json { return try ListingOutput.printJSON(participant) }
        print("\(action)d \(participant.id) \(participant.label) in \(target.room)")
    }
}

/// `ROOM ID`: the participant an action is for.
struct ParticipantTarget: ParsableArguments {
    @Argument(help: "The room's name or number.")
    var room: String
    @Argument(help: "The participant's id, as 'huiyi participant list ROOM' shows it.")
    var id: UInt32
}

/// The answer to a kick: `{"kicked": ID}`.
struct KickAnswer: Codable {
    var kicked: UInt32
}

extension ParticipantSummary {
    /// `Name <uri>`, or the URI alone when the caller sent no display name.
    var label: String {
        guard let name, !name.isEmpty else { return uri }
        return "\(name) <\(uri)>"
    }

    /// Lost packets as a share of those expected (received + lost), or "-" before any packet.
    var loss: String { ListingOutput.loss(lost: lost, received: packetsIn) }
}
