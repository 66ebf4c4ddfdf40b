import Testing
@testable import MediaTransport

@Suite struct RTPPortAllocatorTests {
    @Test func handsOutEvenPortsInTurnAndReusesReleasedOnesLast() {
        let ports = RTPPortAllocator(range: 40001...40008)
        #expect(ports.range == 40002...40008)
        #expect(ports.reserve() == 40002)
        #expect(ports.reserve() == 40004)
        #expect(ports.reserve() == 40006)
        #expect(ports.reserve() == nil, "40008 has no odd partner for RTCP")
        ports.release(40004)
        #expect(ports.reserve() == 40004)
        #expect(ports.reservedCount == 3)
    }
}
