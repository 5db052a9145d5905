import Engine
import Models

public struct HostPIDRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "host-pid", area: "security", severity: .error,
        summary: "A pod shares the node's process namespace (hostPID: true)",
        rationale: "With hostPID the containers see every process on the node, including other pods' processes and the kubelet. They can read their environment (and the secrets in it) through /proc. With ptrace or root they can signal those processes or inject code into them. The Pod Security Standards baseline profile forbids it.",
        remediation: "Remove hostPID. To inspect processes of your own pod, use shareProcessNamespace: true, which shares processes only between the pod's containers.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: gpu-profiler
            spec:
              hostPID: true
              containers:
              - name: nsys
                image: registry.example.com/ml/nsight-systems:2024.5
            """, at: "6:12")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: gpu-profiler
            spec:
              shareProcessNamespace: true
              containers:
              - name: nsys
                image: registry.example.com/ml/nsight-systems:2024.5
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        reportHostNamespace("hostPID", "its containers see and can signal every process on the node", resource, &report)
    }
}
