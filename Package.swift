// swift-tools-version: 6.2
// NTP Planner: capital allocation across communes and New Rural Development criteria.
//
// Layers, bottom up (see README.md, "Code layout"):
//   CGLPK        system library: GLPK's C API (Debian libglpk-dev)
//   CGLPKShim    small C layer: every GLPK call that can fail runs under a setjmp guard
//   GLPKSwift    safe Swift API over GLPK: validated problems, LP/MILP solves, model files
//   NTPDomain    the planning domain (filled by later issues)
//   ntp          the command-line interface (thin)
import PackageDescription

let package = Package(
    name: "NTPPlanner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ntp", targets: ["ntp"]),
        .library(name: "GLPKSwift", targets: ["GLPKSwift"]),
        .library(name: "NTPDomain", targets: ["NTPDomain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(
            name: "CGLPKShim",
            dependencies: ["CGLPK"],
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        .target(
            name: "GLPKSwift",
            dependencies: ["CGLPK", "CGLPKShim"]
        ),
        .target(name: "NTPDomain"),
        .executableTarget(
            name: "ntp",
            dependencies: [
                "GLPKSwift",
                "NTPDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "GLPKSwiftTests",
            dependencies: [
                "GLPKSwift",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ntpTests",
            dependencies: ["ntp"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
