import Testing
@testable import SDP

/// Malformed mandatory lines are refused with the line number and what is wrong; nothing crashes the parser.
@Suite("Session description errors")
struct SDPParseErrorTests {
    private static let head = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"

    private func error(parsing text: String) -> SDPParseError? {
        do {
            _ = try SessionDescription(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    /// Input and the refusal it must get.
    static let refusalCases: [(String, SDPParseError)] = [
        ("", SDPParseError(line: 1, .empty)),
        ("\r\n\r\n", SDPParseError(line: 1, .empty)),
        ("o=- 1 1 IN IP4 10.0.0.1\r\n", SDPParseError(line: 1, .missingVersion)),
        ("v=1\r\no=- 1 1 IN IP4 a\r\ns=-\r\n", SDPParseError(line: 1, .unsupportedVersion("1"))),
        ("v=0\r\ns=-\r\nt=0 0\r\n", SDPParseError(line: 4, .missingOrigin)),
        ("v=0\r\no=- 1 1 IN IP4 a\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\n", SDPParseError(line: 4, .missingSessionName)),
        ("v=0\r\no=- 1 x IN IP4 a\r\n", SDPParseError(line: 2, .malformedOrigin("- 1 x IN IP4 a"))),
        ("v=0\r\no=- 1 1 IN IPX a\r\n", SDPParseError(line: 2, .malformedOrigin("- 1 1 IN IPX a"))),
        ("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4\r\n", SDPParseError(line: 4, .malformedConnection("IN IP4"))),
        ("v=0\r\no=- 1 1 IN IP4 a\r\no=- 2 2 IN IP4 a\r\n", SDPParseError(line: 3, .duplicate("o"))),
        (head + "m=audio\r\n", SDPParseError(line: 6, .malformedMedia("audio"))),
        (head + "m=audio 70000 RTP/AVP 0\r\n", SDPParseError(line: 6, .invalidPort("70000"))),
        (head + "m=audio -1 RTP/AVP 0\r\n", SDPParseError(line: 6, .invalidPort("-1"))),
        (head + "m=audio 4000/0 RTP/AVP 0\r\n", SDPParseError(line: 6, .invalidPort("4000/0"))),
        (head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 1.2.3.4/x\r\n", SDPParseError(line: 7, .malformedConnection("IN IP4 1.2.3.4/x"))),
        (head + "m=audio 4000 RTP/AVP 0\r\no=- 1 1 IN IP4 a\r\n", SDPParseError(line: 7, .sessionLineInMedia("o"))),
        (head + "b=AS\r\n", SDPParseError(line: 6, .malformedBandwidth("AS"))),
        ("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=now\r\n", SDPParseError(line: 4, .malformedTiming("now"))),
        ("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nr=7d 1h\r\n", SDPParseError(line: 4, .repeatWithoutTiming)),
        (head + "this is not SDP\r\n", SDPParseError(line: 6, .notATypeValueLine("this is not SDP"))),
    ]

    @Test("Each broken mandatory line is named by number and problem", arguments: refusalCases)
    func refusals(text: String, expected: SDPParseError) {
        #expect(error(parsing: text) == expected)
    }

    @Test("The description reads as a log line: line number first, then the problem")
    func descriptionNamesTheLine() throws {
        let refusal = try #require(error(parsing: Self.head + "m=audio 99999 RTP/AVP 0\r\n"))
        #expect(refusal.description == "SDP line 6: '99999' is not a port number from 0 to 65535")
        let origin = try #require(error(parsing: "v=0\r\ns=-\r\n"))
        #expect(origin.description == "SDP line 3: the 'o=' line is missing (it must follow 'v=0')")
    }

    @Test("A hostile line is quoted short and without control characters")
    func hostileLineIsClipped() throws {
        let junk = "x" + String(repeating: "\u{1}", count: 100)
        let refusal = try #require(error(parsing: "v=0\r\n" + junk))
        guard case .notATypeValueLine(let quoted) = refusal.problem else {
            Issue.record("unexpected \(refusal)")
            return
        }
        #expect(quoted == "x" + String(repeating: "?", count: 59) + "…")
    }

    @Test("Random bytes, truncations and corruptions of real offers never crash the parser")
    func fuzz() {
        var generator = SeededGenerator(seed: 0x5D9)
        let fixtures = [SDPFixtures.baresip, SDPFixtures.baresipSRTP, SDPFixtures.linphone, SDPFixtures.sipp,
                        SDPFixtures.ipv6].map { Array(SDPFixtures.crlf($0).utf8) }
        var inputs: [[UInt8]] = []
        for fixture in fixtures {
            // Every truncation point.
            inputs += (0...fixture.count).map { Array(fixture[..<$0]) }
            // Random corruptions: a few bytes overwritten with anything, including LF, CR, '=', NUL and non-UTF-8.
            for _ in 0..<200 {
                var corrupted = fixture
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    corrupted[Int.random(in: 0..<corrupted.count, using: &generator)] = .random(in: 0...255, using: &generator)
                }
                inputs.append(corrupted)
            }
        }
        // Pure noise, and noise made of SDP's own alphabet.
        let alphabet = Array("vosictbmak=: /0123456789\r\nINP4RTAV".utf8)
        for _ in 0..<500 {
            let length = Int.random(in: 0...300, using: &generator)
            inputs.append((0..<length).map { _ in .random(in: 0...255, using: &generator) })
            inputs.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        }

        var parsed = 0
        var refused = 0
        for input in inputs {
            do {
                let sdp = try SessionDescription(parsing: input)
                parsed += 1
                // Whatever parses is written back into something that parses to the same description.
                #expect(try SessionDescription(parsing: sdp.encoded) == sdp)
            } catch {
                refused += 1
                #expect(error.line >= 1)
            }
        }
        #expect(parsed > 0)
        #expect(refused > 0)
    }
}
