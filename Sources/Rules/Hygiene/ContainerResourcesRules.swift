import Engine
import Models
import YAMLTree

/// What the resource rules share: which containers are checked and where a missing entry is reported.
enum ContainerResources {
    /// Regular and init containers of every pod template (ephemeral containers cannot set resources).
    static func forEach(_ resource: Resource, _ body: (PodTemplate, Container) -> Void) {
        Hygiene.forEachContainer(resource, ephemeral: false, body)
    }

    /// Whether the pod-level `spec.resources` (PodLevelResources) sets `section.name`.
    static func podLevel(_ template: PodTemplate, _ section: String, _ name: String) -> Bool {
        template.spec?.resources?[section]?[name] != nil
    }

    /// The deepest existing node on the way to `resources.<section>`: the section key, the
    /// `resources` key, or the container's name.
    static func anchor(_ container: Container, section: String) -> YAMLNode {
        if let resources = container.resources, resources.isMapping {
            return resources.keyNode(section) ?? container.node.keyNode("resources") ?? Hygiene.anchor(of: container)
        }
        return container.node.keyNode("resources") ?? Hygiene.anchor(of: container)
    }

    /// Reports a container of a pod template that sets neither `requests.<name>` nor `limits.<name>`
    /// (the API copies a limit into a missing request), unless the pod sets it at pod level.
    static func reportMissingRequest(_ name: String, _ why: String, _ resource: Resource, _ report: inout FindingSink) {
        forEach(resource) { template, container in
            let resources = container.resources
            if resources?["requests"]?[name] != nil || resources?["limits"]?[name] != nil { return }
            if podLevel(template, "requests", name) || podLevel(template, "limits", name) { return }
            report.report("\(Hygiene.describe(container)) has no \(name) request; \(why)",
                          at: anchor(container, section: "requests"), in: resource, container: container.name)
        }
    }
}

public struct MissingCPURequestRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "missing-cpu-request", area: "resources", severity: .warning,
        summary: "Container sets no CPU request",
        rationale: "The scheduler places pods by their requests. Without a CPU request the container is scheduled as if it needed nothing, lands on busy nodes and gets the smallest CPU share under contention. A CPU limit alone is enough: the API copies it into the request.",
        remediation: "Set resources.requests.cpu to the CPU the container needs at steady load (e.g. 500m). The finding points at the requests key, else at resources, else at the container name.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                        resources:
                          requests:
                            memory: 8Gi
                      - name: exporter
                        image: registry.example.com/ml/exporter:1.2
                """, at: "16:11", "18:15"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                        resources:
                          requests: {cpu: "2", memory: 8Gi}
                      - name: exporter
                        image: registry.example.com/ml/exporter:1.2
                        resources:
                          limits: {cpu: 100m, memory: 128Mi}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        ContainerResources.reportMissingRequest("cpu", "the scheduler treats it as needing no CPU", resource, &report)
    }
}

public struct MissingMemoryRequestRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "missing-memory-request", area: "resources", severity: .warning,
        summary: "Container sets no memory request",
        rationale: "Without a memory request the scheduler packs the pod onto nodes that cannot hold its working set, and under memory pressure the kubelet evicts pods using more than they requested first. A memory limit alone is enough: the API copies it into the request.",
        remediation: "Set resources.requests.memory to the container's steady working set (e.g. 2Gi). The finding points at the requests key, else at resources, else at the container name.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                        resources:
                          requests:
                            cpu: "8"
                            nvidia.com/gpu: "1"
                """, at: "13:11"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                        resources:
                          requests: {cpu: "8", memory: 32Gi}
                          limits: {memory: 32Gi, nvidia.com/gpu: "1"}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        ContainerResources.reportMissingRequest("memory", "the scheduler may place it on a node without room for it", resource, &report)
    }
}

public struct MissingMemoryLimitRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "missing-memory-limit", area: "resources", severity: .warning,
        summary: "Container sets no memory limit",
        rationale: "Memory is not compressible: a container without a limit can grow until the node runs out, and the kernel's OOM killer or the kubelet's eviction then hits other pods on the node too. A leak in one notebook can take down a node's inference servers.",
        remediation: "Set resources.limits.memory (commonly equal to the request, which also avoids surprise OOM kills when the node is full). The finding points at the limits key, else at resources, else at the container name.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  containers:
                  - name: jupyter
                    image: quay.io/jupyter/scipy-notebook:2024-10-07
                    resources:
                      requests: {cpu: "1", memory: 4Gi}
                      limits:
                        cpu: "2"
                """, at: "11:7"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  containers:
                  - name: jupyter
                    image: quay.io/jupyter/scipy-notebook:2024-10-07
                    resources:
                      requests: {cpu: "1", memory: 4Gi}
                      limits: {memory: 4Gi}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        ContainerResources.forEach(resource) { template, container in
            if container.resources?["limits"]?["memory"] != nil || ContainerResources.podLevel(template, "limits", "memory") { return }
            report.report("\(Hygiene.describe(container)) has no memory limit; it can use all of the node's memory",
                          at: ContainerResources.anchor(container, section: "limits"), in: resource, container: container.name)
        }
    }
}

public struct CPULimitRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "cpu-limit-set", area: "resources", severity: .info,
        summary: "Container sets a CPU limit",
        rationale: "CPU limits are enforced by CFS quota: a container that uses its quota early in a 100 ms period is throttled for the rest of it even when the node is idle, which shows up as latency spikes in inference servers and slow data loaders. A CPU request already guarantees the container its share under contention.",
        remediation: "Remove resources.limits.cpu and rely on resources.requests.cpu, unless you need Guaranteed QoS (with CPU pinning) or strict tenant isolation.",
        enabledByDefault: false,
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                        resources:
                          requests: {cpu: "2", memory: 8Gi}
                          limits: {cpu: "4", memory: 8Gi}
                """, at: "17:25"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                        resources:
                          requests: {cpu: "2", memory: 8Gi}
                          limits: {memory: 8Gi}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        ContainerResources.forEach(resource) { _, container in
            guard let limit = container.resources?["limits"]?["cpu"] else { return }
            report.report("\(Hygiene.describe(container)) has a CPU limit (\(limit.scalar ?? "?")); it is throttled at the limit even on an idle node",
                          at: limit, in: resource, container: container.name)
        }
    }
}
