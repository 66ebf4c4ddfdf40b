/// Writing a session description as text, lines in the order RFC 8866 §5 prescribes, each ended by CRLF (§5).

extension SessionDescription {
    /// The description as SDP text, every line ended by CRLF.
    public var encoded: String {
        var lines = ["v=0", "o=" + origin.encoded, "s=" + sessionName]
        if let information { lines.append("i=" + information) }
        if let uri { lines.append("u=" + uri) }
        lines += emails.map { "e=" + $0 }
        lines += phones.map { "p=" + $0 }
        if let connection { lines.append("c=" + connection.encoded) }
        lines += bandwidths.map { "b=" + $0.encoded }
        for timing in timings.isEmpty ? [Timing()] : timings {
            lines.append("t=" + timing.encoded)
            lines += timing.repeats.map { "r=" + $0 }
        }
        if let timeZones { lines.append("z=" + timeZones) }
        if let encryptionKey { lines.append("k=" + encryptionKey) }
        lines += attributes.map { "a=" + $0.encoded }
        lines += unknownLines.map { "\($0.type)=" + $0.value }
        for section in media {
            lines.append("m=" + section.encoded)
            if let title = section.title { lines.append("i=" + title) }
            lines += section.connections.map { "c=" + $0.encoded }
            lines += section.bandwidths.map { "b=" + $0.encoded }
            if let key = section.encryptionKey { lines.append("k=" + key) }
            lines += section.attributes.map { "a=" + $0.encoded }
            lines += section.unknownLines.map { "\($0.type)=" + $0.value }
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// The description as UTF-8 bytes, ready for a SIP body.
    public var bytes: [UInt8] { Array(encoded.utf8) }
}
