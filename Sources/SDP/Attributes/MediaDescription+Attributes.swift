/// Typed reading of the attributes a media section carries for RTP (RFC 8866 §6, RFC 3605, RFC 4568, RFC 5761).

extension MediaDescription {
    /// Every well-formed `a=rtpmap`, in order.
    public var rtpMaps: [RTPMap] { values(of: RTPMap.attributeName).compactMap { RTPMap(parsing: $0) } }

    /// The `a=rtpmap` for `payloadType`, if the section has one.
    public func rtpMap(for payloadType: UInt8) -> RTPMap? {
        rtpMaps.first(where: { $0.payloadType == payloadType })
    }

    /// Every well-formed `a=fmtp`, in order.
    public var formatParameters: [FormatParameters] {
        values(of: FormatParameters.attributeName).compactMap { FormatParameters(parsing: $0) }
    }

    /// The `a=fmtp` for `format`, if the section has one.
    public func formatParameters(for format: String) -> FormatParameters? {
        formatParameters.first(where: { $0.format == format })
    }

    /// `a=ptime`, in milliseconds (RFC 8866 §6.4); a fractional value is rounded down, `nil` when absent or invalid.
    public var ptime: Int? { value(of: "ptime").flatMap(Self.milliseconds) }

    /// `a=maxptime`, in milliseconds (RFC 8866 §6.5).
    public var maxptime: Int? { value(of: "maxptime").flatMap(Self.milliseconds) }

    /// `a=rtcp-mux`: RTP and RTCP share one port (RFC 5761 §5.1.1).
    public var rtcpMux: Bool { has("rtcp-mux") }

    /// `a=rtcp`, when present and well-formed (RFC 3605).
    public var rtcp: RTCPAttribute? { value(of: RTCPAttribute.attributeName).flatMap { RTCPAttribute(parsing: $0) } }

    /// The values of the `a=crypto` attributes, as written, for ``CryptoNegotiation`` (RFC 4568 §9.1).
    public var cryptoValues: [String] { values(of: CryptoAttribute.attributeName) }

    private static func milliseconds(_ text: String) -> Int? {
        let whole = text.trimmingSpaces.prefix(while: { $0 != "." })
        guard let value = UInt16(decimal: whole), value > 0 else { return nil }
        return Int(value)
    }
}
