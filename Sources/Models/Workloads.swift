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
}

/// A pod template wherever it lives: the object itself for a Pod, `spec.template` for
/// controllers, `spec.jobTemplate.spec.template` for CronJobs.
public struct PodTemplate: Sendable {
    /// The mapping holding `metadata` and `spec` of the pod.
    public let node: YAMLNode
    public let owner: Resource
    public let workloadKind: WorkloadKind?

    public init(node: YAMLNode, owner: Resource, workloadKind: WorkloadKind?) {
        self.node = node
        self.owner = owner
        self.workloadKind = workloadKind
    }

    /// The pod template of a built-in workload, if the resource is one and has a template.
    public init?(of resource: Resource) {
        guard let kind = resource.workloadKind else { return nil }
        let templateNode: YAMLNode?
        switch kind {
        case .pod: templateNode = resource.node
        case .cronJob: templateNode = resource.spec?["jobTemplate"]?["spec"]?["template"]
        default: templateNode = resource.spec?["template"]
        }
        guard let templateNode, templateNode.isMapping else { return nil }
        self.init(node: templateNode, owner: resource, workloadKind: kind)
    }

    /// Every pod template of a resource: the built-in workload's own first, then those embedded
    /// in custom resources (Argo Rollouts, Kubeflow `*ReplicaSpecs.<role>.template`, Ray worker
    /// groups, KEDA ScaledJobs, Knative Services, …), in document order.
    ///
    /// `extraPaths` is the `podTemplatePaths` setting of `.palisade.yaml`: dotted paths from the
    /// object's root (`spec.roles.*.template`; `*` is any key or index, `*Specs` any key ending
    /// in `Specs`), keyed by `Kind` or `group/Kind`. Kinds with neither a built-in shape nor
    /// configured paths are searched by shape (a mapping whose `spec.containers` is a list of
    /// mappings with an `image`), to a bounded depth.
    public static func all(of resource: Resource, extraPaths: [String: [String]] = [:]) -> [PodTemplate] {
        if let builtin = PodTemplate(of: resource) { return [builtin] }
        if resource.workloadKind != nil { return [] }
        // Built-in kinds that are not workloads (Services, ConfigMaps, RBAC, …) run no pods: answer
        // them before any table lookup, since every pod rule asks for every resource.
        if extraPaths.isEmpty, resource.podTemplatePaths.isEmpty, !CustomPodTemplateShapes.mayCarryTemplates(resource) {
            return []
        }
        let group = resource.identity.group
        let configured = (extraPaths[resource.kind] ?? []) + (extraPaths[group + "/" + resource.kind] ?? [])
            + resource.podTemplatePaths
        let known = CustomPodTemplateShapes.paths(group: group, kind: resource.kind)
        if configured.isEmpty, known == nil, !CustomPodTemplateShapes.mayCarryTemplates(resource) { return [] }
        var nodes: [YAMLNode] = []
        var seen = Set<UInt32>()
        func add(_ node: YAMLNode) {
            if seen.insert(node.id).inserted { nodes.append(node) }
        }
        for path in (known ?? []) + configured {
            let segments = path.split(separator: ".").map(String.init)
            for node in CustomPodTemplateShapes.resolve(segments[...], in: resource.node)
            where node.isMapping && node["spec"]?.isMapping == true {
                add(node)
            }
        }
        if known == nil && configured.isEmpty {
            CustomPodTemplateShapes.search(resource.node, depth: 0, into: &nodes)
        }
        return nodes.sorted { $0.id < $1.id }.map { PodTemplate(node: $0, owner: resource, workloadKind: nil) }
    }

    public var metadata: ObjectMeta { ObjectMeta(node: node["metadata"]) }
    public var labels: StringMap { metadata.labels }
    public var spec: PodSpec? { node["spec"].flatMap { $0.isMapping ? PodSpec(node: $0) : nil } }
}

/// `PodSpec`.
public struct PodSpec: Sendable {
    public let node: YAMLNode

    public init(node: YAMLNode) { self.node = node }

    public var containers: [Container] { Container.list(node["containers"], kind: .regular) }
    public var initContainers: [Container] { Container.list(node["initContainers"], kind: .initContainer) }
    public var ephemeralContainers: [Container] { Container.list(node["ephemeralContainers"], kind: .ephemeral) }
    /// Regular, init and ephemeral containers, in that order.
    public var allContainers: [Container] {
        var all: [Container] = []
        for (key, kind) in [("initContainers", Container.Kind.initContainer), ("containers", .regular),
                            ("ephemeralContainers", .ephemeral)] {
            guard let list = node[key], list.isSequence else { continue }
            all.reserveCapacity(all.count + list.count)
            for item in list.items where item.isMapping { all.append(Container(node: item, kind: kind)) }
        }
        return all
    }

    public var volumes: [YAMLNode] { node["volumes"]?.listItems ?? [] }
    public var restartPolicy: YAMLNode? { node["restartPolicy"] }
    public var serviceAccountName: YAMLNode? { node["serviceAccountName"] }
    /// Deprecated alias of `serviceAccountName`.
    public var serviceAccount: YAMLNode? { node["serviceAccount"] }
    public var automountServiceAccountToken: YAMLNode? { node["automountServiceAccountToken"] }
    public var securityContext: YAMLNode? { node["securityContext"] }
    public var imagePullSecrets: [YAMLNode] { node["imagePullSecrets"]?.listItems ?? [] }
    public var hostNetwork: YAMLNode? { node["hostNetwork"] }
    public var hostPID: YAMLNode? { node["hostPID"] }
    public var hostIPC: YAMLNode? { node["hostIPC"] }
}

/// One container of a pod spec.
public struct Container: Sendable {
    public enum Kind: String, Sendable {
        case regular = "container", initContainer = "init container", ephemeral = "ephemeral container"
    }

    public let node: YAMLNode
    public let kind: Kind

    public init(node: YAMLNode, kind: Kind) {
        self.node = node
        self.kind = kind
    }

    static func list(_ node: YAMLNode?, kind: Kind) -> [Container] {
        guard let node, node.isSequence else { return [] }
        return node.items.filter(\.isMapping).map { Container(node: $0, kind: kind) }
    }

    public var name: String? { node["name"]?.scalar }
    public var image: YAMLNode? { node["image"] }
    public var imagePullPolicy: YAMLNode? { node["imagePullPolicy"] }
    public var ports: [YAMLNode] { node["ports"]?.listItems ?? [] }
    public var env: [YAMLNode] { node["env"]?.listItems ?? [] }
    public var envFrom: [YAMLNode] { node["envFrom"]?.listItems ?? [] }
    public var resources: YAMLNode? { node["resources"] }
    public var livenessProbe: YAMLNode? { node["livenessProbe"] }
    public var readinessProbe: YAMLNode? { node["readinessProbe"] }
    public var startupProbe: YAMLNode? { node["startupProbe"] }
    public var securityContext: YAMLNode? { node["securityContext"] }
    public var volumeMounts: [YAMLNode] { node["volumeMounts"]?.listItems ?? [] }

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
    public static func mayCarryTemplates(_ resource: Resource) -> Bool {
        let group = resource.identity.group
        return group.contains(".") && !group.hasSuffix(".k8s.io") && group != "palisade.dev" && resource.workloadKind == nil
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
