import Engine
import Models

public struct PrivilegedContainerRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "privileged-container", area: "security", severity: .error,
        summary: "A container runs privileged (or as a Windows HostProcess container)",
        rationale: "A privileged container gets every capability, all host devices and no seccomp or AppArmor confinement: root in it is root on the node. A Windows HostProcess container runs directly on the host. Both are forbidden by the Pod Security Standards baseline profile.",
        remediation: "Remove securityContext.privileged (or set it to false) and grant only the capabilities and devices the workload needs (for GPUs, use the device plugin resource such as nvidia.com/gpu). Remove windowsOptions.hostProcess unless the pod is a node agent.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: gpu-debug
                spec:
                  containers:
                  - name: debug
                    image: nvidia/cuda:12.4.1-base-ubuntu22.04
                    securityContext:
                      privileged: true
                """, at: "10:19"),
            RuleExample("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: win-exporter
                spec:
                  selector:
                    matchLabels: {app: win-exporter}
                  template:
                    metadata:
                      labels: {app: win-exporter}
                    spec:
                      os: {name: windows}
                      hostNetwork: true
                      securityContext:
                        windowsOptions:
                          hostProcess: true
                      containers:
                      - name: exporter
                        image: ghcr.io/prometheus-community/windows-exporter:0.29.2
                """, at: "16:24"),
        ],
        nonTriggering: [SecurityExamples.restrictedPod])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        var podReported = false
        let podHostProcess = pod.podContext?["windowsOptions"]?["hostProcess"]
        for container in pod.spec.allContainers {
            var name: String { PodSecurityView.describe(container) }  // for findings only
            if let node = pod.context(of: container)?["privileged"], node.boolValue == true {
                report.report("\(name) runs privileged: it has every capability and all host devices",
                              at: node, in: resource, container: container.name)
            }
            let own = pod.context(of: container)?["windowsOptions"]?["hostProcess"]
            guard let hostProcess = own ?? podHostProcess, hostProcess.boolValue == true else { continue }
            let atPod = own == nil
            if atPod {
                if !podReported {
                    podReported = true
                    report.report("pod runs as a Windows HostProcess pod: its containers run directly on the node",
                                  at: hostProcess, in: resource)
                }
            } else {
                report.report("\(name) is a Windows HostProcess container: it runs directly on the node",
                              at: hostProcess, in: resource, container: container.name)
            }
        }
    }
}
