import Engine
import Models
import YAMLTree

public struct DuplicateContainerPortRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "duplicate-container-port", area: "workloads", severity: .warning,
        summary: "A pod declares the same container port (number and protocol) or port name twice",
        rationale: "A pod's containers share one network namespace, so two declarations of the same port and protocol cannot both be served. Services and probes that target the port reach whichever process bound it. Port names must be unique within the pod: a duplicate name inside one container is rejected by the API server (an error here), and across containers it makes a Service's named targetPort ambiguous. Regular containers and sidecar (restartPolicy: Always) init containers are compared.",
        remediation: "Remove the duplicate declaration, or give the second port its own number and name. The finding points at the later duplicate.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: triton
                spec:
                  selector:
                    matchLabels: {app: triton}
                  template:
                    metadata:
                      labels: {app: triton}
                    spec:
                      containers:
                      - name: triton
                        image: nvcr.io/nvidia/tritonserver:24.08-py3
                        ports:
                        - name: http
                          containerPort: 8000
                        - name: grpc
                          containerPort: 8001
                        - name: metrics
                          containerPort: 8000
                      - name: exporter
                        image: registry.example.com/ml/exporter:1.4.0
                        ports:
                        - name: metrics
                          containerPort: 9400
                """, at: "21:26", "25:17"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: ray-head
                spec:
                  containers:
                  - name: ray
                    image: rayproject/ray:2.38.0
                    ports:
                    - name: gcs
                      containerPort: 6379
                    - name: gcs
                      containerPort: 8265
                """, at: "12:13"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: dns-cache
            spec:
              containers:
              - name: cache
                image: registry.example.com/infra/dns-cache:1.23.1
                ports:
                - name: dns
                  containerPort: 53
                  protocol: UDP
                - name: dns-tcp
                  containerPort: 53
                  protocol: TCP
            """)])

    private struct Seen {
        let container: Int
        let node: YAMLNode
    }

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        // Searched in order rather than hashed: a pod declares a handful of ports, and a
        // dictionary (and a "number/protocol" string per port) cost more than the scan.
        var numbers: [(number: Int64, proto: String, seen: Seen)] = []
        var names: [(name: String, seen: Seen)] = []
        for (index, container) in pod.concurrentContainers.enumerated() {
            var describe: String { PodSecurityView.describe(container) }  // for findings only
            for port in container.ports {
                if let numberNode = port["containerPort"], let number = numberNode.intValue {
                    let proto = port["protocol"]?.scalar ?? "TCP"
                    if let first = numbers.first(where: { $0.number == number && $0.proto == proto })?.seen {
                        let whereFirst = first.container == index ? "" : " in another container"
                        report.report("\(describe) declares port \(number)/\(proto) again (first at line \(first.node.position.line)\(whereFirst)); only one process can bind it",
                                      at: numberNode, in: resource, container: container.name)
                    } else {
                        numbers.append((number, proto, Seen(container: index, node: numberNode)))
                    }
                }
                if let nameNode = port["name"], let name = nameNode.scalar, !name.isEmpty {
                    if let first = names.first(where: { $0.name == name })?.seen {
                        if first.container == index {
                            report.report("\(describe) declares port name \"\(name)\" twice (first at line \(first.node.position.line)); the API server rejects the pod",
                                          at: nameNode, in: resource, severity: .error, container: container.name)
                        } else {
                            report.report("\(describe) reuses port name \"\(name)\" of another container (line \(first.node.position.line)); port names must be unique within the pod",
                                          at: nameNode, in: resource, container: container.name)
                        }
                    } else {
                        names.append((name, Seen(container: index, node: nameNode)))
                    }
                }
            }
        }
    }
}
