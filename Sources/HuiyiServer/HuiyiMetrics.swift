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
    private var requests: [String: Metrics.Counter] = [:]
    private var responses: [String: Metrics.Counter] = [:]

    /// Counts one message: `direction` is `in` or `out`; the first line says what it is.
    mutating func count(_ bytes: [UInt8], direction: String) {
        guard bytes.count > 12 else { return }
        if bytes.starts(with: Self.version) {
            let code = String(decoding: bytes[8..<11], as: UTF8.self)
            let key = direction + code
            if responses[key] == nil {
                responses[key] = Metrics.Counter(label: "huiyi_sip_responses_total",
                                         dimensions: [("code", code), ("direction", direction)])
            }
            responses[key]!.increment()
        } else {
            guard let space = bytes.prefix(20).firstIndex(of: UInt8(ascii: " ")) else { return }
            let method = String(decoding: bytes[..<space], as: UTF8.self)
            let key = direction + method
            if requests[key] == nil {
                requests[key] = Metrics.Counter(label: "huiyi_sip_requests_total",
                                        dimensions: [("method", method), ("direction", direction)])
            }
            requests[key]!.increment()
        }
    }

    private static let version = Array("SIP/2.0 ".utf8)
}
