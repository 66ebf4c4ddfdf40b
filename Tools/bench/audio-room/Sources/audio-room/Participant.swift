/// One simulated conference participant: its call (RFC 3261 dialog state the generator needs) and its RTP stream.
import NIOCore

final class Participant {
    enum Phase: Equatable {
        /// Not dialled yet.
        case waiting
        /// INVITE sent, no final answer yet.
        case inviting
        /// 200 answered and ACKed: sending and receiving media.
        case active
        /// BYE sent, no answer yet.
        case hangingUp
        /// The call is over (BYE answered, or the server hung up).
        case ended
        /// The INVITE was refused or never answered.
        case failed(String)
    }

    let index: Int
    let room: Int
    /// Position in the room: 0 is the probe talker, then the other talkers, then the quiet ones.
    let seat: Int
    let clip: Int
    let clipOffset: Int
    let socket: Int
    let callID: String
    let fromTag: String

    var phase = Phase.waiting
    var toHeader = ""
    var remoteTarget = ""
    var remoteMedia: SocketAddress?
    var lastRequestAt = NIODeadline.distantPast
    var retransmissions = 0

    var sequence: UInt16
    var timestamp: UInt32
    let ssrc: UInt32
    var sentFirstPacket = false

    /// Decodes and watches for the probe tone; only a few listeners per room carry one.
    var probe: ToneProbe?
    var lastOnsetHeard = 0
    var packetsReceived = 0
    var bytesReceived = 0

    init(index: Int, room: Int, seat: Int, clip: Int, clipOffset: Int, socket: Int, run: String) {
        self.index = index
        self.room = room
        self.seat = seat
        self.clip = clip
        self.clipOffset = clipOffset
        self.socket = socket
        callID = "ar-\(run)-\(index)"
        fromTag = "t\(run)\(index)"
        sequence = UInt16(truncatingIfNeeded: index &* 7919)
        timestamp = UInt32(truncatingIfNeeded: index &* 104_729)
        ssrc = 0x4855_0000 | UInt32(truncatingIfNeeded: index)
    }

    var isSending: Bool { phase == .active }
    var isSettled: Bool {
        switch phase {
        case .waiting, .inviting: false
        case .active, .hangingUp, .ended, .failed: true
        }
    }
}
