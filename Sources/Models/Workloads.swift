import KubeFormats
import YAMLTree

/// Kinds whose objects carry a pod template, and where it sits.
public enum WorkloadKind: String, Sendable, CaseIterable {
    case pod = "Pod"
    case deployment = "Deployment"
    case statefulSet = "StatefulSet"
    case daemonSet = "DaemonSet"
    case replicaSet = "ReplicaSet"
    case replicationController = "ReplicationController"
    case job = "Job"
    case cronJob = "CronJob"

    /// Jobs run to completion; probes and replica counts mean something else for them.
    public var runsToCompletion: Bool { self == .job || self == .cronJob }

    /// Asked of every resource's kind: `==` on these short names compares a couple of words,
    /// where the synthesized initializer searched a case table (about 750 instructions).
    public init?(rawValue: String) {
        if rawValue == "Deployment" { self = .deployment }
        else if rawValue == "Pod" { self = .pod }
        else if rawValue == "StatefulSet" { self = .statefulSet }
        else if rawValue == "DaemonSet" { self = .daemonSet }
        else if rawValue == "Job" { self = .job }
        else if rawValue == "CronJob" { self = .cronJob }
        else if rawValue == "ReplicaSet" { self = .replicaSet }
        else if rawValue == "ReplicationController" { self = .replicationController }
        else { return nil }
    }
}

/// A pod template wherever it lives: the object itself for a Pod, `spec.template` for
/// controllers, `spec.jobTemplate.spec.template` for CronJobs.
public struct PodTemplate: Sendable {
    /// The mapping holding `metadata` and `spec` of the pod.
    public let node: YAMLNode
    public let owner: Resource
    public let workloadKind: WorkloadKind?
    /// `spec`, when it is a mapping.
    public let spec: PodSpec?

    public init(node: YAMLNode, owner: Resource, workloadKind: WorkloadKind?) {
        self.init(PodTemplateNodes(template: node), owner: owner, workloadKind: workloadKind)
    }

    @inlinable
    init(_ nodes: PodTemplateNodes, owner: Resource, workloadKind: WorkloadKind?) {
        node = nodes.template
        spec = nodes.spec
        self.owner = owner
        self.workloadKind = workloadKind
    }

    /// The pod template of a built-in workload, if the resource is one and has a template.
    public init?(of resource: Resource) {
        guard let kind = resource.workloadKind, let nodes = resource.podTemplateNodes.first else { return nil }
        self.init(nodes, owner: resource, workloadKind: kind)
    }

    /// Every pod template of a resource: the built-in workload's own first, then those embedded
    /// in custom resources (Argo Rollouts, Kubeflow `*ReplicaSpecs.<role>.template`, Ray worker
    /// groups, KEDA ScaledJobs, Knative Services, …), in document order. Found once, when the
    /// resource is decoded (`templateNodes`).
    @inlinable public static func all(of resource: Resource) -> PodTemplates { PodTemplates(of: resource) }

    /// Where the pod templates of an object are. `configuredPaths` are the `podTemplatePaths`
    /// of `.palisade.yaml` for its kind: dotted paths from the object's root
    /// (`spec.roles.*.template`; `*` is any key or index, `*Specs` any key ending in `Specs`).
    /// Kinds with neither a built-in shape nor configured paths are searched by shape (a mapping
    /// whose `spec.containers` is a list of mappings with an `image`), to a bounded depth.
    static func templateNodes(node: YAMLNode, identity: ResourceIdentity, workloadKind: WorkloadKind?,
                              configuredPaths: [String]) -> [YAMLNode] {
        if let workloadKind {
            let template: YAMLNode?
            switch workloadKind {
            case .pod: template = node
            case .cronJob: template = node["spec"]?["jobTemplate"]?["spec"]?["template"]
            default: template = node["spec"]?["template"]
            }
            guard let template, template.isMapping else { return [] }
            return [template]
        }
        // Built-in kinds that are not workloads (Services, ConfigMaps, RBAC, …) run no pods.
        let searchable = CustomPodTemplateShapes.mayCarryTemplates(group: identity.group)
        if configuredPaths.isEmpty, !searchable { return [] }
        let known = CustomPodTemplateShapes.paths(group: identity.group, kind: identity.kind)
        var nodes: [YAMLNode] = []
        var seen = Set<UInt32>()
        for path in (known ?? []) + configuredPaths {
            let segments = path.split(separator: ".").map(String.init)
            for found in CustomPodTemplateShapes.resolve(segments[...], in: node)
            where found.isMapping && found["spec"]?.isMapping == true && seen.insert(found.id).inserted {
                nodes.append(found)
            }
        }
        if known == nil && configuredPaths.isEmpty {
            CustomPodTemplateShapes.search(node, depth: 0, into: &nodes)
        }
        return nodes.sorted { $0.id < $1.id }
    }

    public var metadata: ObjectMeta { ObjectMeta(node: node["metadata"]) }
    public var labels: StringMap { metadata.labels }
}

/// The pod templates of one resource, made on access from what decoding found: two dozen
/// rules ask for them per workload, and an array built per ask was the run's most frequent
/// allocation.
public struct PodTemplates: RandomAccessCollection, Sendable {
    @usableFromInline let owner: Resource
    @usableFromInline let workloadKind: WorkloadKind?

    @inlinable
    init(of resource: Resource) {
        owner = resource
        workloadKind = resource.workloadKind
    }

    // Inlinable, like node lookups: a template made for a rule that only reads through it
    // can borrow its owner and nodes instead of retaining them.
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { owner.podTemplateNodes.count }

    @inlinable
    public subscript(position: Int) -> PodTemplate {
        PodTemplate(owner.podTemplateNodes[position], owner: owner, workloadKind: workloadKind)
    }
}

/// The specs of a resource's pod templates, in the order of `PodTemplate.all(of:)`, skipping
/// templates whose `spec` is not a mapping. For rules that read only the spec: a `PodTemplate`
/// holds the owner and the template node, a retain and a release each for every template of
/// every rule that made one.
public struct PodSpecs: Sequence, Sendable {
    @usableFromInline let templates: [PodTemplateNodes]

    @inlinable init(of resource: Resource) { templates = resource.podTemplateNodes }

    @inlinable public consuming func makeIterator() -> Iterator { Iterator(templates: templates) }

    public var isEmpty: Bool { !templates.contains { $0.spec != nil } }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let templates: [PodTemplateNodes]
        @usableFromInline var position = 0

        @inlinable init(templates: [PodTemplateNodes]) { self.templates = templates }

        @inlinable
        public mutating func next() -> PodSpec? {
            while position < templates.count {
                defer { position += 1 }
                if let spec = templates[position].spec { return spec }
            }
            return nil
        }
    }
}

extension PodSpec {
    /// The specs of the resource's pod templates (see `PodSpecs`).
    @inlinable public static func all(of resource: Resource) -> PodSpecs { PodSpecs(of: resource) }
}

/// What a `Resource` keeps of each of its pod templates.
@usableFromInline
struct PodTemplateNodes: Sendable {
    @usableFromInline let template: YAMLNode
    @usableFromInline let spec: PodSpec?

    init(template: YAMLNode) {
        self.template = template
        spec = template["spec"].flatMap { $0.isMapping ? PodSpec(node: $0) : nil }
    }

    init(template: YAMLNode, spec: PodSpec?) {
        self.template = template
        self.spec = spec
    }
}

/// `PodSpec`. A class: it is read once per template, and nearly every pod rule takes it from
/// a `PodTemplate`, where copying a struct retained and released both its references.
public final class PodSpec: Sendable {
    public let node: YAMLNode
    /// The value ids of `Field`s (in `keys`' order), found in one pass (see `Container.fields`).
    @usableFromInline let fields: UInt32x14

    @usableFromInline enum Field: Int, CaseIterable {
        case initContainers, containers, ephemeralContainers, volumes, restartPolicy, serviceAccountName
        case serviceAccount, automountServiceAccountToken, securityContext, imagePullSecrets
        case hostNetwork, hostPID, hostIPC, resources
    }
    static let keys = KeySet([
        "initContainers", "containers", "ephemeralContainers", "volumes", "restartPolicy", "serviceAccountName",
        "serviceAccount", "automountServiceAccountToken", "securityContext", "imagePullSecrets",
        "hostNetwork", "hostPID", "hostIPC", "resources",
    ])
    /// Init, regular and ephemeral containers, in that order; read once since nearly every
    /// pod rule walks them.
    public let allContainers: [Container]
    /// Where the regular containers start and end in `allContainers`: rules ask for each kind
    /// on every pod, and slices of the one array cost no allocation.
    @usableFromInline let regularStart: Int
    @usableFromInline let regularEnd: Int

    public convenience init(node: YAMLNode) {
        let fields = Self.fields(of: node)
        var all: [Container] = []
        for (field, kind) in [(Field.initContainers, Container.Kind.initContainer), (.containers, .regular),
                              (.ephemeralContainers, .ephemeral)] {
            guard let list = FieldTable.node(fields, field.rawValue, in: node.document), list.isSequence else { continue }
            all.reserveCapacity(all.count + list.count)
            for item in list.items where item.isMapping { all.append(Container(node: item, kind: kind)) }
        }
        self.init(node: node, fields: fields, allContainers: all)
    }

    convenience init(node: YAMLNode, allContainers: [Container]) {
        self.init(node: node, fields: Self.fields(of: node), allContainers: allContainers)
    }

    static func fields(of node: YAMLNode) -> UInt32x14 {
        FieldTable.make(UInt32x14.self, of: node, keys)
    }

    private init(node: YAMLNode, fields: UInt32x14, allContainers: [Container]) {
        self.node = node
        self.fields = fields
        self.allContainers = allContainers
        regularStart = allContainers.firstIndex { $0.kind != .initContainer } ?? allContainers.count
        regularEnd = allContainers[regularStart...].firstIndex { $0.kind != .regular } ?? allContainers.count
    }

    @inlinable public var initContainers: ArraySlice<Container> { allContainers[..<regularStart] }
    @inlinable public var containers: ArraySlice<Container> { allContainers[regularStart ..< regularEnd] }
    @inlinable public var ephemeralContainers: ArraySlice<Container> { allContainers[regularEnd...] }

    /// The value of `field`, as `node[field name]` finds it.
    @inlinable func value(_ field: Field) -> YAMLNode? { FieldTable.node(fields, field.rawValue, in: node.document) }

    @inlinable public var volumes: SequenceItems { value(.volumes)?.items ?? .empty }
    @inlinable public var restartPolicy: YAMLNode? { value(.restartPolicy) }
    @inlinable public var serviceAccountName: YAMLNode? { value(.serviceAccountName) }
    /// Deprecated alias of `serviceAccountName`.
    @inlinable public var serviceAccount: YAMLNode? { value(.serviceAccount) }
    @inlinable public var automountServiceAccountToken: YAMLNode? { value(.automountServiceAccountToken) }
    @inlinable public var securityContext: YAMLNode? { value(.securityContext) }
    @inlinable public var imagePullSecrets: SequenceItems { value(.imagePullSecrets)?.items ?? .empty }
    @inlinable public var hostNetwork: YAMLNode? { value(.hostNetwork) }
    @inlinable public var hostPID: YAMLNode? { value(.hostPID) }
    @inlinable public var hostIPC: YAMLNode? { value(.hostIPC) }
    /// Pod-level requests and limits (`spec.resources`).
    @inlinable public var resources: YAMLNode? { value(.resources) }
}

/// Value ids of a `KeySet`'s keys in one mapping, by the key's index in the set, held in a
/// tuple of `UInt32` (`absent` where missing). A tuple, not a fixed-size array type: with one
/// of those inside, containers were copied through runtime value witnesses.
@usableFromInline
enum FieldTable {
    @usableFromInline static var absent: UInt32 { .max }

    /// The table of `keys` in `node`, a tuple of exactly `keys.count` `UInt32`s.
    static func make<Storage: BitwiseCopyable>(_ type: Storage.Type, of node: YAMLNode?, _ keys: KeySet) -> Storage {
        precondition(MemoryLayout<Storage>.size == keys.count * MemoryLayout<UInt32>.stride)
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: keys.count) { ids in
            ids.initialize(repeating: absent)
            if let node { node.document.firstValues(in: node.id, of: keys) { ids[$0] = $1 } }
            return UnsafeRawPointer(ids.baseAddress!).loadUnaligned(as: Storage.self)
        }
    }

    @inlinable static func node<Storage: BitwiseCopyable>(_ storage: Storage, _ index: Int, in document: YAMLDocument) -> YAMLNode? {
        let id = withUnsafeBytes(of: storage) { $0.load(fromByteOffset: index &* 4, as: UInt32.self) }
        return id == absent ? nil : YAMLNode(document: document, id: id)
    }
}

@usableFromInline typealias UInt32x12 = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
@usableFromInline typealias UInt32x14 = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                                         UInt32, UInt32)

/// One container of a pod spec. A class: made once per pod spec, read by most pod rules,
/// and its field table (`fields`) would make every copy of a struct 48 bytes longer.
public final class Container: Sendable {
    public enum Kind: String, Sendable {
        case regular = "container", initContainer = "init container", ephemeral = "ephemeral container"
    }

    public let node: YAMLNode
    public let kind: Kind
    /// The value ids of `Field`s (in `keys`' order), found in one pass when the container
    /// is made (`FieldTable.absent` where missing): each is read by several rules, and each read
    /// scanned the container's pairs.
    @usableFromInline let fields: UInt32x12

    @usableFromInline enum Field: Int, CaseIterable {
        case name, image, imagePullPolicy, ports, env, envFrom, resources
        case livenessProbe, readinessProbe, startupProbe, securityContext, volumeMounts
    }
    static let keys = KeySet([
        "name", "image", "imagePullPolicy", "ports", "env", "envFrom", "resources",
        "livenessProbe", "readinessProbe", "startupProbe", "securityContext", "volumeMounts",
    ])

    public init(node: YAMLNode, kind: Kind) {
        self.node = node
        self.kind = kind
        fields = FieldTable.make(UInt32x12.self, of: node, Self.keys)
    }

    /// The value of `field`, as `node[field name]` finds it.
    @inlinable func value(_ field: Field) -> YAMLNode? { FieldTable.node(fields, field.rawValue, in: node.document) }

    @inlinable public var name: String? { nameNode?.scalar }
    @inlinable public var nameNode: YAMLNode? { value(.name) }
    @inlinable public var image: YAMLNode? { value(.image) }
    @inlinable public var imagePullPolicy: YAMLNode? { value(.imagePullPolicy) }
    @inlinable public var ports: SequenceItems { value(.ports)?.items ?? .empty }
    @inlinable public var env: SequenceItems { value(.env)?.items ?? .empty }
    @inlinable public var envFrom: SequenceItems { value(.envFrom)?.items ?? .empty }
    @inlinable public var resources: YAMLNode? { value(.resources) }
    @inlinable public var livenessProbe: YAMLNode? { value(.livenessProbe) }
    @inlinable public var readinessProbe: YAMLNode? { value(.readinessProbe) }
    @inlinable public var startupProbe: YAMLNode? { value(.startupProbe) }
    @inlinable public var securityContext: YAMLNode? { value(.securityContext) }
    @inlinable public var volumeMounts: SequenceItems { value(.volumeMounts)?.items ?? .empty }

    /// Names of the container's declared ports (`ports[].name`).
    public var portNames: Set<String> { Set(ports.compactMap { $0["name"]?.scalar }) }
    /// Numbers of the container's declared ports (`ports[].containerPort`).
    public var portNumbers: Set<Int64> { Set(ports.compactMap { $0["containerPort"]?.intValue }) }
}

/// Where custom resources keep their pod templates.
public enum CustomPodTemplateShapes {
    /// Built-in shapes: `group/Kind` → paths (see `PodTemplate.all(of:extraPaths:)` for the
    /// syntax). An empty list means "has no pod template" (Argo Workflow templates hold bare
    /// containers, not pods), which also turns the shape search off for the kind.
    public static let known: [String: [String]] = {
        var table: [String: [String]] = [
            "argoproj.io/Rollout": ["spec.template"],
            "argoproj.io/Workflow": [], "argoproj.io/WorkflowTemplate": [],
            "argoproj.io/ClusterWorkflowTemplate": [], "argoproj.io/CronWorkflow": [],
            "kubeflow.org/Notebook": ["spec.template"],
            "keda.sh/ScaledJob": ["spec.jobTemplate.spec.template"],
            "serving.knative.dev/Service": ["spec.template"],
            "serving.knative.dev/Configuration": ["spec.template"],
            "apps.openshift.io/DeploymentConfig": ["spec.template"],
            "batch.volcano.sh/Job": ["spec.tasks.*.template"],
            "jobset.x-k8s.io/JobSet": ["spec.replicatedJobs.*.template.spec.template"],
            "leaderworkerset.x-k8s.io/LeaderWorkerSet": [
                "spec.leaderWorkerTemplate.leaderTemplate", "spec.leaderWorkerTemplate.workerTemplate",
            ],
            "ray.io/RayCluster": ["spec.headGroupSpec.template", "spec.workerGroupSpecs.*.template"],
            "ray.io/RayJob": [
                "spec.rayClusterSpec.headGroupSpec.template", "spec.rayClusterSpec.workerGroupSpecs.*.template",
            ],
            "ray.io/RayService": [
                "spec.rayClusterConfig.headGroupSpec.template", "spec.rayClusterConfig.workerGroupSpecs.*.template",
            ],
        ]
        for kind in ["PyTorchJob", "TFJob", "MPIJob", "XGBoostJob", "PaddleJob", "MXJob", "JAXJob"] {
            table["kubeflow.org/" + kind] = ["spec.*ReplicaSpecs.*.template"]
        }
        return table
    }()

    /// Deepest mapping level the shape search looks at, from the object's root.
    public static let maxSearchDepth = 10

    public static func paths(group: String, kind: String) -> [String]? {
        known[group + "/" + kind]
    }

    /// Only custom resources are searched: built-in kinds (core, `apps`, `*.k8s.io`, …)
    /// either are workloads or run no pods.
    static func mayCarryTemplates(group: String) -> Bool {
        group.withUTF8Bytes { $0.contains(UInt8(ascii: ".")) } && !group.hasSuffix(".k8s.io") && group != "palisade.dev"
    }

    /// Whether `node` looks like a pod template: a mapping whose `spec.containers` is a
    /// non-empty list of mappings, one at least with an `image`.
    public static func isPodTemplate(_ node: YAMLNode) -> Bool {
        guard node.isMapping, let spec = node["spec"], spec.isMapping,
              let containers = spec["containers"], containers.isSequence, containers.count > 0 else { return false }
        return containers.items.allSatisfy(\.isMapping) && containers.items.contains { $0["image"] != nil }
    }

    /// The nodes a path leads to; `*` fans out over every key or index, `*Suffix` / `Prefix*`
    /// over matching keys, a number indexes a list.
    public static func resolve(_ segments: ArraySlice<String>, in node: YAMLNode) -> [YAMLNode] {
        guard let first = segments.first else { return [node] }
        let rest = segments.dropFirst()
        if node.isSequence {
            if first == "*" { return node.items.flatMap { resolve(rest, in: $0) } }
            let digits = first.hasPrefix("[") && first.hasSuffix("]") ? String(first.dropFirst().dropLast()) : first
            guard let i = Int(digits), i >= 0, i < node.count else { return [] }
            return resolve(rest, in: node.items[i])
        }
        guard node.isMapping else { return [] }
        if !first.contains("*") { return node[first].map { resolve(rest, in: $0) } ?? [] }
        var result: [YAMLNode] = []
        for (key, value) in node.pairs where matches(first, key.scalar ?? "") {
            result.append(contentsOf: resolve(rest, in: value))
        }
        return result
    }

    /// Glob match of one path segment against a key (`*` any run of characters).
    static func matches(_ pattern: String, _ key: String) -> Bool {
        glob(Array(pattern.unicodeScalars)[...], Array(key.unicodeScalars)[...])
    }

    private static func glob(_ p: ArraySlice<Unicode.Scalar>, _ k: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = p.first else { return k.isEmpty }
        if first == "*" {
            var rest = k
            while true {
                if glob(p.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let c = k.first, c == first else { return false }
        return glob(p.dropFirst(), k.dropFirst())
    }

    /// Shape search: every pod template below `node`, not looking inside one once found, nor
    /// into `metadata`, `status` or embedded objects (mappings with `apiVersion` and `kind`).
    static func search(_ node: YAMLNode, depth: Int, into result: inout [YAMLNode]) {
        guard depth <= maxSearchDepth else { return }
        if isPodTemplate(node) {
            result.append(node)
            return
        }
        // An embedded object (a manifest inside a test case, a composition) is not this
        // resource's pod template.
        if depth > 0, node.isMapping, node["apiVersion"] != nil, node["kind"] != nil { return }
        if node.isMapping {
            for (key, value) in node.pairs where !value.isScalar {
                if depth == 0, key.scalarEquals("metadata") || key.scalarEquals("status") { continue }
                search(value, depth: depth + 1, into: &result)
            }
        } else if node.isSequence {
            for item in node.items where !item.isScalar { search(item, depth: depth + 1, into: &result) }
        }
    }
}
