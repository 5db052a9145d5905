import Engine
import KubeFormats
import Models

public struct DangerousCapabilitiesRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    /// Capabilities that amount to node compromise: error severity. Other capabilities from
    /// `Capabilities.dangerous` and any outside the baseline set are warnings.
    static let severe: Set<String> = [
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "DAC_READ_SEARCH", "BPF",
        "MAC_ADMIN", "MAC_OVERRIDE",
    ]

    public let metadata = RuleMetadata(
        id: "dangerous-capabilities", area: "security", severity: .warning,
        summary: "A container adds a dangerous Linux capability, or one outside the baseline set",
        rationale: "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, BPF or ALL give near-root power over the node and are the usual route out of a container. They are errors. NET_ADMIN, NET_RAW and any other capability outside the runtime default set break the Pod Security Standards baseline profile; these are warnings. An unknown name makes the container runtime fail to create the container.",
        remediation: "Remove the capability from securityContext.capabilities.add and find the narrower mechanism the workload needs: a device plugin for GPUs or RDMA, a CSI driver instead of FUSE mounts with SYS_ADMIN, or the CNI for network setup. Capabilities you accept can be listed in the allowedCapabilities parameter.",
        parameters: [RuleParameter("allowedCapabilities", "Capabilities (without CAP_) that are never reported", default: "[]")],
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: gpu-telemetry
                spec:
                  selector:
                    matchLabels: {app: gpu-telemetry}
                  template:
                    metadata:
                      labels: {app: gpu-telemetry}
                    spec:
                      containers:
                      - name: collector
                        image: registry.example.com/ml/dcgm-exporter:3.3.8
                        securityContext:
                          capabilities:
                            add: ["SYS_ADMIN", "NET_BIND_SERVICE", "CAP_NET_ADMIN"]
                """, at: "17:19", "17:52"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: rdma-trainer
                spec:
                  containers:
                  - name: trainer
                    image: registry.example.com/ml/trainer:3.1.0
                    securityContext:
                      capabilities:
                        drop: ["ALL"]
                        add:
                        - IPC_LOCK
                        - SYS_RESOURCES
                """, at: "13:11", "14:11"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: gateway
            spec:
              containers:
              - name: gateway
                image: registry.example.com/ml/gateway:2.0.0
                securityContext:
                  capabilities:
                    drop: ["ALL"]
                    add: ["NET_BIND_SERVICE", "CHOWN"]
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        guard !pod.isWindows else { return }
        var allowed: Set<String>?
        for container in pod.spec.allContainers where !pod.isPrivileged(container) {
            let added = pod.capabilities("add", of: container)
            if added.isEmpty { continue }
            if allowed == nil {
                allowed = Set(listParameter(context.rules, metadata.id, "allowedCapabilities", default: [])
                    .map(Capabilities.normalize))
            }
            var name: String { PodSecurityView.describe(container) }  // for findings only
            for (capability, node) in added where !allowed!.contains(capability) {
                let text = node.scalar ?? capability
                if !Capabilities.isKnown(capability) {
                    report.report("\(name) adds unknown capability \"\(text)\"; the container runtime will fail to create the container",
                                  at: node, in: resource, container: container.name)
                } else if let reason = Capabilities.dangerReason(capability) {
                    report.report("\(name) adds \(capability): \(reason)", at: node, in: resource,
                                  severity: Self.severe.contains(capability) ? .error : .warning, container: container.name)
                } else if !Capabilities.baselineAllowed.contains(capability) {
                    report.report("\(name) adds \(capability), which the Pod Security Standards baseline profile does not allow",
                                  at: node, in: resource, container: container.name)
                }
            }
        }
    }
}
