import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Test helper: a UDP socket bound on 127.0.0.1 that receives datagrams with a bounded wait and sends to a port there.
final class LoopbackUDPSocket {
    let fd: Int32
    let port: Int

    /// Binds `port` (0: any free port).
    init(port: Int = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // Room for a burst of video packets while the test is busy decoding.
        var size: Int32 = 4 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE
            close(fd)
            throw POSIXError(code)
        }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: local.sin_port))
    }

    deinit { close(fd) }

    /// Two free neighbouring ports, even first, as RFC 3550 §11 pairs RTP and RTCP and as ffmpeg's SDP reader binds
    /// them. Found by binding both, then released for the receiver to take.
    static func freePortPair() throws -> Int {
        for _ in 0..<50 {
            let rtp = try LoopbackUDPSocket().port & ~1
            // Both bind (and are closed again on leaving the scope), so both are free.
            guard rtp > 1024, let first = try? LoopbackUDPSocket(port: rtp),
                  (try? LoopbackUDPSocket(port: rtp + 1)) != nil else { continue }
            return first.port
        }
        throw POSIXError(.EADDRINUSE)
    }

    func send(_ bytes: [UInt8], toPort port: Int) {
        var address = Self.loopback(port: port)
        _ = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// The next datagram, or nil when none arrives by `deadline`.
    func receive(before deadline: Date) -> [UInt8]? {
        let milliseconds = Int32(max(0, min(deadline.timeIntervalSinceNow, 60)) * 1000)
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, milliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? Array(buffer[..<count]) : nil
    }

    /// Whether some socket is bound to UDP `port` on this host (from /proc/net/udp and udp6, Linux): how a test knows
    /// a receiver it started is listening before it sends.
    static func isBound(port: Int) -> Bool {
        let needle = String(format: ":%04X", port)
        return ["/proc/net/udp", "/proc/net/udp6"].contains { path in
            // Read to the end: /proc files report no size, and a one-read String(contentsOfFile:) stops at 4 KiB.
            guard let table = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() else { return false }
            // "  sl  local_address rem_address ...": the local address is the second field, "ADDRESS:PORT" in hex.
            return String(decoding: table, as: UTF8.self).split(separator: "\n").dropFirst().contains { line in
                line.split(separator: " ").dropFirst().first?.hasSuffix(needle) ?? false
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
