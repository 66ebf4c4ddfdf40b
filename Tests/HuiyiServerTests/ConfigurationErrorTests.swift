import Foundation
import XCTest

@testable import HuiyiServer

/// Every way a configuration can be wrong is reported in one line that names the key (or flag) to fix.
final class ConfigurationErrorTests: ConfigurationTestCase {
    /// Loads `text` as a configuration file and returns the error, failing the test when there is none.
    private func loadError(
        _ text: String, overrides: ConfigurationOverrides = .init(), file: StaticString = #filePath, line: UInt = #line
    ) throws -> ConfigurationError {
        let path = try writeFile(text)
        do {
            let configuration = try ServerConfiguration.load(file: path, overrides: overrides)
            XCTFail("expected an error, loaded \(configuration)", file: file, line: line)
            throw CancellationError()
        } catch let error as ConfigurationError {
            XCTAssertFalse(error.description.contains("\n"), "one line: \(error)", file: file, line: line)
            return error
        }
    }

    private var path: String { directory.appendingPathComponent("huiyi.toml").path }

    func testBadListenerNamesFileLineKeyAndIndex() throws {
        let error = try loadError("""
            # comment
            [sip]
            listen = [
              "udp:0.0.0.0:5060",
              "udp:5060",
            ]
            """)
        XCTAssertEqual(error.key, "sip.listen[1]")
        XCTAssertEqual(error.origin, .file(path: path, line: 5))
        XCTAssertEqual(
            error.description,
            #"\#(path):5: sip.listen[1]: expected "udp|tcp|tls:HOST:PORT" (IPv6 in brackets), got "udp:5060""#
        )
    }

    func testListenerRules() throws {
        for bad in ["udp:::1:5060", "sctp:0.0.0.0:5060", "udp:0.0.0.0:70000", "udp:example.com:5060", "udp:[]:5060"] {
            let error = try loadError("[sip]\nlisten = [\"\(bad)\"]")
            XCTAssertEqual(error.key, "sip.listen[0]", bad)
            XCTAssertTrue(error.problem.hasSuffix("got \"\(bad)\""), error.description)
        }
    }

    func testLinesAreFoundInFilesWithCRLFLineEnds() throws {
        let error = try loadError("domain = \"a.example\"\r\n\r\n[auth]\r\nnonce_lifetime_s = 0\r\n")
        XCTAssertEqual(error.origin, .file(path: path, line: 4))
    }

    func testNegativeIntegerNamesTheKeyAndTheBound() throws {
        let error = try loadError("[registrar]\nmin_expires = -5\n")
        XCTAssertEqual(error.description, "\(path):2: registrar.min_expires: expected an integer ≥ 1, got -5")
    }

    func testWrongTypesSayWhatWasExpected() throws {
        XCTAssertEqual(try loadError(#"trace_sip = "yes""#).problem, #"expected true or false, got "yes""#)
        XCTAssertEqual(try loadError(#"[sip]"# + "\n" + #"t1_ms = "500""#).problem, #"expected an integer ≥ 1, got "500""#)
        XCTAssertEqual(try loadError("domain = 5").problem, "expected a string, got 5")
        XCTAssertEqual(try loadError(#"aliases = "a.example""#).problem, #"expected an array of strings, got "a.example""#)
        XCTAssertEqual(try loadError("[sip]\nmax_message_bytes = 100").problem, "expected an integer from 1500 to 16777216, got 100")
    }

    func testEnumeratedValues() throws {
        let level = try loadError(#"log_level = "verbose""#)
        XCTAssertEqual(level.key, "log_level")
        XCTAssertEqual(level.problem, #"expected trace|debug|info|notice|warning|error|critical, got "verbose""#)

        let algorithm = try loadError(#"[auth]"# + "\n" + #"algorithms = ["SHA-256", "sha-512"]"#)
        XCTAssertEqual(algorithm.key, "auth.algorithms[1]")
        XCTAssertEqual(algorithm.problem, #"expected "MD5" or "SHA-256", got "sha-512""#)

        XCTAssertEqual(try loadError(#"aliases = ["ok.example", "not a host"]"#).key, "aliases[1]")
        XCTAssertEqual(try loadError(#"domain = "[::1]""#).key, "domain")
    }

    func testUnknownKeysAreRefusedWithASuggestion() throws {
        let misspelt = try loadError("[sip]\nlisen = [\"udp:0.0.0.0:5060\"]\n")
        XCTAssertEqual(misspelt.description, #"\#(path):2: sip.lisen: unknown key; did you mean "sip.listen"?"#)

        let misplaced = try loadError("listen = [\"udp:0.0.0.0:5060\"]\n")
        XCTAssertEqual(misplaced.problem, #"unknown key; did you mean "sip.listen"?"#)

        let table = try loadError("[sipp]\nx = 1\n")
        XCTAssertEqual(table.key, "sipp")
        XCTAssertEqual(table.origin, .file(path: path, line: 1))

        XCTAssertEqual(try loadError("colour = 1").problem, "unknown key")
    }

    func testSyntaxErrorNamesTheLine() throws {
        let error = try loadError("domain = \"x\"\n[sip\n")
        XCTAssertEqual(error.origin, .file(path: path, line: 2))
        XCTAssertTrue(error.problem.hasPrefix("not valid TOML: "), error.description)
    }

    func testExplicitFileMustExist() {
        XCTAssertThrowsError(try ServerConfiguration.load(file: "/nonexistent/huiyi.toml", overrides: .init())) { error in
            XCTAssertEqual("\(error)", "/nonexistent/huiyi.toml: no such file")
        }
    }

    func testBadFlagsNameTheFlag() throws {
        let listen = try loadError("", overrides: .init(listen: ["udp:0.0.0.0:5060", "tcp:x"]))
        XCTAssertEqual(listen.description, #"--sip tcp:x: expected "udp|tcp|tls:HOST:PORT" (IPv6 in brackets)"#)
        XCTAssertEqual(try loadError("", overrides: .init(logLevel: "loud")).key, "--log-level loud")
        XCTAssertEqual(try loadError("", overrides: .init(domain: "a b")).key, "--domain a b")
        XCTAssertEqual(try loadError("", overrides: .init(dataDirectory: "")).key, "--data-dir ")
    }

    func testBadRTPPortRangesNameTheKeyOrFlagAndTheFix() throws {
        let fix = #"expected "LOW-HIGH" with 1024 ≤ LOW < HIGH ≤ 65535, such as "16384-32767""#
        let reversed = try loadError("# media\n[media]\nrtp_ports = \"32000-16000\"\n")
        XCTAssertEqual(reversed.description, #"\#(path):3: media.rtp_ports: \#(fix), got "32000-16000""#)
        for bad in ["16384", "16384-", "80-1000", "40000-70000", "16384:32767", "a-b", "1025-1026"] {
            XCTAssertEqual(try loadError("[media]\nrtp_ports = \"\(bad)\"\n").key, "media.rtp_ports", bad)
        }
        XCTAssertEqual(try loadError("[media]\nrtp_ports = 16384\n").key, "media.rtp_ports", "not a string")

        let flag = try loadError("", overrides: .init(rtpPorts: "5000-4000"))
        XCTAssertEqual(flag.origin, .flag)
        XCTAssertEqual(flag.description, "--rtp-ports 5000-4000: \(fix)")
        XCTAssertNoThrow(try ServerConfiguration.load(file: try writeFile(""), overrides: .init(rtpPorts: "1024-1025")))
    }

    func testBadMediaAndRoomsValuesNameTheirKeys() throws {
        XCTAssertEqual(try loadError("[media]\naddress = \"media.example.com\"\n").key, "media.address")
        XCTAssertEqual(try loadError("[media]\naddress = \"[::1]\"\n").key, "media.address")
        let timeout = try loadError("[media]\ntimeout_s = 1\n")
        XCTAssertEqual(timeout.key, "media.timeout_s")
        XCTAssertTrue(timeout.problem.hasPrefix("expected an integer from 5 to 3600"), timeout.description)
        XCTAssertEqual(try loadError("[media]\nthreads = -1\n").key, "media.threads")
        XCTAssertEqual(try loadError("[media]\nrtp_port = \"16384-32767\"\n").problem,
                       #"unknown key; did you mean "media.rtp_ports"?"#)
        XCTAssertEqual(try loadError("rooms_dir = \"\"\n").key, "rooms_dir")
        XCTAssertEqual(try loadError("", overrides: .init(roomsDirectory: "")).description, "--rooms : expected a path")
    }

    func testCrossKeyRules() throws {
        XCTAssertEqual(try loadError("[registrar]\nmin_expires = 600\nmax_expires = 300\n").key, "registrar.max_expires")
        let defaultExpires = try loadError("[registrar]\ndefault_expires = 30\n")
        XCTAssertEqual(
            defaultExpires.description,
            "registrar.default_expires: expected a value from registrar.min_expires (60) to registrar.max_expires (7200), got 30"
        )
        XCTAssertEqual(try loadError("[sip]\nt1_ms = 5000\nt2_ms = 4000\n").key, "sip.t2_ms")
        XCTAssertEqual(try loadError("[sip]\nlisten = []\n").key, "sip.listen")
        XCTAssertEqual(try loadError("[sip]\nlisten = [\"udp:[::1]:5060\", \"udp:[::1]:5060\"]\n").problem,
                       "udp:[::1]:5060 is listed twice")
        XCTAssertEqual(try loadError("[auth]\nalgorithms = []\n").key, "auth.algorithms")
        XCTAssertEqual(try loadError("[auth]\nalgorithms = [\"MD5\", \"MD5\"]\n").key, "auth.algorithms")
    }

    func testTLSFilesAreRequiredOnlyWithATLSListener() throws {
        let missing = "[tls]\ncertificate = \"/nonexistent/cert.pem\"\nprivate_key = \"/nonexistent/key.pem\"\n"
        XCTAssertNoThrow(try ServerConfiguration.load(file: nil, overrides: .init(dataDirectory: "d")).validate())
        let error = try loadError(missing, overrides: .init(listen: ["tls:127.0.0.1:5061"]))
        XCTAssertEqual(error.key, "tls.certificate")
        XCTAssertTrue(error.problem.contains("/nonexistent/cert.pem"), error.description)
        XCTAssertTrue(error.problem.contains("Tools/dev-cert.sh"), error.description)

        let certificate = directory.appendingPathComponent("cert.pem")
        try "pem".write(to: certificate, atomically: true, encoding: .utf8)
        let keyMissing = try loadError(
            "[tls]\ncertificate = \"\(certificate.path)\"\nprivate_key = \"/nonexistent/key.pem\"\n",
            overrides: .init(listen: ["tls:127.0.0.1:5061"])
        )
        XCTAssertEqual(keyMissing.key, "tls.private_key")
    }
}

final class ConfigurationKeySuggestionTests: XCTestCase {
    func testEditDistance() {
        XCTAssertEqual(ConfigurationKeySuggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(ConfigurationKeySuggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(ConfigurationKeySuggestion.editDistance("same", "same"), 0)
    }

    func testNothingIsSuggestedForUnrelatedKeys() {
        XCTAssertNil(ConfigurationKeySuggestion.nearest(to: "colour", among: ServerConfiguration.fileKeys))
        XCTAssertEqual(ConfigurationKeySuggestion.nearest(to: "registrar.min_expire", among: ServerConfiguration.fileKeys),
                       "registrar.min_expires")
    }
}
