import AdminAPI
import ArgumentParser

/// `huiyi dial ROOM SIP-URI`: the room calls a site. The command returns once the INVITE is sent; the site joins
/// when it answers.
struct DialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dial",
        abstract: "Call a site or a user into a room.",
        discussion: """
            Returns once the call is placed; the site joins when it answers. A registered account is called where \
            it registered from, so 'sip:shunde@DOMAIN' reaches the Shunde site wherever it is.
            """
    )

    @Argument(help: "The room's name or number.")
    var room: String
    @Argument(help: ArgumentHelp("Whom to call, like sip:shunde@huiyi.local.", valueName: "sip-uri"))
    var uri: String
    @Flag(help: "Print the placed call as JSON.")
    var json = false
    @OptionGroup var admin: AdminOptions

    func run() async throws {
        let placed: DialSummary = try await admin.client().post("rooms", room, "dial", body: DialBody(uri: uri))
        if json { return try ListingOutput.printJSON(placed) }
        print("calling \(uri) into \(placed.room) as participant \(placed.participant); "
            + "'huiyi participant list \(placed.room)' shows it, its codec once it answers")
    }
}
