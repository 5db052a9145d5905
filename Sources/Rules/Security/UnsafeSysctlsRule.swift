import Engine
import KubeFormats
import Models

public struct UnsafeSysctlsRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "unsafe-sysctls", area: "security", severity: .warning,
        summary: "A pod sets a sysctl outside Kubernetes' safe set",
        rationale: "Only a small set of namespaced sysctls is safe: it cannot affect other pods or the node. The kubelet rejects pods that set any other sysctl (SysctlForbidden) unless it runs with --allowed-unsafe-sysctls, and the Pod Security Standards baseline profile forbids them. A sysctl outside Linux's namespaced groups (kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*, net.*) is node-wide: no pod may set it, so that is an error. The safe set depends on the Kubernetes version (--kubernetes-version).",
        remediation: "Remove the sysctl, tune it on the nodes instead (for example with a node-tuning operator), or, if the cluster's kubelets allow it, list its name in the allowedUnsafeSysctls parameter (a trailing * matches a prefix, as in --allowed-unsafe-sysctls).",
        parameters: [RuleParameter("allowedUnsafeSysctls", "Sysctl names or prefix patterns (ending in *) the cluster's kubelets allow", default: "[]")],
        triggering: [RuleExample("""
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
                  securityContext:
                    sysctls:
                    - name: net.ipv4.ip_local_port_range
                      value: "1024 65000"
                    - name: net.core.somaxconn
                      value: "4096"
                    - name: vm.max_map_count
                      value: "262144"
                  containers:
                  - name: db
                    image: registry.example.com/ml/qdrant:1.12.1
            """, at: "17:17", "19:17")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: inference
            spec:
              securityContext:
                sysctls:
                - name: net.ipv4.ip_unprivileged_port_start
                  value: "0"
                - name: kernel.shm_rmid_forced
                  value: "1"
              containers:
              - name: server
                image: registry.example.com/ml/triton:24.08
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        guard !pod.isWindows,
              let sysctls = pod.podContext?["sysctls"], sysctls.isSequence, sysctls.count > 0 else { return }
        let version = KubernetesVersion(context.rules.kubernetesVersion) ?? .defaultTarget
        let allowed = listParameter(context.rules, metadata.id, "allowedUnsafeSysctls", default: [])
        for item in sysctls.items {
            guard let nameNode = item["name"], let raw = nameNode.scalar, !raw.isEmpty else { continue }
            let name = Sysctls.normalize(raw)
            if Sysctls.isSafe(name, in: version) || Self.matches(name, allowed) { continue }
            if let issue = Sysctls.validateName(raw) {
                report.report("sysctl \"\(raw)\" is not a valid name: \(issue.message)", at: nameNode, in: resource, severity: .error)
            } else if !Sysctls.isNamespaced(name) {
                report.report("sysctl \"\(raw)\" is node-wide, not namespaced; no pod may set it and the kubelet rejects the pod",
                              at: nameNode, in: resource, severity: .error)
            } else if let later = Sysctls.safe.first(where: { $0.name == name }), let added = later.addedIn {
                report.report("sysctl \"\(raw)\" is only in the safe set from Kubernetes \(added.major).\(added.minor) (target \(version.major).\(version.minor)); older kubelets reject the pod",
                              at: nameNode, in: resource)
            } else {
                report.report("sysctl \"\(raw)\" is not in the safe set; the kubelet rejects the pod unless --allowed-unsafe-sysctls lists it",
                              at: nameNode, in: resource)
            }
        }
    }

    /// Whether the name matches one of the kubelet-style patterns (`net.core.*`, exact names).
    static func matches(_ name: String, _ patterns: [String]) -> Bool {
        for pattern in patterns {
            let p = Sysctls.normalize(pattern)
            if p.hasSuffix("*") {
                if name.hasPrefix(p.dropLast()) { return true }
            } else if p == name {
                return true
            }
        }
        return false
    }
}
