// swift-tools-version: 6.2
// NTP Planner: capital allocation across communes and New Rural Development criteria.
//
// Layers, bottom up (see README.md, "Code layout"):
//   CGLPK        system library: GLPK's C API (Debian libglpk-dev)
//   CGLPKShim    small C layer: every GLPK call that can fail runs under a setjmp guard
//   GLPKSwift    safe Swift API over GLPK: validated problems, LP/MILP solves, model files
//   NTPDomain    the planning domain: programs, sources, criteria, localities, money (no I/O)
//   NTPText      the languages of every output (Vietnamese first, English) and the catalogue of messages
//   NTPData      loading and validating Data/ (CSV, YAML), reconciling stated figures
//   NTPOptimization  the models built on the solver module (allocation, baselines, calibration)
//   CXlsxWriter  system library: libxlsxwriter's C API (Debian libxlsxwriter-dev)
//   XLSXSwift    safe Swift API over libxlsxwriter: a validated workbook value written atomically;
//                and a hardened reader of .xlsx files (ZIPFoundation and Foundation's XML parser)
//   NTPPlanning  the planning workflow: typed settings, scenario + options, instance setup, the plan
//                document, baselines, comparison, sweep (no printing, typed errors)
//   NTPReports   every report and export format: terminal tables, Markdown, JSON, CSV, XLSX, HTML
//   NTPWorkbooks the workbook a department fills in (template) and reading workbooks into scenarios (import)
//   ntp          the command-line interface: argument parsing, progress, exit codes (thin)
import PackageDescription

let package = Package(
    name: "NTPPlanner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ntp", targets: ["ntp"]),
        .library(name: "GLPKSwift", targets: ["GLPKSwift"]),
        .library(name: "NTPDomain", targets: ["NTPDomain"]),
        .library(name: "NTPData", targets: ["NTPData"]),
        .library(name: "NTPOptimization", targets: ["NTPOptimization"]),
        .library(name: "NTPPlanning", targets: ["NTPPlanning"]),
        .library(name: "NTPReports", targets: ["NTPReports"]),
        .library(name: "XLSXSwift", targets: ["XLSXSwift"]),
        .library(name: "NTPWorkbooks", targets: ["NTPWorkbooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // SHA-256 digests of the data and scenarios a plan is made from.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // XLSXSwift's reader inflates the parts of a workbook with it.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "XLSXSwift",
            dependencies: ["CXlsxWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(name: "NTPDomain"),
        .target(name: "NTPText", dependencies: ["NTPDomain"]),
        .target(
            name: "NTPOptimization",
            dependencies: ["NTPDomain", "GLPKSwift"]
        ),
        .target(
            name: "NTPData",
            dependencies: [
                "NTPDomain",
                "NTPText",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "NTPPlanning",
            dependencies: ["GLPKSwift", "NTPDomain", "NTPText", "NTPData", "NTPOptimization"]
        ),
        .target(
            name: "NTPReports",
            dependencies: [
                "NTPDomain", "NTPText", "NTPData", "NTPOptimization", "NTPPlanning", "XLSXSwift",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "NTPWorkbooks",
            dependencies: ["NTPDomain", "NTPText", "NTPData", "XLSXSwift"]
        ),
        .executableTarget(
            name: "ntp",
            dependencies: [
                "GLPKSwift",
                "NTPDomain",
                "NTPData",
                "NTPOptimization",
                "NTPText",
                "NTPPlanning",
                "NTPReports",
                "NTPWorkbooks",
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
            name: "NTPTextTests",
            dependencies: ["NTPText"]
        ),
        .testTarget(
            name: "NTPDomainTests",
            dependencies: [
                "NTPDomain",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "NTPOptimizationTests",
            dependencies: [
                "NTPOptimization", "NTPDomain", "NTPTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // What the tests share: `ntp generate`'s province as an optimizer instance, and the small
        // builders of hand-made instances.
        .target(
            name: "NTPTestSupport",
            dependencies: ["NTPData", "NTPDomain", "NTPOptimization"],
            path: "Tests/Support/NTPTestSupport"
        ),
        .testTarget(
            name: "NTPDataTests",
            dependencies: ["NTPData", "NTPDomain"]
        ),
        .testTarget(
            name: "XLSXSwiftTests",
            dependencies: [
                "XLSXSwift",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "NTPPlanningTests",
            dependencies: ["NTPPlanning", "NTPReports", "NTPOptimization", "NTPData", "NTPDomain", "NTPText", "XLSXSwift"]
        ),
        .testTarget(
            name: "NTPWorkbooksTests",
            dependencies: [
                "NTPWorkbooks", "NTPData", "NTPDomain", "NTPOptimization", "NTPPlanning", "NTPReports", "NTPText", "XLSXSwift",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "ntpTests",
            dependencies: [
                "ntp", "NTPPlanning", "NTPReports", "NTPText", "XLSXSwift",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures", "Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
