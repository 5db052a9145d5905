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
