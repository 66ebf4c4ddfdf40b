import XCTest
@testable import SIPServices

/// RFC 7616 §3.4 header parsing, including the awkward corners of RFC 3261 §25.1 quoted strings.
final class DigestCredentialsTests: XCTestCase {
    func testParsesTheRFC7616Example() throws {
        // RFC 7616 §3.9.1, with its line folding already unfolded by the message parser (leaving the LWS).
        let value = """
            Digest username="Mufasa",   realm="http-auth@example.org",   uri="/dir/index.html", \
            algorithm=SHA-256,   nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",   nc=00000001, \
            cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",   qop=auth, \
            response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", \
            opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """
        let credentials = try DigestCredentials(parsing: value)
        XCTAssertEqual(credentials.username, "Mufasa")
        XCTAssertEqual(credentials.realm, "http-auth@example.org")
        XCTAssertEqual(credentials.uri, "/dir/index.html")
        XCTAssertEqual(credentials.algorithm, "SHA-256")
        XCTAssertEqual(credentials.nonce, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v")
        XCTAssertEqual(credentials.nonceCountText, "00000001")
        XCTAssertEqual(credentials.nonceCount, 1)
        XCTAssertEqual(credentials.cnonce, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        XCTAssertEqual(credentials.qop, "auth")
        XCTAssertEqual(credentials.response, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
        XCTAssertEqual(credentials.opaque, "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
        XCTAssertFalse(credentials.userhash)
    }

    func testQuotedStringsKeepCommasAndEqualsAndUnescapeBackslashes() throws {
        let value = #"Digest username="a\"b\\c, d=e", realm="huiyi.local", nonce="n", uri="sip:huiyi.local", response="r""#
        let credentials = try DigestCredentials(parsing: value)
        XCTAssertEqual(credentials.username, #"a"b\c, d=e"#)
        XCTAssertEqual(credentials.realm, "huiyi.local")
    }

    func testSchemeAndParameterNamesAreCaseInsensitiveAndWhitespaceMayAppearAroundEquals() throws {
        let value = "dIgEsT  USERNAME = \"bob\" ,REALM=\t\"huiyi.local\",Nonce=\"n\",URI=\"sip:huiyi.local\",Response=\"r\""
        let credentials = try DigestCredentials(parsing: value)
        XCTAssertEqual(credentials.username, "bob")
        XCTAssertEqual(credentials.uri, "sip:huiyi.local")
    }

    func testUnknownParametersAndEmptyListElementsAreIgnored() throws {
        let value = #"Digest username="bob",, realm="huiyi.local", x-vendor="thing, with comma", nonce="n", "#
            + #"uri="sip:huiyi.local", response="r", "#
        XCTAssertEqual(try DigestCredentials(parsing: value).username, "bob")
    }

    func testAlgorithmIsAbsentWhenNotSent() throws {
        let value = #"Digest username="bob", realm="r", nonce="n", uri="sip:r", response="x""#
        let credentials = try DigestCredentials(parsing: value)
        XCTAssertNil(credentials.algorithm)
        XCTAssertNil(credentials.qop)
        XCTAssertNil(credentials.nonceCount)
    }

    func testAnotherSchemeIsUnsupportedNotMalformed() {
        // RFC 4475 §3.1.2.9 (regaut01): an unknown scheme must lead to a challenge, not to a 400.
        XCTAssertThrowsError(try DigestCredentials(parsing: "NoOneKnowsThisScheme opaque-data=here")) { error in
            XCTAssertEqual(error as? DigestCredentialsError, .unsupportedScheme("NoOneKnowsThisScheme"))
        }
        XCTAssertThrowsError(try DigestCredentials(parsing: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")) { error in
            XCTAssertEqual(error as? DigestCredentialsError, .unsupportedScheme("Basic"))
        }
    }

    func testErrorsNameWhatIsWrong() {
        func error(_ value: String) -> DigestCredentialsError? {
            do { _ = try DigestCredentials(parsing: value); return nil } catch { return error }
        }
        XCTAssertEqual(error("   "), .empty)
        XCTAssertEqual(
            error(#"Digest username="bob", realm="r", nonce="n", uri="sip:r""#), .missingParameter("response")
        )
        XCTAssertEqual(
            error(#"Digest username="bob", username="eve", realm="r", nonce="n", uri="sip:r", response="x""#),
            .duplicateParameter("username")
        )
        XCTAssertEqual(
            error(#"Digest username="bob", realm="r", nonce="n", uri="sip:r", response="x", qop=auth, nc=00000001"#),
            .missingParameter("cnonce")
        )
        XCTAssertEqual(
            error(#"Digest username="bob", realm="r", nonce="n", uri="sip:r", response="x", qop=auth, nc=1, cnonce="c""#),
            .invalidNonceCount("1")
        )
        guard case .malformed = error(#"Digest username="bob, realm="r""#) else {
            return XCTFail("an unterminated quoted-string must be malformed")
        }
        guard case .malformed = error(#"Digest username "bob""#) else {
            return XCTFail("a parameter without '=' must be malformed")
        }
        guard case .malformed = error(#"Digest username="bob" realm="r""#) else {
            return XCTFail("parameters without a separating comma must be malformed")
        }
    }

    func testExtendedUsernameIsPercentDecodedUTF8() throws {
        // RFC 7616 §3.9.2 uses username*=UTF-8''J%C3%A4s%C3%B8n%20Doe.
        let value = #"Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm="r", nonce="n", uri="sip:r", response="x""#
        XCTAssertEqual(try DigestCredentials(parsing: value).username, "Jäsøn Doe")
    }

    func testErrorDescriptionsSayWhatToSend() {
        XCTAssertTrue(DigestCredentialsError.unsupportedScheme("Basic").description.contains("use Digest"))
        XCTAssertTrue(DigestCredentialsError.missingParameter("nonce").description.contains("'nonce'"))
    }
}
