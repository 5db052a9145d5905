import Engine
import Models
import YAMLTree

/// The pods a set of manifests will run, by namespace, for rules that resolve label
/// selectors (Services, NetworkPolicies). Built once per run (`shared(by:)`), linear in the set.
///
/// Besides the built-in workloads it records pod templates embedded in custom resources
/// (Argo Rollouts, Kubeflow jobs, Ray clusters, Knative services, …). Their operators add
/// labels and containers Palisade cannot see, so such pods are matched leniently: a selector
/// key the template does not carry is taken to match. Custom resources known to create pods
/// without embedding a template (KServe InferenceService) match any selector.
struct PodIndex: Sendable {
    struct Pods {
        let owner: Resource
        let labels: Labels
        /// Pods of a custom resource (labels or containers may be added by an operator).
        let lenient: Bool
        let spec: PodSpec?
    }

    /// A pod template's labels in source order. A template carries a handful: looked up in
    /// order they cost less than a dictionary made (and every key hashed) per template.
    struct Labels {
        let entries: [(key: String, value: String)]

        init(_ map: StringMap) {
            var entries: [(key: String, value: String)] = []
            entries.reserveCapacity(map.count)
            for entry in map { entries.append((entry.key, entry.value)) }
            self.entries = entries
        }

        static let none = Labels(entries: [])
        private init(entries: [(key: String, value: String)]) { self.entries = entries }

        /// The value of `key`; on a repeated key the later one, as a dictionary would hold it.
        subscript(key: String) -> String? {
            entries.last { $0.key == key }?.value
        }
    }

    /// Labels the controllers add to the pods they create; a selector may use them
    /// (`statefulset.kubernetes.io/pod-name: db-0` for a per-pod Service) although no
    /// template carries them.
    static let controllerLabels: Set<String> = [
        "pod-template-hash", "controller-revision-hash", "pod-template-generation",
        "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index",
        "job-name", "controller-uid", "batch.kubernetes.io/job-name", "batch.kubernetes.io/controller-uid",
        "batch.kubernetes.io/job-completion-index", "rollouts-pod-template-hash",
    ]

    /// Custom kinds that create pods from fields that are not a pod template.
    static let opaquePodOwners: Set<String> = ["InferenceService", "InferenceGraph", "LLMInferenceService"]

    private(set) var pods: [Pods] = []
    private var byNamespace: [String: [Int]] = [:]
    private var lenientByNamespace: [String: [Int]] = [:]
    /// (namespace, key, value) → pods of built-in workloads carrying that label.
    private var byLabel: [LabelKey: [Int]] = [:]

    /// A label in a namespace, hashed as its three strings: joining them into one key cost
    /// three concatenations per label of every pod and per Service.
    private struct LabelKey: Hashable {
        var namespace: String
        var key: String
        var value: String
    }

    /// The index of `set`, built by the first rule that asks and shared by the others.
    static func shared(by set: ResourceSet) -> PodIndex {
        set.memo.value(sharedResult) { PodIndex(set) }
    }

    /// The `memo` key of the index, for `SetRule.sharedResults`.
    static let sharedResult = "PodIndex"

    init(_ set: ResourceSet) {
        let templates = set.podTemplates
        // Sized for the usual two labels per template at once: grown as it filled, the label
        // index was rehashed a dozen times on a large repository.
        pods.reserveCapacity(templates.count)
        byLabel.reserveCapacity(2 * templates.count)
        // Custom-resource templates are indexed leniently by `discover` below.
        for template in templates where template.workloadKind != nil {
            add(Pods(owner: template.owner, labels: Labels(template.labels), lenient: false, spec: template.spec))
        }
        for resource in set.customCandidates where Self.mayEmbedPods(resource) {
            if Self.opaquePodOwners.contains(resource.kind) {
                add(Pods(owner: resource, labels: .none, lenient: true, spec: nil))
            } else if let spec = resource.spec {
                discover(spec, owner: resource, depth: 0)
            }
        }
    }

    /// Custom resources only: built-in kinds either are workloads (already indexed) or run no pods.
    private static func mayEmbedPods(_ resource: Resource) -> Bool {
        guard WorkloadKind(rawValue: resource.kind) == nil, resource.identity.group.utf8.contains(UInt8(ascii: ".")) else { return false }
        return KindSchemas.schema(apiVersion: resource.apiVersion, kind: resource.kind) == nil
    }

    private mutating func discover(_ node: YAMLNode, owner: Resource, depth: Int) {
        guard depth < 12 else { return }
        if node.isMapping {
            if let spec = node["spec"], spec["containers"]?.isSequence == true {
                add(Pods(owner: owner, labels: Labels(StringMap(node: node["metadata"]?["labels"])),
                         lenient: true, spec: PodSpec(node: spec)))
                return
            }
            if node["containers"]?.isSequence == true || node["container"]?["image"] != nil {
                add(Pods(owner: owner, labels: .none, lenient: true, spec: PodSpec(node: node)))
                return
            }
            for (_, value) in node.pairs where !value.isScalar { discover(value, owner: owner, depth: depth + 1) }
        } else if node.isSequence {
            for item in node.items where !item.isScalar { discover(item, owner: owner, depth: depth + 1) }
        }
    }

    private mutating func add(_ p: Pods) {
        let ns = p.owner.namespace ?? ""
        let i = pods.count
        pods.append(p)
        byNamespace[ns, default: []].append(i)
        if p.lenient {
            lenientByNamespace[ns, default: []].append(i)
        } else {
            for (k, v) in p.labels.entries { byLabel[LabelKey(namespace: ns, key: k, value: v), default: []].append(i) }
        }
    }

    /// Whether the set runs pods of built-in workloads in the namespace: then a selector that
    /// matches none of them is a finding, not a gap in the repository.
    func definesWorkloads(in namespace: String?) -> Bool {
        (byNamespace[namespace ?? ""] ?? []).contains { !pods[$0].lenient }
    }

    /// Namespaces (nil for "none given") that run pods of built-in workloads.
    var workloadNamespaces: Set<String?> {
        var result: Set<String?> = []
        for p in pods where !p.lenient { result.insert(p.owner.namespace) }
        return result
    }

    /// Pods of the namespace the selector selects. An empty selector selects all of them.
    func selected(by selector: LabelSelector, in namespace: String?) -> [Pods] {
        var result: [Pods] = []
        _ = forEachCandidate(for: selector, in: namespace) { i in
            if Self.matches(selector, pods[i]) { result.append(pods[i]) }
            return false
        }
        return result
    }

    /// Whether the selector selects any pod of the namespace: `selected(by:in:)` without
    /// copying the pods (an owner, a labels dictionary and a pod spec each) out of the index.
    func selectsAny(_ selector: LabelSelector, in namespace: String?) -> Bool {
        forEachCandidate(for: selector, in: namespace) { Self.matches(selector, pods[$0]) }
    }

    /// Calls `body` with the index of each pod that may match, until it returns true (then
    /// true): those carrying one of the selector's labels and the lenient ones, or every pod
    /// of the namespace. The lists are read where they are, not joined into a new one.
    private func forEachCandidate(for selector: LabelSelector, in namespace: String?, _ body: (Int) -> Bool) -> Bool {
        let ns = namespace ?? ""
        if let (k, v) = selector.matchLabels.first(where: { !Self.controllerLabels.contains($0.key) }) {
            for i in byLabel[LabelKey(namespace: ns, key: k, value: v)] ?? [] where body(i) { return true }
            for i in lenientByNamespace[ns] ?? [] where body(i) { return true }
            return false
        }
        for i in byNamespace[ns] ?? [] where body(i) { return true }
        return false
    }

    static func matches(_ selector: LabelSelector, _ p: Pods) -> Bool {
        for (k, v) in selector.matchLabels {
            if let have = p.labels[k] {
                if have != v { return false }
            } else if !(p.lenient || controllerLabels.contains(k)) {
                return false
            }
        }
        for r in selector.requirements {
            guard let have = p.labels[r.key] else {
                if p.lenient || controllerLabels.contains(r.key) { continue }
                switch r.op {
                case .in, .exists: return false
                case .notIn, .doesNotExist: continue
                }
            }
            switch r.op {
            case .in: if !r.values.contains(have) { return false }
            case .notIn: if r.values.contains(have) { return false }
            case .exists: continue
            case .doesNotExist: return false
            }
        }
        return true
    }
}

extension LabelSelector {
    /// `k=v,k2 in (a,b)` for messages, keys sorted.
    var summary: String {
        var parts = matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for r in requirements {
            switch r.op {
            case .in: parts.append("\(r.key) in (\(r.values.joined(separator: ",")))")
            case .notIn: parts.append("\(r.key) notin (\(r.values.joined(separator: ",")))")
            case .exists: parts.append(r.key)
            case .doesNotExist: parts.append("!\(r.key)")
            }
        }
        return parts.joined(separator: ",")
    }
}

/// How a namespace is named in messages.
func describeNamespace(_ namespace: String?) -> String {
    namespace.map { "namespace \"\($0)\"" } ?? "the manifests' namespace (none given)"
}

extension PodIndex {
    /// Reported Services with a selector, each with the pods it selects, when those pods are
    /// fully known: none belongs to a custom resource whose operator may add ports.
    func servicesWithKnownPods(in set: ResourceSet) -> [(service: Service, pods: [Pods])] {
        var result: [(service: Service, pods: [Pods])] = []
        for resource in set.ofKind("Service") where set.isReported(resource) {
            guard let service = Service(resource), service.hasSelector, !service.isExternalName else { continue }
            let pods = selected(by: service.selector, in: resource.namespace)
            guard !pods.isEmpty, !pods.contains(where: \.lenient) else { continue }
            result.append((service, pods))
        }
        return result
    }
}

extension PodSpec {
    /// Containers whose ports serve traffic: regular containers and sidecars (init containers
    /// with `restartPolicy: Always`).
    var servingContainers: [Container] {
        containers + initContainers.filter { $0.node["restartPolicy"]?.scalar == "Always" }
    }
}

/// "namespace/name", with "" for no namespace: the key of name lookups within a namespace.
func namespacedKey(_ namespace: String?, _ name: String) -> String { (namespace ?? "") + "/" + name }
