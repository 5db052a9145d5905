import ArgumentParser
import Engine
import Foundation
import Rules
import YAMLTree

/// What to read and which rules to run: shared by `check` and `baseline create`.
struct CheckArguments: ParsableArguments {
    @Argument(help: "Files and directories to check (recursive: .yaml, .yml, .json, .jsonl). '-' reads standard input. Default: the current directory.")
    var paths: [String] = []

    @Option(help: "Enable a rule that is off by default (repeatable, or comma-separated).")
    var enable: [String] = []

    @Option(help: "Disable a rule (repeatable, or comma-separated; 'all' disables every rule not enabled explicitly).")
    var disable: [String] = []

    @Option(help: "Run only these rules (repeatable, or comma-separated).")
    var only: [String] = []

    @Option(help: "Configuration file (default: the nearest .palisade.yaml in this or a parent directory).")
    var config: String?

    @Option(help: ArgumentHelp("Policy file or folder (native palisade.dev/v1 Policy, or ValidatingAdmissionPolicy with bindings); repeatable.", valueName: "path"))
    var policy: [String] = []

    @Option(help: "Kubernetes release the manifests target, e.g. 1.29 (deprecated and removed apiVersions).")
    var kubernetesVersion: String?

    @Flag(help: "Report references to missing objects even where the repository holds no objects of that kind in that namespace.")
    var strictReferences = false

    @Option(help: ArgumentHelp("Directory whose manifests are read to resolve references, without reporting on them (repeatable). Default: the root of the git repository of each named file.", valueName: "dir"))
    var context: [String] = []

    @Flag(help: "Do not read any context beyond the given paths.")
    var noContext = false

    @Option(help: ArgumentHelp("CustomResourceDefinition files or folders to validate custom resources against (repeatable); read like context.", valueName: "path"))
    var crds: [String] = []

    @Option(help: "Name used for standard input ('-') in findings, e.g. the chart or kustomization it came from (default: <stdin>).")
    var stdinFilename: String?

    @Option(name: .shortAndLong, help: "Worker threads (default: the number of cores). Output is identical for any value.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Largest file read, in bytes.")
    var maxFileSize = ParseLimits.default.maxFileBytes
    @Option(help: "Most documents read from one file.")
    var maxDocuments = ParseLimits.default.maxDocuments
    @Option(help: "Deepest nesting of mappings and sequences.")
    var maxDepth = ParseLimits.default.maxDepth
    @Option(help: "Most nodes that YAML aliases may add to one document (default: the configuration's alias-bomb maxAliasExpansion, else \(ParseLimits.default.maxAliasExpansion)).")
    var maxAliasExpansion: Int?
    @Option(help: "Longest scalar, in bytes.")
    var maxScalarSize = ParseLimits.default.maxScalarBytes

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        for (name, value) in [("--max-file-size", maxFileSize), ("--max-documents", maxDocuments), ("--max-depth", maxDepth),
                              ("--max-alias-expansion", maxAliasExpansion ?? 1), ("--max-scalar-size", maxScalarSize)] where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        // One line on standard error and exit 2, like every other usage error.
        if stdinFilename != nil, !paths.contains("-") {
            throw failUsage("--stdin-filename only applies when reading standard input: add '-' to the paths")
        }
        if let kubernetesVersion, !RuleContext.isKubernetesRelease(kubernetesVersion) {
            throw failUsage("--kubernetes-version must be a release such as 1.29 (got '\(kubernetesVersion)')")
        }
    }

    /// Runs the check as configured; usage problems become exit 2.
    func run() throws -> CheckResult { try runWithRules().result }

    /// The check's result and the metadata of every rule it knew (Swift rules and policies).
    func runWithRules() throws -> (result: CheckResult, rules: [RuleMetadata]) {
        var options = CheckOptions()
        options.jobs = jobs
        options.limits = ParseLimits(maxFileBytes: maxFileSize, maxDocuments: maxDocuments, maxDepth: maxDepth,
                                     maxAliasExpansion: maxAliasExpansion ?? ParseLimits.default.maxAliasExpansion,
                                     maxScalarBytes: maxScalarSize)
        let configuration = try loadConfiguration()
        // Policy paths in the configuration file are relative to the file.
        let rules = try catalogue(policyPaths: Self.resolvedPolicyPaths(configuration) + policy)
        do {
            try configuration.validateRuleIDs(Set(rules.map(\.metadata.id)))
            try configuration.validateParameters(of: rules.map(\.metadata))
        } catch {
            throw failUsage("invalid configuration: \(error)")
        }
        // `alias-bomb`'s parameter in the file sets the parse limit unless the flag does.
        if maxAliasExpansion == nil,
           case .int(let limit)? = configuration.rules["alias-bomb"]?.parameters["maxAliasExpansion"] {
            options.limits.maxAliasExpansion = Int(limit)
        }
        let known = Set(rules.map(\.metadata.id)).union(["all"])
        for id in (enable + disable + only).flatMap(splitList) where !known.contains(id) {
            throw failUsage("unknown rule '\(id)'; see 'palisade rules'")
        }
        configuration.apply(to: &options.selection, context: &options.context)
        // Flags win over the configuration file.
        for id in enable.flatMap(splitList) { options.selection.enabled.insert(id); options.selection.disabled.remove(id) }
        for id in disable.flatMap(splitList) { options.selection.disabled.insert(id); options.selection.enabled.remove(id) }
        if !only.isEmpty { options.selection.only = Set(only.flatMap(splitList)) }
        if let kubernetesVersion { options.context.kubernetesVersion = kubernetesVersion }
        if strictReferences { options.context.strictReferences = true }

        var inputs: [SourceInput] = []
        let filePaths = paths.isEmpty ? ["."] : paths.filter { $0 != "-" }
        if paths.contains("-") {
            // Read only up to the size limit: a larger stream is refused like a larger file.
            inputs.append(SourceInput.standardInput(name: stdinFilename ?? "<stdin>", maxBytes: options.limits.maxFileBytes))
        }
        var contextInputs: [SourceInput] = []
        do {
            inputs += try InputDiscovery.inputs(for: filePaths).filter { !configuration.isExcluded($0.name) }
            let contextDirs = noContext ? [] : (context.isEmpty ? defaultContext(for: filePaths, stdin: paths.contains("-")) : context)
            if !crds.isEmpty {
                let named = Set(inputs.compactMap(\.realPath))
                contextInputs += try InputDiscovery.inputs(for: crds).filter { !named.contains($0.realPath ?? "") }
            }
            if !contextDirs.isEmpty {
                // The same file may be named differently (`a.yaml` vs `../x/a.yaml`): compare real paths.
                let named = Set(inputs.compactMap(\.realPath))
                let already = Set(contextInputs.compactMap(\.realPath))
                contextInputs += try InputDiscovery.inputs(for: contextDirs)
                    .filter { !configuration.isExcluded($0.name) && !named.contains($0.realPath ?? "")
                        && !already.contains($0.realPath ?? "") }
            }
        } catch {
            throw failUsage(error.message)
        }
        return (Checker(rules: rules, options: options).check(inputs, context: contextInputs), rules.map(\.metadata))
    }

    /// The context read when `--context` is not given: the git work tree of each named path
    /// (the files' own repository, wherever the command runs from), and of the current
    /// directory for standard input. A root at or above the current directory is written
    /// `.`/`..`, so context files are named as the user's paths are; others are absolute.
    func defaultContext(for filePaths: [String], stdin: Bool) -> [String] {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        var starts: [URL] = filePaths.map { path in
            let url = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? url : url.deletingLastPathComponent()
        }
        if stdin { starts.append(cwd) }
        var roots: [String] = []
        for start in starts {
            guard let root = gitRoot(from: start) else { continue }
            let name = Self.upwardPath(from: cwd, to: root) ?? root.path
            if !roots.contains(name) { roots.append(name) }
        }
        return roots
    }

    /// The nearest directory at or above `start` holding `.git`.
    func gitRoot(from start: URL) -> URL? {
        var dir = start
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// `.`, `..`, `../..`, … when `ancestor` is `dir` or above it; nil otherwise.
    static func upwardPath(from dir: URL, to ancestor: URL) -> String? {
        let from = dir.pathComponents, to = ancestor.pathComponents
        guard to.count <= from.count, Array(from.prefix(to.count)) == to else { return nil }
        let levels = from.count - to.count
        return levels == 0 ? "." : Array(repeating: "..", count: levels).joined(separator: "/")
    }

    /// `--config`, else the nearest `.palisade.yaml` from the current directory upwards.
    func loadConfiguration() throws -> Configuration {
        var path = config
        if path == nil {
            var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            while true {
                let candidate = dir.appendingPathComponent(Configuration.fileName).path
                if FileManager.default.fileExists(atPath: candidate) { path = candidate; break }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        guard let path else { return Configuration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failUsage("\(path): cannot read configuration file")
        }
        do {
            // Rule ids are checked once the run's rules are known (`runWithRules`): they may
            // name the rules of the policies the file itself lists.
            return try Configuration.parse([UInt8](data), file: path, knownRules: nil)
        } catch {
            throw failUsage("invalid configuration: \(error)")
        }
    }

    /// The configuration's `policies:`, relative to the file's directory.
    static func resolvedPolicyPaths(_ configuration: Configuration) -> [String] {
        let directory = configuration.file.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        return configuration.policies.map { path in
            path.hasPrefix("/") || directory == nil ? path : directory! + "/" + path
        }
    }
}

func splitList(_ value: String) -> [String] {
    value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
