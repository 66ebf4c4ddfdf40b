// swift-tools-version:6.1
// Huiyi — SIP video-conference signalling and media server.
// Layering (see docs/ARCHITECTURE.md): tier 0 protocol cores are pure (sans-IO);
// tier 1 services are pure; tier 3 adapters own sockets, files and C libraries;
// tier 4 composes; tier 5 is the one executable.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Huiyi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "huiyi", targets: ["huiyi"]),
        // The pure cores as libraries, for the benchmark package under Tools/bench/swift.
        .library(name: "SIP", targets: ["SIP"]),
        .library(name: "SIPServices", targets: ["SIPServices"]),
        .library(name: "OpusCodec", targets: ["OpusCodec", "Mixing"]),
        .library(name: "SRTP", targets: ["SRTP"]),
        .library(name: "RTP", targets: ["RTP"]),
        .library(name: "FFmpegCodecs", targets: ["FFmpegCodecs", "Mixing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // tier 0 — protocol: SIP messages, parser, serializer, framing, transactions (pure).
        .target(name: "SIP", swiftSettings: strict),
        // tier 0 — protocol: RTP/RTCP packets, payload formats, jitter buffer (pure).
        .target(name: "RTP", swiftSettings: strict),
        // tier 0 — protocol: SDP and its attributes, SDES crypto keys (RFC 4568) (pure).
        .target(name: "SDP", swiftSettings: strict),
        // tier 0 — mixing core: audio and video frames, codec protocols, G.711, mixing and layout maths (pure).
        .target(name: "Mixing", swiftSettings: strict),
        // tier 1 — services: registrar, digest authentication (pure; clock and secrets injected).
        .target(
            name: "SIPServices",
            dependencies: ["SIP", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // tier 1 — services: rooms, participants, PIN entry, admission policy (pure).
        .target(name: "Conference", dependencies: ["Mixing", "SDP"], swiftSettings: strict),
        // tier 2 — C wrappers: one C library, one system-library target, one Swift wrapper.
        .systemLibrary(name: "CSRTP", pkgConfig: "libsrtp2", providers: [.apt(["libsrtp2-dev"])]),
        .target(name: "SRTP", dependencies: ["CSRTP", "RTP", "SDP"], swiftSettings: strict),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .target(name: "OpusCodec", dependencies: ["COpus", "Mixing"], swiftSettings: strict),
        .systemLibrary(
            name: "CFFmpeg", pkgConfig: "libavcodec",
            providers: [.apt(["libavcodec-dev", "libavutil-dev", "libswscale-dev", "libswresample-dev"])]
        ),
        .target(name: "FFmpegCodecs", dependencies: ["CFFmpeg", "Mixing"], swiftSettings: strict),
        // tier 3 — adapters.
        .target(
            name: "SIPTransport",
            dependencies: [
                "SIP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MediaTransport",
            dependencies: [
                "RTP", "SDP", "SRTP", "Mixing", "OpusCodec", "FFmpegCodecs",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AdminAPI",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Store",
            dependencies: ["SIPServices", "Conference", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // tier 4 — composition: config, wiring, lifecycle.
        .target(
            name: "HuiyiServer",
            dependencies: [
                "SIP", "SIPServices", "SIPTransport", "Store", "Conference", "MediaTransport", "SDP", "Mixing", "AdminAPI",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        // tier 5 — the one executable: `huiyi serve` and the operator commands.
        .executableTarget(
            name: "huiyi",
            dependencies: [
                "HuiyiServer", "Store", "SIPServices", "AdminAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "SIPTests", dependencies: ["SIP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SIPServicesTests", dependencies: ["SIPServices", "SIP"]),
        .testTarget(name: "RTPTests", dependencies: ["RTP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SDPTests", dependencies: ["SDP"]),
        .testTarget(name: "ConferenceTests", dependencies: ["Conference", "Mixing", "SDP"]),
        .testTarget(name: "MixingTests", dependencies: ["Mixing"]),
        .testTarget(name: "OpusCodecTests", dependencies: ["OpusCodec", "Mixing", "RTP"]),
        .testTarget(name: "FFmpegCodecsTests", dependencies: ["FFmpegCodecs", "Mixing", "RTP", "OpusCodec"]),
        .testTarget(name: "SRTPTests", dependencies: ["SRTP", "RTP", "SDP"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SIPTransportTests",
            dependencies: [
                "SIPTransport", "SIP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SIPServices", "Conference"]),
        .testTarget(
            name: "MediaTransportTests",
            dependencies: [
                "MediaTransport", "RTP", "SDP", "SRTP", "Mixing", "OpusCodec",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "HuiyiServerTests",
            dependencies: [
                "HuiyiServer", "SIP", "SIPServices", "SIPTransport", "Store",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
