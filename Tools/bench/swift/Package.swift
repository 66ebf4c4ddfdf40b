// swift-tools-version:6.1
// Release-mode micro-benchmarks of Huiyi's protocol cores. A separate package so that the server's build and CI
// never compile it: `swift run -c release --package-path Tools/bench/swift sip-parser-bench`.
import PackageDescription

let package = Package(
    name: "HuiyiBench",
    dependencies: [
        .package(name: "Huiyi", path: "../../.."),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
    ],
    targets: [
        .executableTarget(
            name: "sip-parser-bench",
            dependencies: [
                .product(name: "SIP", package: "Huiyi"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]
        ),
        // libsrtp2 called directly: the baseline srtp-bench measures the SRTP wrapper against.
        .systemLibrary(name: "CLibSRTPBaseline", pkgConfig: "libsrtp2"),
        .executableTarget(
            name: "srtp-bench",
            dependencies: [.product(name: "SRTP", package: "Huiyi"), "CLibSRTPBaseline"]
        ),
        // libopus called directly: the baseline opus-bench measures the OpusCodec wrapper against.
        .systemLibrary(name: "CLibOpusBaseline", pkgConfig: "opus"),
        .executableTarget(
            name: "opus-bench",
            dependencies: [.product(name: "OpusCodec", package: "Huiyi"), "CLibOpusBaseline"]
        ),
        .executableTarget(
            name: "sip-core-bench",
            dependencies: [
                .product(name: "SIP", package: "Huiyi"),
                .product(name: "SIPServices", package: "Huiyi"),
            ]
        ),
        .executableTarget(
            name: "rtp-bench",
            dependencies: [
                .product(name: "RTP", package: "Huiyi"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]
        ),
        // Codec throughput beside the ffmpeg command-line tool doing the same work (run as a child process).
        .executableTarget(
            name: "video-bench",
            dependencies: [.product(name: "FFmpegCodecs", package: "Huiyi")]
        ),
    ]
)
