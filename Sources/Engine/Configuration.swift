import Foundation
import Models
import YAMLTree

/// `.palisade.yaml`: rule switches, severities and parameters, excluded paths, and overrides
/// scoped to paths or namespaces.
///
/// ```yaml
/// kubernetesVersion: "1.30"
/// strictReferences: false
/// exclude: ["charts/*/tests/**"]
/// rules:
///   image-latest-tag: {severity: error}
///   image-registry-not-allowed: {enabled: true, allowedRegistries: [registry.example.com]}
/// overrides:
///   - paths: ["legacy/**"]
///     namespaces: [kube-system]
///     rules:
///       privileged-container: {enabled: false}
/// ```
public struct Configuration: Sendable {
    public struct RuleSettings: Sendable, Hashable {
        public var enabled: Bool?
        public var severity: Severity?
        public var parameters: [String: ParameterValue] = [:]
        /// Where each parameter's key and value are in the file, for errors found once the
        /// rules' declared parameters are known (`validateParameters(of:)`).
        var parameterKeys: [String: SourcePosition] = [:]
        var parameterValues: [String: SourcePosition] = [:]
        /// Where the rule's id is in the file (`validateRuleIDs(_:)`).
        var position: SourcePosition = .start
    }

    public struct Override: Sendable {
        public var paths: [Glob]
        public var namespaces: [String]
        public var rules: [String: RuleSettings]
        /// The configuration's directory, for paths relative to it (set by `parse`).
        var base: PathBase?

        /// An override applies when every scope it names matches.
        public func applies(file: String, namespace: String?) -> Bool {
            (paths.isEmpty || paths.contains { PathBase.matches($0, file, base) })
                && (namespaces.isEmpty || namespaces.contains(namespace ?? ""))
        }
    }

    /// Globs in a configuration name paths relative to the file's directory, as `policies:`
    /// do, whichever directory palisade runs in: a file is matched by the name it was given
    /// and by its path from the configuration's directory.
    struct PathBase: Sendable {
        /// Absolute, normalized.
        let directory: String
        let workingDirectory: String

        init?(configurationFile file: String, workingDirectory: String?) {
            guard let cwd = workingDirectory, cwd.hasPrefix("/") else { return nil }
            directory = LexicalPath.directory(of: LexicalPath.absolute(file, from: cwd))
            self.workingDirectory = LexicalPath.normalized(cwd)
        }

        static func matches(_ glob: Glob, _ file: String, _ base: PathBase?) -> Bool {
            if glob.matches(file) { return true }
            guard let base, let inside = LexicalPath.relative(LexicalPath.absolute(file, from: base.workingDirectory),
                                                              to: base.directory.isEmpty ? "/" : base.directory)
            else { return false }
            return inside != file && glob.matches(inside)
        }
    }

    public var file: String?
    public var kubernetesVersion: String?
    public var strictReferences: Bool?
    public var exclude: [Glob] = []
    var base: PathBase?
    public var rules: [String: RuleSettings] = [:]
    public var overrides: [Override] = []
    public var policies: [String] = []
    public var podTemplatePaths: [String: [String]] = [:]

    public init() {}

    public func isExcluded(_ path: String) -> Bool { exclude.contains { PathBase.matches($0, path, base) } }

    /// Applies the file's rule settings to a selection (flags are applied after, and win).
    public func apply(to selection: inout RuleSelection, context: inout RuleContext) {
        for (id, settings) in rules {
            if settings.enabled == true { selection.enabled.insert(id); selection.disabled.remove(id) }
            if settings.enabled == false { selection.disabled.insert(id); selection.enabled.remove(id) }
            if let severity = settings.severity { selection.severities[id] = severity }
            if !settings.parameters.isEmpty { context.parameters[id, default: [:]].merge(settings.parameters) { $1 } }
        }
        if let v = kubernetesVersion { context.kubernetesVersion = v }
        if let s = strictReferences { context.strictReferences = s }
        context.overrides = overrides
        context.podTemplatePaths = podTemplatePaths
    }
}

/// A configuration problem, with the place in the file: the run stops with exit 2.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition
    public var message: String

    public var description: String { "\(file):\(position.line):\(position.column): \(message)" }
}

extension Configuration {
    public static let fileName = ".palisade.yaml"

    /// Checks that every rule the file configures (top level and overrides) is one of `known`:
    /// the first unknown id in the file is an error at its position, with a did-you-mean. Run
    /// once the rules of the run are known, the file's own `policies:` included.
    public func validateRuleIDs(_ known: Set<String>) throws(ConfigurationError) {
        let named = ([self.rules] + overrides.map(\.rules)).flatMap { $0.map { (id: $0.key, position: $0.value.position) } }
            .sorted { ($0.position.line, $0.position.column) < ($1.position.line, $1.position.column) }
        guard let unknown = named.first(where: { !known.contains($0.id) }) else { return }
        throw ConfigurationError(file: file ?? Configuration.fileName, position: unknown.position,
                                 message: Self.unknownKeyMessage(unknown.id, known.sorted()))
    }

    /// `unknown key "NAME"`, with the closest of `known` when one is close, else the list.
    static func unknownKeyMessage(_ name: String, _ known: [String]) -> String {
        var message = "unknown key \"\(name)\""
        if let close = closest(to: name, in: known) {
            message += "; did you mean \"\(close)\"?"
        } else {
            message += " (known: \(known.joined(separator: ", ")))"
        }
        return message
    }

    /// The name of `known` closest to `name` (case ignored), when it is within three edits.
    static func closest(to name: String, in known: [String]) -> String? {
        guard let close = known.min(by: { editDistance($0, name) < editDistance($1, name) }),
              editDistance(close, name) <= 3 else { return nil }
        return close
    }

    /// Checks every rule parameter set in the file (top level and overrides) against the
    /// parameters the rules declare: an unknown name or a value of the wrong shape is an
    /// error at its position, rather than a setting silently ignored.
    public func validateParameters(of rules: [RuleMetadata]) throws(ConfigurationError) {
        let declared = Dictionary(rules.map { ($0.id, $0.parameters) }, uniquingKeysWith: { a, _ in a })
        let file = self.file ?? Configuration.fileName
        for (index, settings) in ([self.rules] + overrides.map(\.rules)).enumerated() {
            for (id, rule) in settings.sorted(by: { $0.key < $1.key }) {
                let known = declared[id] ?? []
                for (name, value) in rule.parameters.sorted(by: { $0.key < $1.key }) {
                    guard let parameter = known.first(where: { $0.name == name }) else {
                        let names = known.map(\.name)
                        var message = "rule \(id) has no parameter \"\(name)\""
                        if let close = Self.closest(to: name, in: names) {
                            message += "; did you mean \"\(close)\"?"
                        } else {
                            message += names.isEmpty ? " (it takes none)" : " (it takes: \(names.joined(separator: ", ")))"
                        }
                        throw ConfigurationError(file: file, position: rule.parameterKeys[name] ?? .start, message: message)
                    }
                    if index > 0, parameter.runWide {
                        throw ConfigurationError(file: file, position: rule.parameterKeys[name] ?? .start,
                                                 message: "rules.\(id).\(name) applies to the whole run; set it under the top-level rules, not in an override")
                    }
                    if let problem = parameter.problem(with: value) {
                        throw ConfigurationError(file: file, position: rule.parameterValues[name] ?? .start,
                                                 message: "rules.\(id).\(name) \(problem)")
                    }
                }
            }
        }
    }

    /// Parses a configuration file; `knownRules` catches misspelt rule ids (nil: any id, checked
    /// later with `validateRuleIDs(_:)` once the file's own `policies:` are loaded). Relative paths in
    /// it (`exclude`, override `paths`) are relative to the file's directory, worked out from
    /// `workingDirectory` (the directory palisade runs in) when the file's name is relative.
    public static func parse(_ bytes: [UInt8], file: String, knownRules: Set<String>?,
                             workingDirectory: String? = FileManager.default.currentDirectoryPath) throws(ConfigurationError) -> Configuration {
        let stream = YAMLParser.parse(bytes, file: file)
        if let d = stream.diagnostics.first { throw ConfigurationError(file: file, position: d.position, message: d.message) }
        var config = Configuration()
        config.file = file
        config.base = PathBase(configurationFile: file, workingDirectory: workingDirectory)
        guard let root = stream.documents.first?.root else { return config }
        let reader = ConfigReader(file: file)
        try reader.object(root, "configuration")
        for (key, value) in root.pairs {
            switch key.scalar ?? "" {
            case "kubernetesVersion":
                let version = try reader.string(value, "kubernetesVersion")
                guard RuleContext.isKubernetesRelease(version) else {
                    throw reader.error(value, "kubernetesVersion must be a Kubernetes release such as \"\(RuleContext.defaultKubernetesVersion)\", not \"\(version)\"")
                }
                config.kubernetesVersion = version
            case "strictReferences": config.strictReferences = try reader.bool(value, "strictReferences")
            case "exclude": config.exclude = try reader.strings(value, "exclude").map(Glob.init)
            case "rules": config.rules = try reader.rules(value)
            case "policies": config.policies = try reader.strings(value, "policies")
            case "podTemplatePaths":
                try reader.object(value, "podTemplatePaths")
                for (kind, paths) in value.pairs { config.podTemplatePaths[kind.scalar ?? ""] = try reader.strings(paths, "podTemplatePaths") }
            case "overrides":
                guard value.isSequence else { throw reader.error(value, "overrides must be a list") }
                for item in value.items {
                    try reader.object(item, "override")
                    var o = Override(paths: [], namespaces: [], rules: [:], base: config.base)
                    for (k, v) in item.pairs {
                        switch k.scalar ?? "" {
                        case "paths": o.paths = try reader.strings(v, "paths").map(Glob.init)
                        case "namespaces": o.namespaces = try reader.strings(v, "namespaces")
                        case "rules": o.rules = try reader.rules(v)
                        default: throw reader.unknown(k, ["paths", "namespaces", "rules"])
                        }
                    }
                    config.overrides.append(o)
                }
            default:
                throw reader.unknown(key, ["kubernetesVersion", "strictReferences", "exclude", "rules", "policies",
                                           "podTemplatePaths", "overrides"])
            }
        }
        if let knownRules { try config.validateRuleIDs(knownRules) }
        return config
    }
}

private struct ConfigReader {
    let file: String

    func error(_ node: YAMLNode, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, position: node.position, message: message)
    }

    func unknown(_ key: YAMLNode, _ known: [String]) -> ConfigurationError {
        error(key, Configuration.unknownKeyMessage(key.scalar ?? "", known))
    }

    func object(_ node: YAMLNode, _ what: String) throws(ConfigurationError) {
        guard node.isMapping else { throw error(node, "\(what) must be a mapping") }
    }

    func string(_ node: YAMLNode, _ what: String) throws(ConfigurationError) -> String {
        guard node.isScalar, node.resolvedType != .null, let s = node.scalar else { throw error(node, "\(what) must be a string") }
        return s
    }

    func bool(_ node: YAMLNode, _ what: String) throws(ConfigurationError) -> Bool {
        guard let b = node.boolValue else { throw error(node, "\(what) must be true or false") }
        return b
    }

    func strings(_ node: YAMLNode, _ what: String) throws(ConfigurationError) -> [String] {
        if node.isScalar { return [try string(node, what)] }
        guard node.isSequence else { throw error(node, "\(what) must be a list of strings") }
        var result: [String] = []
        for item in node.items { result.append(try string(item, what)) }
        return result
    }

    func rules(_ node: YAMLNode) throws(ConfigurationError) -> [String: Configuration.RuleSettings] {
        try object(node, "rules")
        var result: [String: Configuration.RuleSettings] = [:]
        for (key, value) in node.pairs {
            let id = key.scalar ?? ""
            var settings = Configuration.RuleSettings()
            settings.position = key.position
            if let b = value.boolValue {
                settings.enabled = b  // `rule-id: false` is shorthand for `{enabled: false}`
                result[id] = settings
                continue
            }
            try object(value, "rules.\(id)")
            for (k, v) in value.pairs {
                let name = k.scalar ?? ""
                switch name {
                case "enabled": settings.enabled = try bool(v, "enabled")
                case "severity":
                    let text = try string(v, "severity")
                    guard let s = Severity(name: text) else { throw error(v, "severity must be error, warning or info, not \"\(text)\"") }
                    settings.severity = s
                default:
                    settings.parameters[name] = try parameter(v, name)
                    settings.parameterKeys[name] = k.position
                    settings.parameterValues[name] = v.position
                }
            }
            result[id] = settings
        }
        return result
    }

    func parameter(_ node: YAMLNode, _ name: String) throws(ConfigurationError) -> ParameterValue {
        if node.isSequence { return .list(try strings(node, name)) }
        guard node.isScalar else { throw error(node, "parameter \(name) must be a string, number, boolean or list") }
        switch node.resolvedType {
        case .bool: return .bool(node.boolValue ?? false)
        case .int: if let i = node.intValue { return .int(i) }
        default: break
        }
        return .string(node.scalar ?? "")
    }
}

/// Edit distance of two names, ignoring case, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().utf8), y = Array(b.lowercased().utf8)
    var row = Array(0 ... y.count)
    for i in 1 ... max(x.count, 1) where !x.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in 1 ... max(y.count, 1) where !y.isEmpty {
            let saved = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
            previous = saved
        }
    }
    return row[y.count]
}
