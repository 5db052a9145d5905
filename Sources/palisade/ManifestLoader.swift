import ArgumentParser
import Authz
import Engine
import Foundation
import Models
import YAMLTree

/// Loads manifests for the authorization commands (`who-can`, `can-i`, `rbac report`) the way `check` reads
/// them: the same file discovery, the same YAML reader and decoder, ABAC policy files recognised by content or a
/// `.jsonl` extension. Problems that `check` would report (syntax errors, unreadable files, broken ABAC lines)
/// are summarised on standard error; what could be read is used.
enum ManifestLoader {
    struct Loaded {
        var set: ResourceSet
        /// Files that could not be read or parsed completely.
        var problems: [String]
    }

    /// - Throws: a usage error (exit 2) for a path that does not exist.
    static func load(_ paths: [String], limits: ParseLimits = .default) throws -> Loaded {
        let inputs: [SourceInput]
        do {
            inputs = try InputDiscovery.inputs(for: paths.isEmpty ? ["."] : paths)
        } catch {
            throw failUsage(error.message)
        }
        var resources: [Resource] = []
        var abac: [ABACPolicy] = []
        var problems: [String] = []
        for input in inputs {
            let bytes: [UInt8]
            switch input.read(maxBytes: limits.maxFileBytes) {
            case .failure(let error):
                problems.append("\(input.name): \(error.message)")
                continue
            case .success(let b):
                bytes = b
            }
            if input.name.hasSuffix(".jsonl") || ABACPolicyFile.looksLikeABAC(bytes: bytes) {
                let parsed = ABACPolicyFile.parse(bytes: bytes, file: input.name)
                abac += parsed.policies
                if let first = parsed.diagnostics.first(where: { $0.severity == .error }) {
                    problems.append("\(first.origin): \(first.message)")
                }
                continue
            }
            let stream = YAMLParser.parse(bytes, file: input.name, limits: limits)
            if let first = stream.diagnostics.first {
                problems.append("\(input.name):\(first.position): \(first.message)")
            }
            for document in stream.documents {
                resources += ResourceDecoder.resources(in: document).resources
            }
        }
        return Loaded(set: ResourceSet(resources: resources, abacPolicies: abac), problems: problems)
    }

    /// Loads and warns on standard error about what could not be read.
    static func loadReporting(_ paths: [String]) throws -> ResourceSet {
        let loaded = try load(paths)
        if !loaded.problems.isEmpty {
            var text = "palisade: warning: \(loaded.problems.count) file(s) have problems; what could be read is used (run 'palisade check' for details):\n"
            for problem in loaded.problems.prefix(5) { text += "  \(problem)\n" }
            FileHandle.standardError.write(Data(text.utf8))
        }
        return loaded.set
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Options shared by the authorization commands.
struct AuthzOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text
}
