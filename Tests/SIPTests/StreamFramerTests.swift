import XCTest

@testable import SIP

/// RFC 3261 §18.3 stream framing and RFC 5626 §3.5.1 CRLF keep-alives.
final class StreamFramerTests: XCTestCase {
    private let options = """
        OPTIONS sip:carol@chicago.com SIP/2.0\r
        Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877\r
        Max-Forwards: 70\r
        To: <sip:carol@chicago.com>\r
        From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
        Call-ID: a84b4c76e66710\r
        CSeq: 63104 OPTIONS\r
        Content-Length: 0\r
        \r

        """

    /// An INVITE whose body contains CRLFCRLF and NUL bytes: only Content-Length says where it ends.
    private var inviteWithAwkwardBody: [UInt8] {
        let body: [UInt8] = Array("v=0\r\n\r\n".utf8) + [0, 0, 0x0D, 0x0A, 0x0D, 0x0A, 0] + Array("end".utf8)
        let head = """
            INVITE sip:bob@biloxi.com SIP/2.0\r
            Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK776asdhds\r
            Call-ID: a84b4c76e66710@pc33.atlanta.com\r
            CSeq: 314159 INVITE\r
            Content-Type: application/sdp\r
            l :  \(body.count)\r
            \r

            """
        return Array(head.utf8) + body
    }

    private func drain(_ framer: inout SIPStreamFramer) -> [SIPStreamFramer.Event] {
        var events: [SIPStreamFramer.Event] = []
        while let event = framer.next() { events.append(event) }
        return events
    }

    private func frame(_ chunks: [[UInt8]], limits: SIPStreamFramer.Limits = .init()) -> [SIPStreamFramer.Event] {
        var framer = SIPStreamFramer(limits: limits)
        var events: [SIPStreamFramer.Event] = []
        for chunk in chunks {
            framer.feed(chunk)
            events += drain(&framer)
        }
        return events
    }

    func testWholeMessageInOneChunkIsOneMessage() {
        XCTAssertEqual(frame([Array(options.utf8)]), [.message(Array(options.utf8))])
    }

    func testIncompleteHeaderSectionYieldsNothingYet() {
        let bytes = Array(options.utf8)
        var framer = SIPStreamFramer()
        framer.feed(bytes.dropLast(1))
        XCTAssertNil(framer.next())
        XCTAssertEqual(framer.bufferedByteCount, bytes.count - 1)
        framer.feed(bytes.suffix(1))
        XCTAssertEqual(framer.next(), .message(bytes))
        XCTAssertEqual(framer.bufferedByteCount, 0)
    }

    func testDripFedOneByteAtATimeYieldsEachMessageOnceComplete() {
        let stream = Array(options.utf8) + inviteWithAwkwardBody + Array(options.utf8)
        var framer = SIPStreamFramer()
        var events: [SIPStreamFramer.Event] = []
        var completedAt: [Int] = []
        for (offset, byte) in stream.enumerated() {
            framer.feed(CollectionOfOne(byte))
            let new = drain(&framer)
            if !new.isEmpty { completedAt.append(offset + 1) }
            events += new
        }
        XCTAssertEqual(events, [.message(Array(options.utf8)), .message(inviteWithAwkwardBody), .message(Array(options.utf8))])
        let first = options.utf8.count
        XCTAssertEqual(completedAt, [first, first + inviteWithAwkwardBody.count, stream.count])
    }

    func testSeveralMessagesInOneChunk() {
        let stream = Array(options.utf8) + inviteWithAwkwardBody + Array(options.utf8)
        XCTAssertEqual(
            frame([stream]),
            [.message(Array(options.utf8)), .message(inviteWithAwkwardBody), .message(Array(options.utf8))]
        )
    }

    func testSplitAtEveryOffsetYieldsTheSameMessages() {
        let stream = inviteWithAwkwardBody + Array(options.utf8)
        let expected: [SIPStreamFramer.Event] = [.message(inviteWithAwkwardBody), .message(Array(options.utf8))]
        for split in 0...stream.count {
            let events = frame([Array(stream[..<split]), Array(stream[split...])])
            XCTAssertEqual(events, expected, "split at \(split)")
        }
    }

    func testBodyContainingCRLFAndNULIsDeliveredIntact() {
        guard case .message(let message)? = frame([inviteWithAwkwardBody]).first else {
            return XCTFail("no message framed")
        }
        XCTAssertEqual(message, inviteWithAwkwardBody)
        XCTAssertEqual(Array(message.suffix(3)), Array("end".utf8))
    }

    func testDoubleCRLFBetweenMessagesIsAPing() {
        let stream = Array("\r\n\r\n".utf8) + Array(options.utf8) + Array("\r\n\r\n".utf8)
        XCTAssertEqual(frame([stream]), [.keepAlivePing, .message(Array(options.utf8)), .keepAlivePing])
    }

    func testPingDripFedIsStillOnePing() {
        XCTAssertEqual(frame(Array("\r\n\r\n".utf8).map { [$0] }), [.keepAlivePing])
    }

    func testSingleCRLFBeforeAMessageIsAPong() {
        let stream = Array("\r\n".utf8) + Array(options.utf8)
        XCTAssertEqual(frame([stream]), [.keepAlivePong, .message(Array(options.utf8))])
        XCTAssertEqual(frame(stream.map { [$0] }), [.keepAlivePong, .message(Array(options.utf8))])
    }

    func testLoneCRLFWaitsToTellPongFromPing() {
        var framer = SIPStreamFramer()
        framer.feed(Array("\r\n".utf8))
        XCTAssertNil(framer.next(), "a lone CRLF may be the first half of a ping")
        framer.feed(Array("\r".utf8))
        XCTAssertNil(framer.next())
        framer.feed(Array("\n".utf8))
        XCTAssertEqual(framer.next(), .keepAlivePing)
        XCTAssertNil(framer.next())
    }

    func testPingThenPongThenMessage() {
        let stream = Array("\r\n\r\n\r\n".utf8) + Array(options.utf8)
        XCTAssertEqual(frame([stream]), [.keepAlivePing, .keepAlivePong, .message(Array(options.utf8))])
    }

    func testContentLengthNameIsCaseInsensitiveWithSpacesBeforeTheColon() {
        let message = Array("MESSAGE sip:a@b SIP/2.0\r\ncontent-LENGTH  :\t 5 \r\n\r\nhello".utf8)
        XCTAssertEqual(frame([message + message]), [.message(message), .message(message)])
    }

    func testRepeatedEqualContentLengthIsTolerated() {
        let message = Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\nl: 2\r\n\r\nhi".utf8)
        XCTAssertEqual(frame([message]), [.message(message)])
    }

    func testHeadersThatOnlyContainContentLengthAreNotMistakenForIt() {
        let message = Array("MESSAGE sip:a@b SIP/2.0\r\nX-Content-Length: 99\r\nContent-Length: 1\r\n\r\nx".utf8)
        XCTAssertEqual(frame([message]), [.message(message)])
    }

    func testMissingContentLengthIsAnError() {
        let message = Array("MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\nhello".utf8)
        XCTAssertEqual(frame([message]), [.error(.missingContentLength)])
    }

    func testNegativeContentLengthIsAnError() {
        let message = Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: -5\r\n\r\nhello".utf8)
        XCTAssertEqual(frame([message]), [.error(.invalidContentLength("-5"))])
    }

    func testNonNumericOrEmptyContentLengthIsAnError() {
        XCTAssertEqual(
            frame([Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5x\r\n\r\n".utf8)]),
            [.error(.invalidContentLength("5x"))]
        )
        XCTAssertEqual(
            frame([Array("MESSAGE sip:a@b SIP/2.0\r\nl:\r\n\r\n".utf8)]),
            [.error(.invalidContentLength(""))]
        )
    }

    func testConflictingContentLengthIsAnError() {
        let message = Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5\r\nl: 7\r\n\r\nhello".utf8)
        XCTAssertEqual(frame([message]), [.error(.conflictingContentLength([5, 7]))])
    }

    func testFramerIsDeadAfterAnError() {
        var framer = SIPStreamFramer()
        framer.feed(Array("MESSAGE sip:a@b SIP/2.0\r\n\r\n".utf8))
        XCTAssertEqual(framer.next(), .error(.missingContentLength))
        XCTAssertTrue(framer.hasFailed)
        framer.feed(Array(options.utf8))
        XCTAssertNil(framer.next(), "a desynchronised stream must not yield further messages")
        XCTAssertEqual(framer.bufferedByteCount, 0)
    }

    func testAnnouncedBodyBeyondTheMessageLimitIsRefusedBeforeItArrives() {
        let head = Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 70000\r\n\r\n".utf8)
        XCTAssertEqual(frame([head]), [.error(.messageTooLarge(size: head.count + 70_000, limit: 65_536))])
    }

    func testMessageExactlyAtTheLimitIsAcceptedAndOneMoreByteIsNot() {
        let limits = SIPStreamFramer.Limits(maxHeaderSectionSize: 1024, maxMessageSize: 100)
        // Two-digit lengths keep the header section the same size for both messages.
        func message(bodyLength: Int) -> [UInt8] {
            Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: \(bodyLength)\r\n\r\n".utf8)
                + [UInt8](repeating: 0x61, count: bodyLength)
        }
        let headLength = message(bodyLength: 10).count - 10
        let atLimit = message(bodyLength: 100 - headLength)
        XCTAssertEqual(atLimit.count, 100)
        XCTAssertEqual(frame([atLimit], limits: limits), [.message(atLimit)])
        XCTAssertEqual(
            frame([message(bodyLength: 101 - headLength)], limits: limits),
            [.error(.messageTooLarge(size: 101, limit: 100))]
        )
    }

    func testEndlessHeaderSectionIsAnError() {
        let limits = SIPStreamFramer.Limits(maxHeaderSectionSize: 256, maxMessageSize: 65_536)
        let start = Array("MESSAGE sip:a@b SIP/2.0\r\n".utf8)
        let filler = Array("X-Filler: aaaaaaaaaaaaaaaaaaaa\r\n".utf8)
        var events: [SIPStreamFramer.Event] = []
        var framer = SIPStreamFramer(limits: limits)
        framer.feed(start)
        for _ in 0..<20 {
            framer.feed(filler)
            events += drain(&framer)
        }
        XCTAssertEqual(events, [.error(.headerSectionTooLarge(limit: 256))])
    }

    func testTerminatorStraddlingChunksIsFound() {
        let bytes = Array(options.utf8)
        for tail in 1...4 {
            let events = frame([Array(bytes.dropLast(tail)), Array(bytes.suffix(tail))])
            XCTAssertEqual(events, [.message(bytes)], "terminator split \(tail) bytes from the end")
        }
    }

    func testLongStreamOfSmallMessagesKeepsBufferBounded() {
        var framer = SIPStreamFramer()
        let message = Array(options.utf8)
        var count = 0
        for _ in 0..<2_000 {
            framer.feed(message)
            while case .message? = framer.next() { count += 1 }
        }
        XCTAssertEqual(count, 2_000)
        XCTAssertEqual(framer.bufferedByteCount, 0)
    }

    func testOddSizedChunksAcrossManyMessagesFrameEveryMessage() {
        // Chunks that never line up with message boundaries keep a partial message buffered while the framer drops the
        // consumed bytes in front of it.
        let one = inviteWithAwkwardBody + Array(options.utf8)
        let stream = Array([[UInt8]](repeating: one, count: 300).joined())
        let chunks = stride(from: 0, to: stream.count, by: 997).map { Array(stream[$0..<min($0 + 997, stream.count)]) }
        let events = frame(chunks)
        XCTAssertEqual(events.count, 600)
        XCTAssertEqual(events.first, .message(inviteWithAwkwardBody))
        XCTAssertEqual(events.last, .message(Array(options.utf8)))
        XCTAssertTrue(events.enumerated().allSatisfy { index, event in
            event == .message(index.isMultiple(of: 2) ? inviteWithAwkwardBody : Array(options.utf8))
        })
    }
}
