/// Drives an `AudioRoomMedia` with simulated peers and an injected clock: seconds of media in milliseconds.
import Mixing
import NIOCore
import RTP
@testable import MediaTransport

struct RoomScenario {
    var room: AudioRoomMedia
    var peers: [TonePeer]
    var now = MediaInstant.milliseconds(10_000)
    /// Every event the room reported, in order.
    var events: [RoomMediaEvent] = []

    init(_ peers: [TonePeer], mediaTimeout: Duration = .seconds(30)) {
        room = AudioRoomMedia(configuration: .init(speakers: 3, mediaTimeout: mediaTimeout))
        self.peers = peers
    }

    subscript(id: ParticipantID) -> TonePeer {
        get { peers.first { $0.id == id }! }
        set { peers[peers.firstIndex { $0.id == id }!] = newValue }
    }

    /// Adds every peer's leg with its own parameters, and admits those listed.
    mutating func join(admitting admitted: [ParticipantID]) throws {
        for peer in peers { try room.addLeg(peer.id, parameters: peer.parameters(), now: now) }
        for id in admitted { try room.admit(id) }
    }

    /// Hands one datagram to leg `id` as if it came from `source` (by default the peer's own address).
    mutating func deliver(_ bytes: [UInt8], to id: ParticipantID, from source: SocketAddress? = nil) {
        var buffer = bytes + [UInt8](repeating: 0, count: 64)
        events += room.receive(&buffer, length: bytes.count, leg: id, from: source ?? self[id].address, now: now)
    }

    /// `count` periods of 20 ms: each peer in `talking` (every peer with a tone, by default) sends one packet,
    /// then the room ticks and its packets reach the peers.
    mutating func run(ticks count: Int, talking: Set<ParticipantID>? = nil) {
        for _ in 0..<count {
            for index in peers.indices where peers[index].frequency != nil
                && (talking?.contains(peers[index].id) ?? true) {
                let packet = peers[index].nextAudioPacket()
                deliver(packet, to: peers[index].id)
            }
            tick()
        }
    }

    /// One tick of the room, then 20 ms pass.
    mutating func tick() {
        var sent: [(ParticipantID, [UInt8], SocketAddress)] = []
        var reports: [(ParticipantID, [UInt8], SocketAddress)] = []
        events += room.tick(now: now, send: { id, bytes, destination in sent.append((id, Array(bytes), destination)) },
                            sendRTCP: { id, bytes, destination in reports.append((id, Array(bytes), destination)) })
        for (id, bytes, destination) in sent { self[id].accept(bytes, destination: destination) }
        for (id, bytes, destination) in reports { self[id].acceptRTCP(bytes, destination: destination, at: now) }
        now = now + .milliseconds(20)
    }
}
