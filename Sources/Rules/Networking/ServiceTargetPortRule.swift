import Engine
import KubeFormats
import Models
import YAMLTree

public struct ServiceTargetPortRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "service-target-port", area: "networking", severity: .error,
        summary: "A Service's named targetPort is not a port name of any selected container",
        rationale: "A named targetPort is looked up, per pod, among the container ports with that name and the Service port's protocol. When no selected container declares it, no pod becomes an endpoint for that port and the Service port silently drops traffic. A quoted number (\"8080\") is a name too, and an invalid one, which the API server rejects.",
        remediation: "Name the container port (ports[].name) as the targetPort says, fix the spelling, or use the port number. Numeric targetPorts need no declaration; see service-target-port-undeclared for those.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: triton
                  namespace: ml-serving
                spec:
                  selector:
                    matchLabels:
                      app: triton
                  template:
                    metadata:
                      labels:
                        app: triton
                    spec:
                      containers:
                      - name: triton
                        image: nvcr.io/nvidia/tritonserver:24.08-py3
                        ports:
                        - name: http
                          containerPort: 8000
                        - name: grpc
                          containerPort: 8001
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: triton
                  namespace: ml-serving
                spec:
                  selector:
                    app: triton
                  ports:
                  - name: http
                    port: 8000
                    targetPort: http
                  - name: metrics
                    port: 8002
                    targetPort: metrics
                """, at: "38:17"),
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: triton
                spec:
                  selector:
                    app: triton
                  ports:
                  - port: 8000
                    targetPort: "8000"
                """, at: "10:17"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: triton
            spec:
              selector:
                matchLabels:
                  app: triton
              template:
                metadata:
                  labels:
                    app: triton
                spec:
                  containers:
                  - name: triton
                    image: nvcr.io/nvidia/tritonserver:24.08-py3
                    ports:
                    - name: http
                      containerPort: 8000
                  - name: exporter
                    image: registry.example.com/gpu-exporter:1.4.0
                    ports:
                    - name: metrics
                      containerPort: 9400
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: triton
            spec:
              selector:
                app: triton
              ports:
              - name: http
                port: 8000
                targetPort: http
              - name: metrics
                port: 9400
                targetPort: metrics
              - name: grpc
                port: 8001
            """)])

    public var sharedResults: [String] { [PodIndex.sharedResult] }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let services = set.ofKind("Service")
        guard !services.isEmpty else { return }
        // Names that can never resolve are wrong whatever the pods are.
        var invalid: Set<YAMLNode> = []
        for resource in services where set.isReported(resource) {
            guard let service = Service(resource), !service.isExternalName else { continue }
            for port in service.ports {
                guard let node = port.targetPortNode, case .name(let name)? = port.target,
                      let issue = Names.portName(name) else { continue }
                invalid.insert(node)
                if name.allSatisfy(\.isNumber) {
                    report.report("targetPort \"\(name)\" is quoted, so it is read as a port name; write \(name) without quotes",
                                  at: node, in: resource)
                } else {
                    report.report("targetPort \"\(name)\" is not a valid port name: \(issue.message)", at: node, in: resource)
                }
            }
        }
        let index = PodIndex.shared(by: set)
        for (service, pods) in index.servicesWithKnownPods(in: set) {
            for port in service.ports {
                guard let node = port.targetPortNode, !invalid.contains(node),
                      case .name(let name)? = port.target else { continue }
                let proto = port.protocolName
                var otherProtocol: String?
                var declared: Set<String> = []
                var found = false
                search: for pod in pods {
                    for container in pod.spec?.servingContainers ?? [] {
                        for p in container.ports {
                            guard let n = p["name"]?.scalar else { continue }
                            let pp = p["protocol"]?.scalar ?? "TCP"
                            if n == name {
                                if pp == proto { found = true; break search }
                                otherProtocol = pp
                            }
                            declared.insert(n)
                        }
                    }
                }
                if found { continue }
                if let otherProtocol {
                    report.report("targetPort \"\(name)\" is a \(otherProtocol) port of the selected containers but the Service port is \(proto)",
                                  at: node, in: service.resource)
                } else {
                    let names = declared.isEmpty ? "they declare no named ports" : "they declare " + declared.sorted().joined(separator: ", ")
                    report.report("targetPort \"\(name)\" is not a port name of any container the Service selects (\(names))",
                                  at: node, in: service.resource)
                }
            }
        }
    }
}
