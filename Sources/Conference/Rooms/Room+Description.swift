/// How a room reads in logs and listings: every key but the PINs, which only say whether they are set.
extension Room: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let pins = [pin.map { _ in "pin" }, moderatorPin.map { _ in "moderator_pin" }].compactMap { $0 }
        return "room \(name) (\"\(title)\") number \(number), access \(access.rawValue)"
            + (pins.isEmpty ? "" : " with \(pins.joined(separator: " and ")) set")
            + ", srtp \(srtp.rawValue), up to \(maxParticipants) participants, \(speakers) speakers, "
            + "\(sites.count) site\(sites.count == 1 ? "" : "s")"
    }

    public var debugDescription: String { description }
}
