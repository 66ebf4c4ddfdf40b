/// The server's metrics: swift-metrics in the code, a Prometheus registry behind it (swift-prometheus), rendered by
/// `GET /metrics`. The metrics system can be bootstrapped once per process, so it is done here once, lazily, whatever
/// number of servers a process runs (tests run several).
import Metrics
import Prometheus

enum HuiyiMetrics {
    /// The registry `/metrics` renders.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Mixer tick lateness is measured in microseconds to milliseconds: finer buckets than the default.
        factory.durationHistogramBuckets["huiyi_mixer_tick_lateness_seconds"] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50), .milliseconds(100),
        ]
        factory.valueHistogramBuckets["huiyi_call_jitter_ms"] = [1, 2, 5, 10, 20, 30, 50, 100]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Makes sure the backend is in place before the first metric is created.
    static func bootstrap() { _ = registry }

    /// The Prometheus text exposition.
    static func render() -> String { registry.emitToString() }
}

/// SIP messages by method and status class, counted as they pass the signalling loop.
struct SIPMessageMetrics {
    enum Direction: String {
        case inbound = "in"
        case outbound = "out"
    }

    /// Counters by status code and direction (`code << 1 | outbound`).
    private var responses: [Int: Metrics.Counter] = [:]
    /// Counters by an FNV-1a hash of the method's bytes and the direction; the method is kept to tell a collision.
    private var requests: [UInt64: (method: [UInt8], counter: Metrics.Counter)] = [:]

    /// Counts one message; its first line says what it is. Nothing is allocated once a method or code was seen:
    /// this runs for every SIP message.
    mutating func count(_ bytes: [UInt8], direction: Direction) {
        guard bytes.count > 12 else { return }
        let outbound = direction == .outbound
        if bytes.starts(with: Self.version) {
            var code = 0
            for byte in bytes[8..<11] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return }
                code = code * 10 + Int(byte - UInt8(ascii: "0"))
            }
            let key = code << 1 | (outbound ? 1 : 0)
            if let counter = responses[key] { return counter.increment() }
            let counter = Metrics.Counter(label: "huiyi_sip_responses_total",
                                          dimensions: [("code", String(code)), ("direction", direction.rawValue)])
            responses[key] = counter
            counter.increment()
        } else {
            guard let space = bytes.prefix(20).firstIndex(of: UInt8(ascii: " ")) else { return }
            let method = bytes[..<space]
            var key: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (outbound ? 1 : 0)
            for byte in method { key = (key ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            if let entry = requests[key], entry.method.elementsEqual(method) { return entry.counter.increment() }
            let counter = Metrics.Counter(
                label: "huiyi_sip_requests_total",
                dimensions: [("method", String(decoding: method, as: UTF8.self)), ("direction", direction.rawValue)])
            requests[key] = (Array(method), counter)
            counter.increment()
        }
    }

    private static let version = Array("SIP/2.0 ".utf8)
}
