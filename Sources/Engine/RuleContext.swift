import KubeFormats
import Models

/// Settings every rule can read: rule parameters and run-wide options.
public struct RuleContext: Sendable {
    public var parameters: [String: [String: ParameterValue]]
    /// Report references to objects missing from the set even where the set holds no
    /// objects of that kind in that namespace.
    public var strictReferences: Bool
    /// Kubernetes release the manifests target (`--kubernetes-version`), as "MAJOR.MINOR".
    public var kubernetesVersion: String
    /// Extra places where pod templates live, per kind (`podTemplatePaths` in `.palisade.yaml`).
    public var podTemplatePaths: [String: [String]] = [:]
    /// Settings from `.palisade.yaml` scoped to paths or namespaces.
    public var overrides: [Configuration.Override] = []

    public static let defaultKubernetesVersion = "1.31"

    /// Whether `version` names a Kubernetes release as `--kubernetes-version` and
    /// `kubernetesVersion:` take it: what `kubectl version` and managed clusters print — `1.29`,
    /// `v1.29`, `1.29.3`, `v1.29.3-gke.1200`, `v1.28.5+k3s1` (patch and suffix are ignored).
    /// Nothing else: no spaces, no empty suffix, numbers of at most four digits.
    public static func isKubernetesRelease(_ version: String) -> Bool {
        KubernetesVersion(release: version) != nil
    }

    public init(parameters: [String: [String: ParameterValue]] = [:], strictReferences: Bool = false,
                kubernetesVersion: String = RuleContext.defaultKubernetesVersion) {
        self.parameters = parameters
        self.strictReferences = strictReferences
        self.kubernetesVersion = kubernetesVersion
    }

    public func parameter(_ rule: String, _ name: String) -> ParameterValue? {
        parameters[rule]?[name]
    }
}

/// A rule parameter value from `.palisade.yaml`.
public enum ParameterValue: Sendable, Hashable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case list([String])

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    public var listValue: [String]? {
        switch self {
        case .list(let l): l
        case .string(let s): [s]
        default: nil
        }
    }
}

/// A run's `RuleContext`, made once and shared by the contexts of all its resources.
final class SharedRuleContext: Sendable {
    let value: RuleContext
    init(_ value: RuleContext) { self.value = value }
}

/// What per-resource rules see: the run's context plus work shared between rules on the
/// same resource (schema validation runs once, however many rules read it).
public final class ResourceContext {
    /// The run's settings. Held in one box shared by every resource's context: a copy of
    /// the struct per resource retained its dictionaries and lists each time.
    public var rules: RuleContext { _read { yield shared.value } }
    private let shared: SharedRuleContext
    public let resource: Resource
    /// The run's memo, the one its `ResourceSet` carries: what per-resource rules leave for
    /// the cross-resource rules of the same run (e.g. policy runtime errors for `policy-error`).
    public let run: RunMemo
    /// Stored, not a `view`: three rules read it for every resource, and a typed property
    /// skips the dictionary lookup and dynamic cast a view costs.
    /// Unchecked exclusivity here and on `views`: a context is used by one rule at a time on
    /// one thread, and no access outlives the statement that makes it (a view's maker runs
    /// between two accesses), so the runtime's check on every read (a call that records and
    /// looks up the access) guarded nothing.
    @exclusivity(unchecked) private var cachedSchemaIssues: [SchemaIssue]?
    /// A handful per resource at most: a list searched in order costs less than a dictionary.
    /// Each entry records the view's type, so a hit is downcast without a dynamic cast (which
    /// looks the generic box type up in the runtime on every call).
    @exclusivity(unchecked) @usableFromInline var views: [(key: ObjectIdentifier, type: ObjectIdentifier, box: AnyObject)] = []

    @usableFromInline final class ViewBox<T> {
        @usableFromInline let value: T
        @inlinable init(_ value: T) { self.value = value }
    }

    convenience init(rules: RuleContext, resource: Resource, run: RunMemo = RunMemo()) {
        self.init(rules: SharedRuleContext(rules), resource: resource, run: run)
    }

    init(rules: SharedRuleContext, resource: Resource, run: RunMemo) {
        shared = rules
        self.resource = resource
        self.run = run
    }

    public var schemaIssues: [SchemaIssue] {
        if let cachedSchemaIssues { return cachedSchemaIssues }
        let issues = SchemaValidator.validate(resource)
        cachedSchemaIssues = issues
        return issues
    }

    /// A view of the resource that several rules build the same way (pod security views, …),
    /// made by the first rule that asks. `T` is the key: one cached value per type.
    @inlinable
    public func view<T>(_ type: T.Type, _ make: (Resource) -> T) -> T {
        view(ObjectIdentifier(type), make)
    }

    /// A view cached under `key` (e.g. the identity of an object that stands for a policy).
    /// Inlinable, so it is specialized for each view's type in the rules' module: a generic
    /// call copied the cached value out through the runtime's value witnesses.
    @inlinable
    public func view<T>(_ key: ObjectIdentifier, _ make: (Resource) -> T) -> T {
        let type = ObjectIdentifier(T.self)
        for i in views.indices where views[i].key == key && views[i].type == type {
            return unsafeDowncast(views[i].box, to: ViewBox<T>.self).value
        }
        let made = make(resource)
        if views.isEmpty { views.reserveCapacity(4) }
        views.append((key, type, ViewBox(made)))
        return made
    }

    /// A parameter, from the most specific override that scopes this resource, else global.
    public func parameter(_ rule: String, _ name: String) -> ParameterValue? {
        for o in rules.overrides.reversed() where o.applies(file: resource.file, namespace: resource.namespace) {
            if let value = o.rules[rule]?.parameters[name] { return value }
        }
        return rules.parameter(rule, name)
    }
}
