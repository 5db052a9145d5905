// swift-tools-version:6.0
import PackageDescription
#if os(Linux)
import Foundation
#endif

/// The executables link mimalloc when the build machine has it (`apt-get install
/// libmimalloc-dev`): a check makes hundreds of thousands of short-lived allocations (libyaml's
/// events, the node tree, findings) and runs about 15% faster with it than with glibc's malloc.
/// Without it nothing changes but speed. `PALISADE_SYSTEM_MALLOC=1` builds without it, to
/// compare (see the README's Performance section).
let allocator: [LinkerSetting] = {
    #if os(Linux)
    let environment = ProcessInfo.processInfo.environment
    guard environment["PALISADE_SYSTEM_MALLOC"] == nil else { return [] }
    let libraryDirectories = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]
    if libraryDirectories.contains(where: { FileManager.default.fileExists(atPath: $0 + "/libmimalloc.so") }) {
        return [.linkedLibrary("mimalloc")]
    }
    #endif
    return []
}()

// Layers point one way:
//   CYAML → YAMLTree → Models → Engine → Rules → Reporters → palisade (CLI)
// KubeFormats (value syntax: quantities, names, cron, credentials), CEL (policy language) and
// Authz (RBAC/ABAC evaluation) depend on nothing of ours above them, so each can be tested and
// fuzzed alone.
let package = Package(
    name: "Palisade",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "palisade", targets: ["palisade"]),
        .library(name: "PalisadeCore", targets: ["YAMLTree", "Models", "Engine", "Rules", "Authz", "CEL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "YAMLTree", dependencies: ["CYAML"]),
        .target(name: "KubeFormats"),
        .target(name: "CEL", dependencies: ["KubeFormats"]),
        .target(name: "Authz"),
        .target(name: "Models", dependencies: ["YAMLTree", "KubeFormats"]),
        .target(name: "Engine", dependencies: ["Models", "YAMLTree", "KubeFormats", "Authz", "CEL"]),
        .target(name: "Rules", dependencies: ["Engine", "Models", "YAMLTree", "KubeFormats", "Authz", "CEL"]),
        // User-written and built-in policies (native CEL policies, ValidatingAdmissionPolicy).
        .target(name: "Policies", dependencies: ["Engine", "Models", "YAMLTree", "CEL", "Authz", "KubeFormats"]),
        // CustomResourceDefinitions: schema validation of custom resources and CRD checks.
        .target(name: "CustomResources", dependencies: ["Engine", "Models", "YAMLTree", "CEL", "Policies", "KubeFormats"]),
        .target(name: "Reporters", dependencies: ["Engine", "Models", "Rules", "Authz", "KubeFormats"]),
        // Every rule Palisade ships (Swift rules, custom-resource rules, built-in policies),
        // shared by the CLI, the benchmark and the golden tests.
        .target(name: "RuleCatalogue", dependencies: ["Engine", "Rules", "Policies", "CustomResources"]),
        .executableTarget(
            name: "palisade",
            dependencies: [
                "YAMLTree", "Models", "Engine", "Rules", "Policies", "CustomResources", "RuleCatalogue", "Reporters", "Authz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: allocator
        ),
        .executableTarget(
            name: "palisade-bench",
            dependencies: ["CYAML", "YAMLTree", "Models", "Engine", "Rules", "CEL", "Policies", "RuleCatalogue", "Reporters"],
            linkerSettings: allocator
        ),

        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree"]),
        .testTarget(name: "KubeFormatsTests", dependencies: ["KubeFormats"]),
        .testTarget(name: "CELTests", dependencies: ["CEL"]),
        .testTarget(name: "AuthzTests", dependencies: ["Authz"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "YAMLTree"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Rules", "Models", "YAMLTree", "RuleCatalogue"]),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "Engine", "Rules", "RuleCatalogue"]),
        .testTarget(name: "CustomResourcesTests", dependencies: ["CustomResources", "Engine", "Rules", "Models", "YAMLTree"]),
        .testTarget(name: "PoliciesTests", dependencies: ["Policies", "Engine", "Rules", "CEL", "Models", "YAMLTree"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)
