import Engine
import Models

public struct UnnamedServicePortRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["Service"]) }

    public let metadata = RuleMetadata(
        id: "unnamed-service-port", area: "networking", severity: .error,
        summary: "A Service with several ports has a port without a name",
        rationale: "A port name is optional only when a Service has a single port; with more, the API server rejects every unnamed entry (`spec.ports[1].name: Required value`), because endpoints and EndpointSlices match Service ports by name.",
        remediation: "Give every port a unique name (a DNS label such as http, grpc or metrics). The finding points at the unnamed port entry.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: inference-gateway
            spec:
              selector:
                app: inference-gateway
              ports:
              - name: http
                port: 80
                targetPort: 8080
              - port: 9090
                targetPort: 9090
            """, at: "12:5")],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: inference-gateway
                spec:
                  selector:
                    app: inference-gateway
                  ports:
                  - port: 80
                    targetPort: 8080
                """),
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: inference-gateway
                spec:
                  selector:
                    app: inference-gateway
                  ports:
                  - name: http
                    port: 80
                  - name: metrics
                    port: 9090
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let service = Service(resource) else { return }
        let ports = service.ports
        guard ports.count > 1 else { return }
        for port in ports where port.name == nil {
            let what = port.port.map { "port \($0)" } ?? "a port"
            report.report("\(what) has no name; every port of a multi-port Service must be named",
                          at: port.nameNode ?? port.node, in: resource)
        }
    }
}
