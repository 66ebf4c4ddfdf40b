// swift-tools-version:6.1
// The audio-room load generator: fills rooms of a running `huiyi serve` with SIP participants sending Opus over RTP
// and reports the server's CPU per participant per tick, encoder calls, tick lateness, added latency and memory.
// A separate package so that the server's build and CI never compile it:
// `swift build -c release --package-path Tools/bench/audio-room`, or `Tools/bench/audio-room/run.sh`.
import PackageDescription

let package = Package(
    name: "AudioRoomBench",
    dependencies: [
        .package(name: "Huiyi", path: "../../.."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "audio-room",
            dependencies: [
                .product(name: "SIP", package: "Huiyi"),
                .product(name: "OpusCodec", package: "Huiyi"),
                .product(name: "RTP", package: "Huiyi"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
