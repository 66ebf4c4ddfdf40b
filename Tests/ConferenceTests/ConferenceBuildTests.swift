import Testing
@testable import Conference

@Suite struct ConferenceBuildTests {
    @Test func targetBuilds() { #expect(Bool(true)) }
}
