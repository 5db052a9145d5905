import Engine
import Models

public struct SensitiveHostPathRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "sensitive-host-path", area: "security", severity: .error,
        summary: "A pod mounts a sensitive node path (/, /etc, /proc, a container runtime socket, /var/lib/kubelet, …)",
        rationale: "Some hostPath volumes hand the node over to the pod. A container runtime socket (docker.sock, containerd.sock, crio.sock) lets it start a privileged container. /var/lib/kubelet and /etc/kubernetes hold node credentials and every pod's secrets. /proc exposes other processes' environment, and / or /etc expose everything. A read-only mount still leaks credentials.",
        remediation: "Remove the hostPath volume. Use a ConfigMap, Secret, projected or emptyDir volume for configuration and scratch space, and a CSI driver for node storage. A node agent that truly needs the path should run in a separate, locked-down namespace, with a suppression that gives the reason. Paths are compared after cleaning (// . ..); sub-paths of the runtime, kubelet and credential directories count.",
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: image-prefetcher
            spec:
              selector:
                matchLabels: {app: image-prefetcher}
              template:
                metadata:
                  labels: {app: image-prefetcher}
                spec:
                  containers:
                  - name: prefetch
                    image: registry.example.com/ml/prefetcher:0.4.0
                    volumeMounts:
                    - name: containerd
                      mountPath: /run/containerd/containerd.sock
                    - name: kubelet
                      mountPath: /var/lib/kubelet
                      readOnly: true
                  volumes:
                  - name: containerd
                    hostPath:
                      path: /var/run/containerd/containerd.sock
                      type: Socket
                  - name: kubelet
                    hostPath:
                      path: /var/lib/kubelet/
            """, at: "24:17", "28:17")],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: log-shipper
            spec:
              selector:
                matchLabels: {app: log-shipper}
              template:
                metadata:
                  labels: {app: log-shipper}
                spec:
                  containers:
                  - name: shipper
                    image: fluent/fluent-bit:3.1.9
                    volumeMounts:
                    - name: localtime
                      mountPath: /etc/localtime
                      readOnly: true
                  volumes:
                  - name: localtime
                    hostPath:
                      path: /etc/localtime
                      type: File
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            for volume in HostPaths.volumes(of: spec) {
                guard let reason = HostPaths.sensitivity(of: volume.path) else { continue }
                report.report("hostPath volume \"\(volume.name)\" mounts \(volume.path) from the node: \(reason)",
                              at: volume.pathNode, in: resource)
            }
        }
    }
}
