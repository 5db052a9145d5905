// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses, kept out of the main build. Build and run through
// `scripts/fuzz.sh TARGET SECONDS`, which passes `-sanitize=fuzzer,address` to every
// module (so the Palisade code under test is coverage-instrumented too) and
// `-parse-as-library` (libFuzzer supplies `main`).
let package = Package(
    name: "PalisadeFuzz",
    dependencies: [
        .package(name: "Palisade", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "fuzz-yaml", dependencies: ["FuzzSupport", .product(name: "PalisadeCore", package: "Palisade")]),
        .executableTarget(name: "fuzz-decode", dependencies: ["FuzzSupport", .product(name: "PalisadeCore", package: "Palisade")]),
        .executableTarget(name: "fuzz-abac", dependencies: ["FuzzSupport", .product(name: "PalisadeCore", package: "Palisade")]),
        .executableTarget(name: "fuzz-cel-parse", dependencies: ["FuzzSupport", .product(name: "PalisadeCore", package: "Palisade")]),
        .executableTarget(name: "fuzz-cel-eval", dependencies: ["FuzzSupport", .product(name: "PalisadeCore", package: "Palisade")]),
    ]
)
