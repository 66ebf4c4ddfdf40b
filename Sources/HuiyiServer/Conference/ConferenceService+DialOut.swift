/// Rooms calling sites (dial-out): resolve the site, bind the media ports, offer (RFC 3264 §5), place the call, and
/// once the site answers, start its media from the answer and put it in the mix. Used by operators (`huiyi dial`)
/// and, next, by the meeting scheduler.
import Conference
import Foundation
import MediaTransport
import Mixing
import NIOCore
import SDP
import SIP
import SIPServices

/// A call placed by a room.
struct DialReceipt: Sendable, Hashable {
    var room: String
    var participant: UInt32
    var call: CallHandle
}

/// Why a room could not call a site.
enum DialOutError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownRoom(String)
    case badURI(String)
    case refused(String)
    case unreachable(String)
    case noMedia(String)

    var description: String {
        switch self {
        case .unknownRoom(let room): "no room \(room)"
        case .badURI(let uri): "\(uri) is not a SIP URI; use sip:user@host"
        case .refused(let why): why
        case .unreachable(let why): why
        case .noMedia(let why): "no media resources: \(why)"
        }
    }
}

extension ConferenceService {
    /// Calls `uri` from room `name` (its number or name); the future completes once the INVITE is sent.
    func dial(room name: String, uri text: String) -> EventLoopFuture<DialReceipt> {
        let promise = loop.makePromise(of: DialReceipt.self)
        loop.execute {
            let directory = self.state.value.directory
            guard let room = directory.room(forUser: name) else {
                return promise.fail(DialOutError.unknownRoom(name))
            }
            guard let target = try? SIPURI(parsing: text), target.isSIP else {
                return promise.fail(DialOutError.badURI(text))
            }
            self.execute(.resolve(target, completion: { result in
                switch result {
                case .success(let flow): self.placeCall(room: room, target: target, flow: flow, promise: promise)
                case .failure(let error): promise.fail(DialOutError.unreachable(error.description))
                }
            }))
        }
        return promise.futureResult
    }

    private func placeCall(room: Room, target: SIPURI, flow: SIPFlow, promise: EventLoopPromise<DialReceipt>) {
        var live = liveRoom(for: room)
        // A site of the room is listed under its title; any other address under itself.
        let site = room.sites.first { $0.uri.lowercased() == target.description.lowercased() }
        let caller = Caller(displayName: site?.title, uri: target.description)
        guard case .admitted(let participant) = live.roster.admit(caller: caller, role: .participant, at: Date()) else {
            state.value.rooms[room.name] = live
            forgetRoomIfEmpty(room.name)
            return promise.fail(DialOutError.refused("room \(room.name) is full or locked"))
        }
        state.value.rooms[room.name] = live
        let mediaID = Mixing.ParticipantID(participant.rawValue)
        let ipv6 = flow.remoteHost.contains(":")
        let localAddress = settings.advertisedAddress.isEmpty
            ? self.localAddress(toward: flow.remoteHost, ipv6: ipv6) : settings.advertisedAddress
        let media = live.media
        media.reserveSockets(mediaID, bindHost: ipv6 ? "::" : "0.0.0.0").hop(to: loop).whenComplete { result in
            guard case .success(let port) = result else {
                self.abandon(room: room.name, participant: participant)
                if case .failure(let error) = result { promise.fail(DialOutError.noMedia("\(error)")) }
                return
            }
            let identity = SessionIdentity(
                username: "huiyi", sessionID: String(UInt32.random(in: 1...UInt32.max, using: &self.state.value.random)),
                version: 1)
            let offer = AudioOfferAnswer(srtpPolicy: room.srtp).offer(
                session: identity, localAddress: localAddress, localPort: UInt16(port),
                using: &self.state.value.random)
            var versioning = SessionVersioning(identity)
            let body = versioning.stamp(offer.description).bytes
            let stamped = versioning
            let from = NameAddress(displayName: room.title, uri: SIPURI(user: room.number, host: self.settings.domain))
            let request = DialRequest(target: target, from: from, localHost: localAddress, sdp: body)
            self.execute(.dial(request, completion: { result in
                switch result {
                case .success(let handle):
                    self.state.value.calls[handle] = Call(
                        roomName: room.name, participant: participant, stage: .dialing, role: .participant,
                        versioning: stamped, negotiated: nil, offer: offer, port: port, localAddress: localAddress,
                        lastAnswer: body, party: target.description, direction: .outgoing)
                    self.state.value.rooms[room.name]?.calls[mediaID] = handle
                    self.updateGauges(room: room.name)
                    self.logger.info("dialing a site", metadata: [
                        "room": "\(room.name)", "site": "\(target)", "call": "\(handle)",
                        "participant": "\(participant.rawValue)",
                    ])
                    promise.succeed(DialReceipt(room: room.name, participant: participant.rawValue, call: handle))
                case .failure(let error):
                    self.abandon(room: room.name, participant: participant)
                    promise.fail(DialOutError.unreachable(error.description))
                }
            }))
        }
    }

    /// The site answered: its media starts from the answer, and it joins the mix.
    func answered(_ handle: CallHandle, _ response: SIPResponse) {
        guard var call = state.value.calls[handle], let offer = call.offer,
              let live = state.value.rooms[call.roomName] else { return }
        let negotiated: NegotiatedAudio
        do {
            negotiated = try offer.accept(answer: SessionDescription(parsing: response.body))
        } catch {
            logger.warning("a site's answer cannot be used", metadata: ["call": "\(handle)", "error": "\(error)"])
            return execute(.hangUp(handle, reason: "unusable SDP answer: \(error)"))
        }
        guard let parameters = negotiated.legParameters() else {
            return execute(.hangUp(handle, reason: "codec not available"))
        }
        call.negotiated = negotiated
        call.offer = nil
        call.answeredAt = Date()
        state.value.calls[handle] = call
        let mediaID = Mixing.ParticipantID(call.participant.rawValue)
        live.media.addLeg(mediaID, parameters: parameters, bindHost: "").hop(to: loop).whenComplete { result in
            guard var call = self.state.value.calls[handle] else { return }
            switch result {
            case .success:
                call.stage = .joined
                self.state.value.calls[handle] = call
                self.logger.info("site answered", metadata: [
                    "room": "\(call.roomName)", "call": "\(handle)", "codec": "\(negotiated.codec.encodingName)",
                    "srtp": "\(negotiated.crypto != nil)",
                ])
                self.join(handle)
                self.observer.value?(.answered(handle))
            case .failure(let error):
                self.execute(.hangUp(handle, reason: "no media: \(error)"))
            }
        }
    }

    /// The site did not answer (busy, no answer, unreachable, refused).
    func dialFailed(_ handle: CallHandle, status: Int, reason: String) {
        guard let call = state.value.calls[handle] else { return }
        logger.notice("a site did not answer", metadata: [
            "room": "\(call.roomName)", "call": "\(handle)", "status": "\(status)", "reason": "\(reason)",
        ])
        records?.append(CallRecord(
            call: handle.description, room: call.roomName, party: call.party, direction: call.direction,
            startedAt: call.startedAt, answeredAt: nil, endedAt: Date(), endReason: "\(status) \(reason)"))
        forget(handle, playLeave: false)
        observer.value?(.failed(handle, status: status))
    }

    /// Ends one call from this side (ring timeout, meeting end); the end comes back as `ended`.
    func hangUp(_ handle: CallHandle, reason: String) {
        loop.execute { self.execute(.hangUp(handle, reason: reason)) }
    }

    /// Ends every call in a room (the meeting is over).
    func hangUpAll(in room: String, reason: String) {
        loop.execute {
            for handle in self.state.value.rooms[room]?.calls.values.map({ $0 }) ?? [] {
                self.execute(.hangUp(handle, reason: reason))
            }
        }
    }

    /// Sets who is told of call outcomes.
    func observe(_ observer: @escaping @Sendable (ConferenceCallEvent) -> Void) {
        loop.execute { self.observer.value = observer }
    }

    /// Undoes a dial that never became a call.
    private func abandon(room name: String, participant: Conference.ParticipantID) {
        guard var live = state.value.rooms[name] else { return }
        live.roster.remove(participant)
        live.media.removeLeg(Mixing.ParticipantID(participant.rawValue))
        state.value.rooms[name] = live
        forgetRoomIfEmpty(name)
    }
}
