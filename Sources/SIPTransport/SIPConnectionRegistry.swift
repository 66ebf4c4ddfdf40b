import NIOCore
import SIP

/// The open TCP/TLS connections (RFC 3261 §18.2.2: a response goes back over the connection its request used, and
/// §18.1.1: a request may reuse an open connection to the same destination), with the per-address inbound count
/// that keeps one remote host from exhausting file descriptors.
final class SIPConnectionRegistry: Sendable {
    /// A remote transport address as sends name it.
    struct RemoteKey: Hashable, Sendable {
        var transport: SIPTransportKind
        var host: String
        var port: Int

        init(_ flow: SIPFlow) {
            self.init(transport: flow.transport, host: flow.remoteHost, port: flow.remotePort)
        }

        init(transport: SIPTransportKind, host: String, port: Int) {
            self.transport = transport
            self.host = host
            self.port = port
        }
    }

    private struct Entry {
        var channel: any Channel
        var remote: RemoteKey
    }

    private struct State {
        var lastID: UInt64 = 0
        var byID: [UInt64: Entry] = [:]
        var byRemote: [RemoteKey: [UInt64]] = [:]
        var inboundPerHost: [String: Int] = [:]
        var pendingConnects: [RemoteKey: EventLoopFuture<any Channel>] = [:]
    }

    private let state = LockedState(State())

    /// A fresh connection ID; IDs increase and are never reused while the service runs.
    func makeConnectionID() -> UInt64 {
        state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
    }

    /// Counts one more inbound connection from `host` unless it already has `limit`; false means refuse it.
    func admitInbound(from host: String, limit: Int) -> Bool {
        state.withLock { state in
            let current = state.inboundPerHost[host, default: 0]
            guard current < limit else { return false }
            state.inboundPerHost[host] = current + 1
            return true
        }
    }

    /// Forgets one inbound connection from `host` once it has closed.
    func releaseInbound(from host: String) {
        state.withLock { state in
            let remaining = state.inboundPerHost[host, default: 1] - 1
            state.inboundPerHost[host] = remaining > 0 ? remaining : nil
        }
    }

    func register(_ channel: any Channel, id: UInt64, remote: RemoteKey) {
        state.withLock { state in
            state.byID[id] = Entry(channel: channel, remote: remote)
            state.byRemote[remote, default: []].append(id)
        }
    }

    func remove(id: UInt64) {
        state.withLock { state in
            guard let entry = state.byID.removeValue(forKey: id) else { return }
            let remaining = state.byRemote[entry.remote, default: []].filter { $0 != id }
            state.byRemote[entry.remote] = remaining.isEmpty ? nil : remaining
        }
    }

    /// The connection with this ID, if it is still open.
    func channel(id: UInt64) -> (any Channel)? {
        state.withLock { $0.byID[id]?.channel }
    }

    /// The most recently opened connection to this remote address, if any is open.
    func channel(to remote: RemoteKey) -> (id: UInt64, channel: any Channel)? {
        state.withLock { state in
            guard let id = state.byRemote[remote]?.last, let entry = state.byID[id] else { return nil }
            return (id, entry.channel)
        }
    }

    enum ConnectAttempt {
        /// A connect to the same address is already under way: wait for it.
        case joined(EventLoopFuture<any Channel>)
        /// The caller must open the connection and complete this promise.
        case started(EventLoopPromise<any Channel>)
    }

    /// Joins the connect under way to `remote`, or records a new one, so that concurrent sends share one connection.
    func joinOrStartConnect(to remote: RemoteKey, on loop: any EventLoop) -> ConnectAttempt {
        state.withLock { state in
            if let pending = state.pendingConnects[remote] { return .joined(pending) }
            let promise = loop.makePromise(of: (any Channel).self)
            state.pendingConnects[remote] = promise.futureResult
            return .started(promise)
        }
    }

    func finishConnect(to remote: RemoteKey) {
        state.withLock { _ = $0.pendingConnects.removeValue(forKey: remote) }
    }

    /// Every open connection, for shutdown.
    func allChannels() -> [any Channel] {
        state.withLock { $0.byID.values.map(\.channel) }
    }

    var openConnectionCount: Int {
        state.withLock { $0.byID.count }
    }

    func inboundConnectionCount(from host: String) -> Int {
        state.withLock { $0.inboundPerHost[host, default: 0] }
    }
}
