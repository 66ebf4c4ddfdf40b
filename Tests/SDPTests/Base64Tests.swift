import XCTest
@testable import SDP

/// RFC 4648 §10 test vectors for the strict base 64 used by SDES key-salt.
final class Base64Tests: XCTestCase {
    private let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    func testRFC4648Vectors() throws {
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(try Base64.decode(Substring(encoded).utf8), Array(plain.utf8))
        }
    }

    func testEveryByteValueRoundTrips() throws {
        let bytes = (0...255).map(UInt8.init)
        XCTAssertEqual(try Base64.decode(Substring(Base64.encode(bytes)).utf8), bytes)
    }

    func testRefusesWhitespaceAndMissingPadding() {
        XCTAssertThrowsError(try Base64.decode(Substring("Zm9v YmFy").utf8))
        XCTAssertThrowsError(try Base64.decode(Substring("Zg").utf8))
        XCTAssertThrowsError(try Base64.decode(Substring("Z===").utf8))
        XCTAssertThrowsError(try Base64.decode(Substring("=m9v").utf8))
    }
}
