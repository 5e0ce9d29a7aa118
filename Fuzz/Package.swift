// swift-tools-version: 6.2
// The fuzz targets of NTP Planner (docs/limits.md, "Fuzzing"): one libFuzzer executable whose target
// NTP_FUZZ_TARGET chooses (scenario, status, data, model, plan), over the readers in NTPFuzzing.
// Built only by scripts/fuzz, with the Swift toolchain's libFuzzer and AddressSanitizer
// (-sanitize=fuzzer,address), into .build-fuzz, so that the normal build is not touched.
import Foundation
import PackageDescription

// SwiftPM names a package given by path after its folder: the repository's, whatever it is called.
let repository = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "NTPFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "ntp-fuzz",
            dependencies: [.product(name: "NTPFuzzing", package: repository)]
        )
    ],
    swiftLanguageModes: [.v6]
)
