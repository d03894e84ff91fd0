// swift-tools-version:6.1
// Layers import one way (see ARCHITECTURE.md):
//   CICU (C shim over libicu) ← NewsText ← … ← news-index, news-search
import PackageDescription

/// Release builds of the index and query layers skip the runtime exclusivity checks:
/// their cursors are classes walked in tight loops, where the checks cost more than
/// the work. Debug builds (and so the tests) keep every check.
let hotLoops: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))]
/// The lower layers' small functions (varints, bit packing, character lookups) are
/// called from the layers above in their hottest loops: release builds export
/// their bodies so the callers can specialize and inline them.
let exported: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "NewsSearch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "news-index", targets: ["news-index"]),
        .executable(name: "news-search", targets: ["news-search"]),
        .library(name: "NewsText", targets: ["NewsText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The HTTP server of `news-search serve` (SwiftNIO underneath); no traits: the service
        // reads no configuration files and needs none of Foundation's form coding.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // libicu through pkg-config; only the C shim sees its headers.
        .systemLibrary(
            name: "CICUSystem",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]
        ),
        // ICU renames its C API with version macros (ubrk_open → ubrk_open_72) that
        // Swift cannot import; this shim re-exports the few calls we need as plain C.
        .target(name: "CICU", dependencies: ["CICUSystem"]),
        // The analyzer's tables as constant data in the binary (written by scripts/gen_tables.sh).
        .target(name: "CBuiltinTables"),
        .target(name: "NewsText", dependencies: ["CICU", "CBuiltinTables"], swiftSettings: exported),
        .target(name: "NewsCatalog", dependencies: ["NewsText"]),
        // libxml2 through pkg-config: the HTML parser for web pages, the XML parser for feeds.
        .systemLibrary(
            name: "CLibXML2System",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libxml2's headers include ICU's, which clash with Foundation's copy of ICU when
        // Swift imports them; this shim shows Swift opaque pointers and plain C calls only.
        .target(name: "CXML", dependencies: ["CLibXML2System"]),
        .target(name: "NewsIngest", dependencies: ["NewsText", "NewsCatalog", "CXML"]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Byte-level building blocks (varints, bit packing, CRC, headers, memory maps); knows no articles.
        // zlib's CRC-32 with carry-less multiplication where the CPU has it.
        .target(name: "CCRC", dependencies: ["CZlib"]),
        .target(name: "IndexFormat", dependencies: ["CZlib", "CCRC"], swiftSettings: exported),
        .target(name: "NewsIndex", dependencies: ["IndexFormat", "NewsText", "NewsCatalog", "NewsIngest"], exclude: ["FORMAT.md"],
                swiftSettings: hotLoops),
        .target(name: "NewsSearch", dependencies: ["NewsIndex", "NewsText", "NewsCatalog", "NewsIngest"], swiftSettings: hotLoops),
        // The search service: HTTP routes over the NewsSearch API, the index holder that follows
        // new commits, limits, the OpenAPI document and the web page (resources in the binary).
        .target(name: "NewsService", dependencies: ["NewsCLI", "NewsSearch", "NewsIndex", "NewsText", "NewsCatalog", "NewsIngest",
                                                   .product(name: "Hummingbird", package: "hummingbird"),
                                                   .product(name: "HummingbirdCore", package: "hummingbird"),
                                                   .product(name: "HTTPTypes", package: "swift-http-types")],
                exclude: ["Assets"]),
        // What the two tools share: usage exit codes, JSON strings.
        .target(name: "NewsCLI", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "news-index",
            dependencies: [
                "NewsCLI",
                "NewsText",
                "NewsIngest",
                "NewsIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "news-search",
            dependencies: [
                "NewsCLI",
                "NewsText",
                "NewsCatalog",
                "NewsIngest",
                "NewsIndex",
                "NewsSearch",
                "NewsService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // In-process measurements for scripts/bench.sh; not a product.
        .executableTarget(name: "news-bench", dependencies: ["NewsText", "NewsCatalog", "NewsIngest"]),
        // Helpers shared by the test targets: ../shared/data lookup, seeded randomness.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NewsTextTests", dependencies: ["NewsText", "TestSupport"]),
        .testTarget(name: "NewsCatalogTests", dependencies: ["NewsCatalog", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NewsIngestTests", dependencies: ["NewsIngest", "TestSupport"]),
        .testTarget(name: "NewsIndexTests", dependencies: ["NewsIndex", "IndexFormat", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NewsSearchTests", dependencies: ["NewsSearch", "NewsIndex", "IndexFormat", "TestSupport"]),
        .testTarget(name: "NewsServiceTests", dependencies: ["NewsService", "NewsSearch", "NewsIndex", "NewsIngest", "TestSupport"]),
    ]
)
