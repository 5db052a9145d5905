import Engine
import Models

public struct HostPortRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "host-port", area: "security", severity: .warning,
        summary: "A container binds a port on the node (hostPort)",
        rationale: "A hostPort opens the port on the node's IP addresses and bypasses Services and most NetworkPolicy setups. Only one pod per node can use it, so it also limits scheduling and rolling updates. The Pod Security Standards baseline profile forbids host ports. Pods with hostNetwork: true are left to the host-network rule.",
        remediation: "Remove hostPort and expose the port through a Service (ClusterIP, NodePort or LoadBalancer), or through an Ingress or Gateway.",
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: model-cache
            spec:
              selector:
                matchLabels: {app: model-cache}
              template:
                metadata:
                  labels: {app: model-cache}
                spec:
                  containers:
                  - name: cache
                    image: registry.example.com/ml/model-cache:1.1.0
                    ports:
                    - name: http
                      containerPort: 8080
                      hostPort: 8080
            """, at: "18:21")],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: model-cache
            spec:
              selector:
                matchLabels: {app: model-cache}
              template:
                metadata:
                  labels: {app: model-cache}
                spec:
                  containers:
                  - name: cache
                    image: registry.example.com/ml/model-cache:1.1.0
                    ports:
                    - name: http
                      containerPort: 8080
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            guard spec.hostNetwork?.boolValue != true else { continue }
            for container in spec.allContainers {
                for port in container.ports {
                    guard let node = port["hostPort"], let number = node.intValue, number != 0 else { continue }
                    report.report("\(PodSecurityView.describe(container)) binds host port \(number) on the node; expose it through a Service instead",
                                  at: node, in: resource, container: container.name)
                }
            }
        }
    }
}
