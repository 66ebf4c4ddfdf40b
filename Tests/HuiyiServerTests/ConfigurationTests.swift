import Foundation
import Logging
import SIP
import SIPTransport
import XCTest

@testable import HuiyiServer

final class ConfigurationTests: ConfigurationTestCase {
    private var workingDirectory: String { FileManager.default.currentDirectoryPath }

    // MARK: Defaults and the shipped file

    func testDefaultsAreTheDocumentedValues() {
        let defaults = ServerConfiguration()
        XCTAssertEqual(defaults.domain, "huiyi.local")
        XCTAssertEqual(defaults.aliases, [])
        XCTAssertEqual(defaults.dataDirectory, "data")
        XCTAssertEqual(defaults.logLevel, .info)
        XCTAssertFalse(defaults.traceSIP)
        XCTAssertEqual(defaults.sip.listen.map(\.description), ["udp:0.0.0.0:5060", "tcp:0.0.0.0:5060"])
        XCTAssertEqual(defaults.sip.t1, .milliseconds(500))
        XCTAssertEqual(defaults.sip.t2, .milliseconds(4000))
        XCTAssertEqual(defaults.sip.t4, .milliseconds(5000))
        XCTAssertEqual(defaults.sip.maxMessageBytes, 65_536)
        XCTAssertEqual(defaults.sip.idleConnectionTimeout, .seconds(600))
        XCTAssertEqual(defaults.sip.maxConnectionsPerAddress, 64)
        XCTAssertEqual(defaults.tls.certificatePath, "Config/dev-tls/cert.pem")
        XCTAssertEqual(defaults.tls.privateKeyPath, "Config/dev-tls/key.pem")
        XCTAssertEqual(defaults.registrar.minExpires, 60)
        XCTAssertEqual(defaults.registrar.maxExpires, 7200)
        XCTAssertEqual(defaults.registrar.defaultExpires, 3600)
        XCTAssertEqual(defaults.registrar.maxContactsPerAOR, 10)
        XCTAssertEqual(defaults.auth.nonceLifetime, .seconds(300))
        XCTAssertEqual(defaults.auth.algorithms, [.md5])
        XCTAssertEqual(defaults.roomsDirectory, "Rooms")
        XCTAssertEqual(defaults.media.rtpPorts, 16384...32767)
        XCTAssertEqual(defaults.media.advertisedAddress, "")
        XCTAssertEqual(defaults.media.mediaTimeoutSeconds, 30)
        XCTAssertEqual(defaults.media.threads, 0)
    }

    func testShippedFileSetsEveryKeyToItsDefault() throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/huiyi.toml").path
        let loaded = try ServerConfiguration.load(file: shipped, overrides: .init())
        XCTAssertEqual(loaded, ServerConfiguration().resolvingPaths(against: workingDirectory))

        // Every key the loader knows is written out (and so documented) in the shipped file.
        let text = try String(contentsOfFile: shipped, encoding: .utf8)
        let locator = TOMLSourceLocator(text: text)
        for key in ServerConfiguration.fileKeys {
            XCTAssertNotNil(locator.line(ofKey: key.split(separator: ".").map(String.init)), "\(key) missing")
        }
    }

    func testEmptyFileKeepsDefaultsAndResolvesRelativePaths() throws {
        let loaded = try ServerConfiguration.load(file: try writeFile(""), overrides: .init())
        XCTAssertEqual(loaded.dataDirectory, workingDirectory + "/data")
        XCTAssertEqual(loaded.tls.certificatePath, workingDirectory + "/Config/dev-tls/cert.pem")
        XCTAssertEqual(loaded.registrar, ServerConfiguration.RegistrarSettings())
    }

    // MARK: File values

    func testFileValuesReplaceDefaults() throws {
        let loaded = try ServerConfiguration.load(file: try writeFile("""
            domain = "conf.example.com"
            aliases = ["10.0.0.5", "sip.example.com", "2001:db8::5"]
            data_dir = "/var/lib/huiyi"
            log_level = "debug"
            trace_sip = true
            [sip]
            listen = [
              "udp:[::1]:5070",
              "tls:127.0.0.1:0",
            ]
            t1_ms = 250
            max_message_bytes = 1500
            [tls]
            certificate = "\(try writeFile("cert", named: "cert.pem"))"
            private_key = "\(try writeFile("key", named: "key.pem"))"
            [registrar]
            min_expires = 30
            default_expires = 30
            [auth]
            algorithms = ["MD5"]
            """), overrides: .init())
        XCTAssertEqual(loaded.domain, "conf.example.com")
        XCTAssertEqual(loaded.aliases, ["10.0.0.5", "sip.example.com", "2001:db8::5"])
        XCTAssertEqual(loaded.dataDirectory, "/var/lib/huiyi")
        XCTAssertEqual(loaded.logLevel, .debug)
        XCTAssertTrue(loaded.traceSIP)
        XCTAssertEqual(loaded.sip.listen, [
            SIPListenerSpec(transport: .udp, host: "::1", port: 5070),
            SIPListenerSpec(transport: .tls, host: "127.0.0.1", port: 0),
        ])
        XCTAssertEqual(loaded.sip.t1Milliseconds, 250)
        XCTAssertEqual(loaded.sip.t2Milliseconds, 4000)
        XCTAssertEqual(loaded.sip.maxMessageBytes, 1500)
        XCTAssertEqual(loaded.registrar.minExpires, 30)
        XCTAssertEqual(loaded.registrar.defaultExpires, 30)
        XCTAssertEqual(loaded.auth.algorithms, [.md5])
    }

    func testMediaAndRoomsValuesReplaceDefaults() throws {
        let loaded = try ServerConfiguration.load(file: try writeFile("""
            rooms_dir = "/etc/huiyi/rooms"
            [media]
            rtp_ports = "20000-20099"
            address = "2001:db8::7"
            timeout_s = 5
            threads = 2
            """), overrides: .init())
        XCTAssertEqual(loaded.roomsDirectory, "/etc/huiyi/rooms")
        XCTAssertEqual(loaded.media.rtpPorts, 20000...20099)
        XCTAssertEqual(loaded.media.advertisedAddress, "2001:db8::7")
        XCTAssertEqual(loaded.media.mediaTimeoutSeconds, 5)
        XCTAssertEqual(loaded.media.threads, 2)
    }

    func testRelativeRoomsDirectoryResolvesAgainstTheCurrentDirectory() throws {
        let loaded = try ServerConfiguration.load(file: try writeFile(#"rooms_dir = "site/rooms""#), overrides: .init())
        XCTAssertEqual(loaded.roomsDirectory, workingDirectory + "/site/rooms")
    }

    // MARK: Overrides

    func testRoomsAndRTPPortFlagsWinOverTheFile() throws {
        let path = try writeFile("rooms_dir = \"file-rooms\"\n[media]\nrtp_ports = \"20000-20099\"\n")
        let loaded = try ServerConfiguration.load(
            file: path, overrides: .init(roomsDirectory: "/srv/rooms", rtpPorts: "30000-30001"))
        XCTAssertEqual(loaded.roomsDirectory, "/srv/rooms")
        XCTAssertEqual(loaded.media.rtpPorts, 30000...30001)

        let fileOnly = try ServerConfiguration.load(file: path, overrides: .init())
        XCTAssertEqual(fileOnly.media.rtpPorts, 20000...20099, "absent flags keep the file's values")
        XCTAssertEqual(fileOnly.roomsDirectory, workingDirectory + "/file-rooms")
    }

    func testFlagsWinOverTheFile() throws {
        let path = try writeFile("""
            domain = "file.example"
            data_dir = "file-data"
            log_level = "error"
            [sip]
            listen = ["udp:10.0.0.1:5060"]
            """)
        let overrides = ConfigurationOverrides(
            dataDirectory: "/tmp/flag-data", listen: ["tcp:127.0.0.1:5080", "udp:[::]:5080"], domain: "flag.example",
            logLevel: "trace", traceSIP: true
        )
        let loaded = try ServerConfiguration.load(file: path, overrides: overrides)
        XCTAssertEqual(loaded.domain, "flag.example")
        XCTAssertEqual(loaded.dataDirectory, "/tmp/flag-data")
        XCTAssertEqual(loaded.logLevel, .trace)
        XCTAssertTrue(loaded.traceSIP)
        XCTAssertEqual(loaded.sip.listen.map(\.description), ["tcp:127.0.0.1:5080", "udp:[::]:5080"])
    }

    func testAbsentFlagsKeepTheFileValues() throws {
        let path = try writeFile(#"log_level = "warning""# + "\ntrace_sip = true\n[sip]\nlisten = [\"udp:10.0.0.1:5060\"]\n")
        let loaded = try ServerConfiguration.load(file: path, overrides: ConfigurationOverrides())
        XCTAssertEqual(loaded.logLevel, .warning)
        XCTAssertTrue(loaded.traceSIP, "--trace-sip absent must not switch tracing off")
        XCTAssertEqual(loaded.sip.listen.map(\.description), ["udp:10.0.0.1:5060"])
    }

    func testRelativeDataDirectoryFlagResolvesAgainstTheCurrentDirectory() throws {
        let loaded = try ServerConfiguration.load(file: try writeFile(""), overrides: .init(dataDirectory: "./x/../state"))
        XCTAssertEqual(loaded.dataDirectory, workingDirectory + "/state")
    }
}
