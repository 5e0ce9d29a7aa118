// swift-tools-version: 6.2
// NTP Planner: capital allocation across communes and New Rural Development criteria.
//
// Layers, bottom up (see README.md, "Code layout"):
//   CNTPFiles    small C layer: exchanging two paths in one step (renameat2, RENAME_SWAP)
//   NTPFiles     reading what the product is given and writing what it makes, safely: regular files
//                only, within size limits; atomic file and folder replacement; leftovers cleaned up
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
//   NTPStore     the plan store: scenarios as content and their versions, plans with the inputs they
//                were made from, runs, users and sessions, in SQLite (GRDB) with migrations
//   NTPWorkbench the local web application over the same workflow: pages, the /api, background runs,
//                accounts, sessions and CSRF (Hummingbird, Mustache templates embedded as strings)
//   ntp          the command-line interface: argument parsing, progress, exit codes (thin)
import PackageDescription

let package = Package(
    name: "NTPPlanner",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ntp", targets: ["ntp"]),
        .library(name: "NTPFiles", targets: ["NTPFiles"]),
        .library(name: "GLPKSwift", targets: ["GLPKSwift"]),
        .library(name: "NTPDomain", targets: ["NTPDomain"]),
        .library(name: "NTPData", targets: ["NTPData"]),
        .library(name: "NTPOptimization", targets: ["NTPOptimization"]),
        .library(name: "NTPPlanning", targets: ["NTPPlanning"]),
        .library(name: "NTPReports", targets: ["NTPReports"]),
        .library(name: "XLSXSwift", targets: ["XLSXSwift"]),
        .library(name: "NTPWorkbooks", targets: ["NTPWorkbooks"]),
        // For the fuzz package (Fuzz/, scripts/fuzz) only: the readers the fuzzers attack.
        .library(name: "NTPFuzzing", targets: ["NTPFuzzing"]),
        .library(name: "NTPStore", targets: ["NTPStore"]),
        .library(name: "NTPWorkbench", targets: ["NTPWorkbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // SHA-256 digests of the data and scenarios a plan is made from (and of the workbench's
        // session tokens).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // XLSXSwift's reader inflates the parts of a workbook with it; the workbench zips a CSV export
        // into one download.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The workbench: HTTP server (no default traits: swift-configuration is not needed), bcrypt for
        // passwords, server-side templates, multipart uploads, and the plan store in SQLite.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "CNTPFiles"),
        .target(name: "NTPFiles", dependencies: ["CNTPFiles"]),
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
            dependencies: ["CGLPK", "CGLPKShim", "NTPFiles"]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "XLSXSwift",
            dependencies: ["CXlsxWriter", "NTPFiles", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(name: "NTPDomain"),
        .target(name: "NTPText", dependencies: ["NTPDomain", "NTPFiles"]),
        .target(
            name: "NTPOptimization",
            dependencies: ["NTPDomain", "GLPKSwift"]
        ),
        .target(
            name: "NTPData",
            dependencies: [
                "NTPDomain", "NTPFiles", "NTPText",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "NTPPlanning",
            dependencies: ["GLPKSwift", "NTPDomain", "NTPText", "NTPData", "NTPFiles", "NTPOptimization"]
        ),
        .target(
            name: "NTPReports",
            dependencies: [
                "NTPDomain", "NTPText", "NTPData", "NTPFiles", "NTPOptimization", "NTPPlanning", "XLSXSwift",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "NTPWorkbooks",
            dependencies: ["NTPDomain", "NTPText", "NTPData", "NTPFiles", "XLSXSwift"]
        ),
        .target(
            name: "NTPStore",
            dependencies: [
                "NTPData", "NTPDomain", "NTPFiles", "NTPPlanning", "NTPText",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "NTPWorkbench",
            dependencies: [
                "GLPKSwift", "NTPDomain", "NTPData", "NTPFiles", "NTPText", "NTPOptimization", "NTPPlanning", "NTPReports", "NTPWorkbooks", "NTPStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "ntp",
            dependencies: [
                "NTPStore",
                "NTPWorkbench",
                "GLPKSwift",
                "NTPDomain",
                "NTPData",
                "NTPFiles",
                "NTPOptimization",
                "NTPText",
                "NTPPlanning",
                "NTPReports",
                "NTPWorkbooks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NTPFilesTests", dependencies: ["NTPFiles"]),
        .testTarget(
            name: "GLPKSwiftTests",
            dependencies: [
                "GLPKSwift", "NTPFiles",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "NTPTextTests",
            dependencies: ["NTPText", "NTPDomain", "NTPTestSupport"]
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
        // What the tests share: `ntp generate`'s province as an optimizer instance, the small
        // builders of hand-made instances, and the check that a message is wholly in one language.
        .target(
            name: "NTPTestSupport",
            dependencies: ["NTPData", "NTPDomain", "NTPOptimization", "NTPText"],
            path: "Tests/Support/NTPTestSupport"
        ),
        .testTarget(
            name: "NTPDataTests",
            dependencies: ["NTPData", "NTPDomain", "NTPTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "XLSXSwiftTests",
            dependencies: [
                "XLSXSwift", "NTPFiles",
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
                "NTPWorkbooks", "NTPData", "NTPDomain", "NTPOptimization", "NTPPlanning", "NTPReports", "NTPTestSupport", "NTPText", "XLSXSwift",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The fuzz targets' readers (docs/limits.md): shared by the fuzz package and the replay of its
        // findings in ntpTests.
        .target(
            name: "NTPFuzzing",
            dependencies: ["GLPKSwift", "NTPData", "NTPDomain", "NTPFiles", "NTPOptimization", "NTPPlanning", "NTPReports", "NTPWorkbooks", "XLSXSwift"],
            path: "Tests/Support/NTPFuzzing"
        ),
        .testTarget(
            name: "NTPStoreTests",
            dependencies: ["NTPStore", "NTPPlanning", "NTPData", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "NTPWorkbenchTests",
            dependencies: [
                "NTPWorkbench", "NTPStore", "NTPPlanning", "NTPReports", "NTPText", "NTPData", "NTPFiles", "NTPWorkbooks", "XLSXSwift", "NTPTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "ntpTests",
            dependencies: [
                "ntp", "NTPFiles", "NTPFuzzing", "NTPPlanning", "NTPReports", "NTPText", "XLSXSwift",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures", "Golden", "FuzzRegressions"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
