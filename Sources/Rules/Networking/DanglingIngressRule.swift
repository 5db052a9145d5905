import Engine
import Models

public struct DanglingIngressRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "dangling-ingress", area: "networking", severity: .error,
        summary: "An Ingress backend names a Service, or a Service port, that does not exist",
        rationale: "An Ingress routes a path to a Service in its own namespace, by Service port number or name (not targetPort). When the Service is missing or has no such port the controller answers 503 or drops the route. A missing Service is reported only when the checked manifests define Services in that namespace (or with --strict-references), so a repository holding only Ingresses stays quiet; a wrong port on a Service that is present is always reported.",
        remediation: "Point backend.service.name at an existing Service of the Ingress's namespace and backend.service.port at one of its ports (number = the Service's port, name = the Service port's name).",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: mlflow
              namespace: ml-tracking
            spec:
              selector:
                app: mlflow
              ports:
              - name: http
                port: 80
                targetPort: 5000
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: mlflow
              namespace: ml-tracking
            spec:
              ingressClassName: nginx
              tls:
              - hosts: [mlflow.example.com]
                secretName: mlflow-tls
              rules:
              - host: mlflow.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: mlflow
                        port:
                          number: 5000
                  - path: /artifacts
                    pathType: Prefix
                    backend:
                      service:
                        name: mlflow-artifacts
                        port:
                          name: http
            """, at: "34:23", "39:19")],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: mlflow
                  namespace: ml-tracking
                spec:
                  selector:
                    app: mlflow
                  ports:
                  - name: http
                    port: 80
                    targetPort: 5000
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: mlflow
                  namespace: ml-tracking
                spec:
                  defaultBackend:
                    service:
                      name: mlflow
                      port:
                        name: http
                  rules:
                  - http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: mlflow
                            port:
                              number: 80
                """),
            RuleExample("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: mlflow
                  namespace: ml-tracking
                spec:
                  defaultBackend:
                    service:
                      name: mlflow
                      port:
                        number: 80
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let ingresses = set.ofKind("Ingress").filter { set.isReported($0) }
        guard !ingresses.isEmpty else { return }
        var services: [String: Service] = [:]
        var namespaces: Set<String> = []
        for resource in set.ofKind("Service") {
            guard let service = Service(resource), let name = resource.name else { continue }
            services[namespacedKey(resource.namespace, name)] = service
            namespaces.insert(resource.namespace ?? "")
        }
        for resource in ingresses {
            guard let ingress = Ingress(resource), ingress.isV1 else { continue }
            let strict = context.strictReferences || namespaces.contains(resource.namespace ?? "")
            for backend in ingress.backends {
                guard let name = backend.serviceName, let nameNode = backend.serviceNameNode else { continue }
                guard let service = services[namespacedKey(resource.namespace, name)] else {
                    if strict {
                        report.report("backend Service \"\(name)\" is not defined in \(describeNamespace(resource.namespace))",
                                      at: nameNode, in: resource)
                    }
                    continue
                }
                let ports = service.ports
                guard !service.isExternalName, !ports.isEmpty else { continue }
                if let node = backend.portNumberNode, let number = node.intValue {
                    if !ports.contains(where: { $0.port == number }) {
                        report.report("Service \"\(name)\" has no port \(number) (its ports: \(Self.describe(ports))); the backend port is the Service's port, not its targetPort",
                                      at: node, in: resource)
                    }
                } else if let node = backend.portNameNode, let portName = node.scalar {
                    if !ports.contains(where: { $0.name == portName }) {
                        report.report("Service \"\(name)\" has no port named \"\(portName)\" (its ports: \(Self.describe(ports)))",
                                      at: node, in: resource)
                    }
                }
            }
        }
    }

    static func describe(_ ports: [ServicePort]) -> String {
        ports.map { p in
            let number = p.port.map(String.init) ?? "?"
            return p.name.map { "\($0)/\(number)" } ?? number
        }.joined(separator: ", ")
    }
}
