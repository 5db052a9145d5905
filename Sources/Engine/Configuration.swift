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
///   allowed-registries: {enabled: true, allowedRegistries: [registry.example.com]}
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
    }

    public struct Override: Sendable {
        public var paths: [Glob]
        public var namespaces: [String]
        public var rules: [String: RuleSettings]

        /// An override applies when every scope it names matches.
        public func applies(file: String, namespace: String?) -> Bool {
            (paths.isEmpty || paths.contains { $0.matches(file) })
                && (namespaces.isEmpty || namespaces.contains(namespace ?? ""))
        }
    }

    public var file: String?
    public var kubernetesVersion: String?
    public var strictReferences: Bool?
    public var exclude: [Glob] = []
    public var rules: [String: RuleSettings] = [:]
    public var overrides: [Override] = []
    public var policies: [String] = []
    public var podTemplatePaths: [String: [String]] = [:]

    public init() {}

    public func isExcluded(_ path: String) -> Bool { exclude.contains { $0.matches(path) } }

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

    /// Parses a configuration file; `knownRules` catches misspelt rule ids.
    public static func parse(_ bytes: [UInt8], file: String, knownRules: Set<String>) throws(ConfigurationError) -> Configuration {
        let stream = YAMLParser.parse(bytes, file: file)
        if let d = stream.diagnostics.first { throw ConfigurationError(file: file, position: d.position, message: d.message) }
        var config = Configuration()
        config.file = file
        guard let root = stream.documents.first?.root else { return config }
        let reader = ConfigReader(file: file, knownRules: knownRules)
        try reader.object(root, "configuration")
        for (key, value) in root.pairs {
            switch key.scalar ?? "" {
            case "kubernetesVersion": config.kubernetesVersion = try reader.string(value, "kubernetesVersion")
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
                    var o = Override(paths: [], namespaces: [], rules: [:])
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
        return config
    }
}

private struct ConfigReader {
    let file: String
    let knownRules: Set<String>

    func error(_ node: YAMLNode, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, position: node.position, message: message)
    }

    func unknown(_ key: YAMLNode, _ known: [String]) -> ConfigurationError {
        let name = key.scalar ?? ""
        var message = "unknown key \"\(name)\""
        if let close = known.min(by: { distance($0, name) < distance($1, name) }), distance(close, name) <= 3 {
            message += "; did you mean \"\(close)\"?"
        } else {
            message += " (known: \(known.joined(separator: ", ")))"
        }
        return error(key, message)
    }

    private func distance(_ a: String, _ b: String) -> Int {
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
            guard knownRules.contains(id) else { throw unknown(key, Array(knownRules).sorted()) }
            var settings = Configuration.RuleSettings()
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
