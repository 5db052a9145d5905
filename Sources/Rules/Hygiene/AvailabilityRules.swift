import Engine
import Models
import YAMLTree

/// Replica counts and autoscaler targets shared by the availability rules.
enum Availability {
    /// Kinds with `spec.replicas` and a pod template.
    static let replicatedKinds = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]

    /// `spec.replicas` (1 when unset), or nil when it is not a number.
    static func replicas(_ resource: Resource) -> Int64? {
        guard let node = resource.spec?["replicas"] else { return 1 }
        return node.intValue
    }

    struct Target: Hashable {
        var namespace: String?
        var kind: String
        var name: String
    }

    /// Workloads whose replica count an autoscaler owns: HorizontalPodAutoscaler and KEDA
    /// ScaledObject `scaleTargetRef`s (KEDA's kind defaults to Deployment).
    static func autoscaled(_ set: ResourceSet) -> Set<Target> {
        var targets: Set<Target> = []
        for scaler in set.ofKinds(["HorizontalPodAutoscaler", "ScaledObject"]) {
            guard let ref = scaler.spec?["scaleTargetRef"], let name = ref["name"]?.scalar else { continue }
            let kind = ref["kind"]?.scalar ?? "Deployment"
            targets.insert(Target(namespace: scaler.namespace, kind: kind, name: name))
        }
        return targets
    }

    static func target(_ resource: Resource) -> Target {
        Target(namespace: resource.namespace, kind: resource.kind, name: resource.name ?? "")
    }

    /// Where a finding about the replica count goes: the `replicas` value, else the `spec` key.
    static func replicasAnchor(_ resource: Resource) -> YAMLNode {
        resource.spec?["replicas"] ?? resource.node.keyNode("spec") ?? resource.node
    }
}

public struct SingleReplicaRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "single-replica", area: "availability", severity: .info,
        summary: "Deployment or StatefulSet runs a single replica",
        rationale: "With one replica every node drain, eviction, rollout of a StatefulSet or crash is an outage. An unset replicas means 1. Workloads scaled by a HorizontalPodAutoscaler or KEDA ScaledObject in the same set, and replicas: 0 (deliberately scaled down), are not reported.",
        remediation: "Set spec.replicas to 2 or more (with a PodDisruptionBudget and anti-affinity or topology spread), or let an autoscaler manage the count.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: vector-db
                spec:
                  serviceName: vector-db
                  selector:
                    matchLabels: {app: vector-db}
                  template:
                    metadata:
                      labels: {app: vector-db}
                    spec:
                      containers:
                      - name: db
                        image: qdrant/qdrant:v1.11.0
                """, at: "6:13", "21:1"),
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
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: inference
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: inference}
                  minReplicas: 2
                  maxReplicas: 10
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: vector-db
                spec:
                  replicas: 3
                  serviceName: vector-db
                  selector:
                    matchLabels: {app: vector-db}
                  template:
                    metadata:
                      labels: {app: vector-db}
                    spec:
                      containers:
                      - name: db
                        image: qdrant/qdrant:v1.11.0
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let workloads = set.ofKinds(["Deployment", "StatefulSet"])
        guard !workloads.isEmpty else { return }
        let autoscaled = Availability.autoscaled(set)
        for workload in workloads where set.isReported(workload) {
            guard workload.spec?.isMapping == true, Availability.replicas(workload) == 1,
                  !autoscaled.contains(Availability.target(workload)) else { continue }
            let how = workload.spec?["replicas"] == nil ? "sets no replicas, so it runs 1" : "runs 1 replica"
            report.report("\(workload.kind) \(how); any eviction, node drain or crash is an outage",
                          at: Availability.replicasAnchor(workload), in: workload)
        }
    }
}

public struct MissingPodDisruptionBudgetRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "missing-pod-disruption-budget", area: "availability", severity: .warning,
        summary: "Multi-replica workload has no PodDisruptionBudget",
        rationale: "Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica at once, so running several replicas does not protect against voluntary disruptions. Off by default because budgets often live in another repository.",
        remediation: "Add a policy/v1 PodDisruptionBudget in the same namespace whose selector matches the pod template labels, with maxUnavailable: 1 (or a minAvailable below the replica count).",
        enabledByDefault: false,
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                  namespace: serving
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                """, at: "7:13"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                  namespace: serving
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference, tier: serving}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: inference
                  namespace: serving
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels: {app: inference}
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let workloads = set.ofKinds(["Deployment", "StatefulSet"])
        guard !workloads.isEmpty else { return }
        let autoscaled = Availability.autoscaled(set)
        let budgets = set.ofKind("PodDisruptionBudget").compactMap { pdb -> (String?, LabelSelector)? in
            guard let selector = pdb.spec?["selector"], selector.isMapping else { return nil }
            return (pdb.namespace, LabelSelector(selector: selector))
        }
        for workload in workloads where set.isReported(workload) {
            let scaled = autoscaled.contains(Availability.target(workload))
            guard scaled || (Availability.replicas(workload) ?? 0) >= 2,
                  let template = PodTemplate(of: workload) else { continue }
            let labels = template.labels.dictionary
            if budgets.contains(where: { $0.0 == workload.namespace && $0.1.matches(labels) }) { continue }
            let count = scaled ? "is autoscaled" : "runs \(Availability.replicas(workload) ?? 0) replicas"
            report.report("\(workload.kind) \(count) but no PodDisruptionBudget selects its pods; a drain may evict them all at once",
                          at: Availability.replicasAnchor(workload), in: workload)
        }
    }
}

public struct PDBBlocksEvictionRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "pdb-blocks-eviction", area: "availability", severity: .warning,
        summary: "PodDisruptionBudget allows no voluntary eviction",
        rationale: "A budget with maxUnavailable 0 (or 0%), minAvailable 100%, or a minAvailable at or above the replica count of the workload it selects never allows an eviction: kubectl drain and node upgrades hang until someone deletes the budget by hand. Workloads scaled by an autoscaler are not compared, since their replica count moves.",
        remediation: "Use maxUnavailable: 1 (or a percentage), or a minAvailable below the number of replicas.",
        triggering: [
            RuleExample("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: feature-store
                spec:
                  maxUnavailable: 0
                  selector:
                    matchLabels: {app: feature-store}
                ---
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
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: inference
                spec:
                  minAvailable: 1
                  selector:
                    matchLabels: {app: inference}
                """, at: "6:19", "30:17"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: inference
                spec:
                  minAvailable: 2
                  selector:
                    matchLabels: {app: inference}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: training-workers
                spec:
                  maxUnavailable: 10%
                  selector:
                    matchLabels: {app: training-workers}
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let budgets = set.ofKind("PodDisruptionBudget")
        guard !budgets.isEmpty else { return }
        let workloads = set.ofKinds(Availability.replicatedKinds)
        let autoscaled = Availability.autoscaled(set)
        for pdb in budgets where set.isReported(pdb) {
            guard let spec = pdb.spec else { continue }
            if let max = spec["maxUnavailable"], let value = Self.value(max), value.amount == 0 {
                report.report("maxUnavailable \(max.scalar ?? "0") allows no eviction; node drains will hang",
                              at: max, in: pdb)
            }
            guard let min = spec["minAvailable"], let value = Self.value(min) else { continue }
            if value.percent {
                if value.amount >= 100 {
                    report.report("minAvailable \(min.scalar ?? "") allows no eviction; node drains will hang", at: min, in: pdb)
                    continue
                }
            }
            guard let selectorNode = spec["selector"], selectorNode.isMapping else { continue }
            let selector = LabelSelector(selector: selectorNode)
            var total: Int64 = 0
            var names: [String] = []
            var comparable = true
            for workload in workloads where workload.namespace == pdb.namespace {
                guard let template = PodTemplate(of: workload), selector.matches(template.labels.dictionary) else { continue }
                guard !autoscaled.contains(Availability.target(workload)), let replicas = Availability.replicas(workload) else {
                    comparable = false
                    break
                }
                total += replicas
                names.append("\(workload.kind)/\(workload.name ?? "<unnamed>")")
            }
            guard comparable, total > 0 else { continue }
            // The disruption controller rounds percentages up.
            let required = value.percent ? (value.amount * total + 99) / 100 : value.amount
            if required >= total {
                report.report("minAvailable \(min.scalar ?? "") leaves no pod to evict: \(names.joined(separator: ", ")) runs \(total) replica\(total == 1 ? "" : "s"); node drains will hang",
                              at: min, in: pdb)
            }
        }
    }

    /// An int-or-percent value: `2`, `"2"`, `50%`.
    static func value(_ node: YAMLNode) -> (amount: Int64, percent: Bool)? {
        if let n = node.intValue { return (n, false) }
        guard let text = node.scalar else { return nil }
        if text.hasSuffix("%"), let n = Int64(text.dropLast()) { return (n, true) }
        return Int64(text).map { ($0, false) }
    }
}
