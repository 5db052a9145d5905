import Engine
import Models

public struct HostNetworkRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "host-network", area: "security", severity: .warning,
        summary: "A pod shares the node's network namespace (hostNetwork: true)",
        rationale: "With hostNetwork the pod sees every interface of the node and can reach services bound to the node's localhost. It bypasses NetworkPolicies and its ports clash with other host-network pods. The Pod Security Standards baseline profile forbids it. CNI plugins and some node agents need it; ordinary workloads do not.",
        remediation: "Remove hostNetwork and expose the workload through a Service (or a hostPort-free DaemonSet plus a NodePort Service). For multi-node training traffic, use a secondary network (Multus, SR-IOV) instead of the host network.",
        triggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: nccl-allreduce
            spec:
              template:
                spec:
                  hostNetwork: true
                  restartPolicy: Never
                  containers:
                  - name: worker
                    image: registry.example.com/ml/nccl-tests:2.13.11
            """, at: "8:20")],
        nonTriggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: nccl-allreduce
            spec:
              template:
                spec:
                  hostNetwork: false
                  restartPolicy: Never
                  containers:
                  - name: worker
                    image: registry.example.com/ml/nccl-tests:2.13.11
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        reportHostNamespace("hostNetwork", "it sees the node's interfaces and localhost services and bypasses NetworkPolicies",
                            resource, &report)
    }
}
