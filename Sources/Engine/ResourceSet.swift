import Authz
import KubeFormats
import Models

/// Every resource of a run, indexed for cross-resource checks. Resources from `--context`
/// are in the set (so references resolve) but are marked so their findings are not shown.
public struct ResourceSet: Sendable {
    public let resources: [Resource]
    /// Files whose findings are reported; resources from other files are context only.
    public let reportedFiles: Set<String>?
    /// Lines of ABAC policy files (`--authorization-policy-file` format) found among the inputs.
    public let abacPolicies: [ABACPolicy]
    /// The RBAC and ABAC grants of the set, with the built-in default roles. Built by the
    /// first rule that asks (on its thread, while other set rules run on theirs).
    public var authorization: AuthorizationModel {
        memo.value(Self.authorizationResult) {
            AuthorizationInputs.model(resources: inSetOrder(ofKinds: AuthorizationInputs.rbacKinds), abacPolicies: abacPolicies)
        }
    }
    /// Work shared between the rules of this run.
    public let memo: RunMemo
    /// The `memo` key of `authorization`, for `SetRule.sharedResults`.
    public static let authorizationResult = "ResourceSet.authorization"
    private let byKind: [String: [Int]]
    /// Indices of the resources that may be custom resources or carry pod templates of
    /// their own (see `customCandidates`).
    private let customCandidateIndices: [Int]
    /// kind, namespace and name → index, for reference lookups in cross-resource rules.
    private let byName: [NameKey: Int]

    private struct NameKey: Hashable {
        var kind: String
        var namespace: String?
        var name: String
    }

    public init(resources: [Resource], abacPolicies: [ABACPolicy] = [], reportedFiles: Set<String>? = nil,
                memo: RunMemo = RunMemo()) {
        self.resources = resources
        self.memo = memo
        self.abacPolicies = abacPolicies
        self.reportedFiles = reportedFiles
        var byKind: [String: [Int]] = [:]
        var byName: [NameKey: Int] = [:]
        var candidates: [Int] = []
        byName.reserveCapacity(resources.count)
        for (i, r) in resources.enumerated() {
            byKind[r.kind, default: []].append(i)
            if (r.identity.group.withUTF8Bytes({ $0.contains(UInt8(ascii: ".")) }) && !Self.isRBACObject(r))
                || (r.workloadKind == nil && r.hasPodTemplates) {
                candidates.append(i)
            }
            if let name = r.name {
                // The first definition wins, as in a linear search in file order. Stored with
                // one hash, and the earlier index put back in the rare case of a repeat: a
                // lookup and then an insert hashed every key twice, and the `default:`
                // subscript's modify accessor allocated its coroutine frame twice per resource.
                let key = NameKey(kind: r.kind, namespace: r.namespace, name: name)
                if let first = byName.updateValue(i, forKey: key) { byName[key] = first }
            }
        }
        self.byName = byName
        self.byKind = byKind
        customCandidateIndices = candidates
    }

    /// Roles and bindings: kinds of a dotted group that most repositories hold many of, and
    /// neither custom resources nor pod owners (unless `podTemplatePaths` gives them templates),
    /// so no reader of `customCandidates` wants them: each looked them up in a table to drop them.
    private static func isRBACObject(_ r: Resource) -> Bool {
        r.identity.group == RBACGroup.name && AuthorizationInputs.rbacKinds.contains(r.kind)
    }

    /// In set order, every resource whose API group has a dot (custom resources, and the
    /// built-in groups named like `networking.k8s.io`, but not RBAC's roles and bindings) and every other resource that
    /// is not a built-in workload but carries pod templates (`podTemplatePaths`). Rules about
    /// custom resources and embedded pods walk these instead of the whole set: found while
    /// the set is indexed, they spare each such rule a pass over every resource's memory.
    public var customCandidates: [Resource] {
        customCandidateIndices.map { resources[$0] }
    }

    public func ofKind(_ kind: String) -> [Resource] {
        (byKind[kind] ?? []).map { resources[$0] }
    }

    public func ofKinds(_ kinds: [String]) -> [Resource] {
        kinds.flatMap { ofKind($0) }
    }

    /// The resources of these kinds in the order of the set (file order), found through the
    /// kind index: a pass over every resource would touch each one's memory.
    public func inSetOrder(ofKinds kinds: [String]) -> [Resource] {
        kinds.flatMap { byKind[$0] ?? [] }.sorted().map { resources[$0] }
    }

    /// In set order, every resource that may carry pod templates: the built-in workload kinds,
    /// found through the kind index, and the custom candidates that carry templates. For rules
    /// about pods that would otherwise walk every resource of the set.
    public var podTemplateOwners: [Resource] {
        var indices = WorkloadKind.allCases.flatMap { byKind[$0.rawValue] ?? [] }
        indices += customCandidateIndices.filter { resources[$0].workloadKind == nil && resources[$0].hasPodTemplates }
        return indices.sorted().map { resources[$0] }
    }

    public func find(kind: String, namespace: String?, name: String) -> Resource? {
        byName[NameKey(kind: kind, namespace: namespace, name: name)].map { resources[$0] }
    }

    /// Whether the set defines any object of this kind in the namespace. Cross-resource
    /// checks use it to stay quiet when the repository only holds part of the picture.
    /// The namespaces of a kind are collected once per run: rules ask for every reference.
    public func defines(kind: String, namespace: String?) -> Bool {
        guard let indices = byKind[kind] else { return false }
        if indices.count <= 8 { return indices.contains { resources[$0].namespace == namespace } }
        return memo.value("ResourceSet.namespaces." + kind) { Set(indices.map { resources[$0].namespace }) }.contains(namespace)
    }

    /// Whether findings on this resource are reported (not a `--context`-only file).
    public func isReported(_ resource: Resource) -> Bool {
        // Without `--context` every resource is reported: answered before reading the file
        // name, which lives in the resource's document (memory long out of cache by the time
        // cross-resource rules ask, for every resource they walk).
        guard let reportedFiles else { return true }
        return reportedFiles.contains(resource.file)
    }

    public func isReported(file: String) -> Bool {
        reportedFiles.map { $0.contains(file) } ?? true
    }

    /// Pod templates of every workload in the set: built-in workloads first, then those found
    /// in custom resources (`PodTemplate.all(of:)`, which also follows the `podTemplatePaths`
    /// of `.palisade.yaml` attached to each resource when it was decoded).
    /// Computed once per run: several cross-resource rules walk them.
    public var podTemplates: [PodTemplate] {
        memo.value("ResourceSet.podTemplates") {
            let builtin = WorkloadKind.allCases.flatMap { ofKind($0.rawValue) }.compactMap(PodTemplate.init(of:))
            let custom = customCandidates.filter { $0.workloadKind == nil }.flatMap { PodTemplate.all(of: $0) }
            return builtin + custom
        }
    }
}
