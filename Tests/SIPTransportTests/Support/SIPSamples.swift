/// Messages from RFC 3261's examples, shortened, for transport tests that only care about bytes and framing.
enum SIPSamples {
    static func options(callID: String = "a84b4c76e66710", transport: String = "TCP") -> String {
        """
        OPTIONS sip:carol@chicago.com SIP/2.0\r
        Via: SIP/2.0/\(transport) pc33.atlanta.com;branch=z9hG4bKhjhs8ass877\r
        Max-Forwards: 70\r
        To: <sip:carol@chicago.com>\r
        From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
        Call-ID: \(callID)\r
        CSeq: 63104 OPTIONS\r
        Content-Length: 0\r
        \r

        """
    }

    static func okResponse(callID: String = "a84b4c76e66710") -> String {
        """
        SIP/2.0 200 OK\r
        Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877\r
        To: <sip:carol@chicago.com>;tag=93810874\r
        From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
        Call-ID: \(callID)\r
        CSeq: 63104 OPTIONS\r
        Content-Length: 5\r
        \r
        hello
        """
    }
}
