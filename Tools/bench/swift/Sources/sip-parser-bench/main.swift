// Parse + serialize a typical INVITE with SDP, in a loop: nanoseconds and heap allocations per message.
// Run with the malloc interposer preloaded to count allocations (Tools/bench/sip-parser does both).
import Foundation
import MallocInterposerSwift
import SIP

let invite = """
INVITE sip:8000@huiyi.local SIP/2.0\r
Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK776asdhds;rport\r
Max-Forwards: 70\r
To: "City Hall" <sip:8000@huiyi.local>\r
From: "Shunde Room" <sip:shunde@huiyi.local>;tag=1928301774\r
Call-ID: a84b4c76e66710@pc33.huiyi.local\r
CSeq: 314159 INVITE\r
Contact: <sip:shunde@10.1.2.3:5060;transport=udp>\r
Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r
Supported: timer, replaces\r
Session-Expires: 1800;refresher=uac\r
User-Agent: Room System 4.2\r
Content-Type: application/sdp\r
Content-Length: 263\r
\r
v=0\r
o=shunde 2890844526 2890844526 IN IP4 10.1.2.3\r
s=-\r
c=IN IP4 10.1.2.3\r
t=0 0\r
m=audio 49170 RTP/AVP 111 9 0 8 101\r
a=rtpmap:111 opus/48000/2\r
a=rtpmap:9 G722/8000\r
a=rtpmap:101 telephone-event/8000\r
a=fmtp:101 0-15\r
a=ptime:20\r
a=sendrecv\r
m=video 51372 RTP/AVP 96\r
a=rtpmap:96 H264/90000\r

"""
let bytes = Array(invite.utf8)
let parser = SIPMessageParser()
let iterations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200_000

// Check the message once, outside the measured loop.
guard case .request(let checked) = try parser.parse(bytes), checked.serialized().count > 0 else {
    fatalError("benchmark message does not parse")
}

@inline(never) func once() -> Int {
    guard let message = try? parser.parse(bytes) else { return 0 }
    return message.serialized().count
}

for _ in 0..<10_000 { _ = once() } // warm up
MallocInterposerSwift.initialize()
MallocInterposerSwift.hook()
var sink = 0
let start = ContinuousClock.now
for _ in 0..<iterations { sink &+= once() }
let elapsed = ContinuousClock.now - start
MallocInterposerSwift.unhook()
let stats = MallocInterposerSwift.getStatistics()
let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
print(String(format: "parse+serialize INVITE with SDP (%d bytes): %.2f µs/message, %.1f allocations/message, %d iterations (sink %d)",
             bytes.count, ns / Double(iterations) / 1000, Double(stats.mallocCount) / Double(iterations), iterations, sink % 7))
