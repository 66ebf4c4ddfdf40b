import XCTest
@testable import SIPServices

/// RFC 7616 §3.9.1 and RFC 2617 §3.5 worked examples.
final class DigestAlgorithmTests: XCTestCase {
    // RFC 7616 §3.9.1: user "Mufasa", password "Circle of Life", GET /dir/index.html.
    let realm = "http-auth@example.org"
    let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
    let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"

    func rfc7616Response(_ algorithm: DigestAlgorithm) -> String {
        let ha1 = algorithm.ha1(username: "Mufasa", realm: realm, password: "Circle of Life")
        return algorithm.response(
            ha1: ha1, nonce: nonce, nonceCount: "00000001", cnonce: cnonce, qop: "auth", method: "GET",
            uri: "/dir/index.html"
        )
    }

    func testRFC7616SHA256Example() {
        XCTAssertEqual(rfc7616Response(.sha256), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
    }

    func testRFC7616MD5Example() {
        XCTAssertEqual(rfc7616Response(.md5), "8ca523f5e9506fed4657c9700eebdbec")
    }

    func testRFC2617Example() {
        let ha1 = DigestAlgorithm.md5.ha1(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life")
        let response = DigestAlgorithm.md5.response(
            ha1: ha1, nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", nonceCount: "00000001", cnonce: "0a4f113b",
            qop: "auth", method: "GET", uri: "/dir/index.html"
        )
        XCTAssertEqual(response, "6629fae49393a05397450978507c4ef1")
    }

    func testRFC2069ResponseWithoutQopHashesNonceAndHA2Only() {
        let ha1 = DigestAlgorithm.md5.hash("bob:huiyi.local:secret")
        let ha2 = DigestAlgorithm.md5.hash("REGISTER:sip:huiyi.local")
        let response = DigestAlgorithm.md5.response(
            ha1: ha1, nonce: "abc", nonceCount: nil, cnonce: nil, qop: nil, method: "REGISTER", uri: "sip:huiyi.local"
        )
        XCTAssertEqual(response, DigestAlgorithm.md5.hash("\(ha1):abc:\(ha2)"))
    }

    func testHashesAreLowercaseHexOfTheRightLength() {
        XCTAssertEqual(DigestAlgorithm.md5.hash(""), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(
            DigestAlgorithm.sha256.hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
    }

    func testAlgorithmTokensAreCaseInsensitiveAndSessVariantsAreNotOffered() {
        XCTAssertEqual(DigestAlgorithm(token: "md5"), .md5)
        XCTAssertEqual(DigestAlgorithm(token: "sha-256"), .sha256)
        XCTAssertEqual(DigestAlgorithm(token: "SHA-256"), .sha256)
        XCTAssertNil(DigestAlgorithm(token: "MD5-sess"))
        XCTAssertNil(DigestAlgorithm(token: "SHA-512-256"))
    }
}
