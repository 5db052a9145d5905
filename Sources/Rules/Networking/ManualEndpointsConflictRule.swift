import Engine
import Models

public struct ManualEndpointsConflictRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "manual-endpoints-conflict", area: "networking", severity: .warning,
        summary: "A hand-written Endpoints object belongs to a Service that has a selector",
        rationale: "For a Service with a selector the endpoints controller owns the Endpoints object of the same name and rewrites it from the selected pods, so addresses written by hand are overwritten within seconds; the manifest suggests a routing that never happens.",
        remediation: "Either remove the Service's spec.selector (hand-managed endpoints), or delete the Endpoints object and let the selector choose the pods. The finding points at the Endpoints object's subsets key.",
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
              - port: 5000
            ---
            apiVersion: v1
            kind: Endpoints
            metadata:
              name: mlflow
              namespace: ml-tracking
            subsets:
            - addresses:
              - ip: 10.30.1.7
              ports:
              - port: 5000
            """, at: "17:1")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: mlflow
              namespace: ml-tracking
            spec:
              ports:
              - port: 5000
            ---
            apiVersion: v1
            kind: Endpoints
            metadata:
              name: mlflow
              namespace: ml-tracking
            subsets:
            - addresses:
              - ip: 10.30.1.7
              ports:
              - port: 5000
            """)])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let endpoints = set.ofKind("Endpoints").filter { set.isReported($0) && Endpoints($0) != nil }
        guard !endpoints.isEmpty else { return }
        var selecting: Set<String> = []
        for resource in set.ofKind("Service") {
            if let service = Service(resource), service.hasSelector, !service.isExternalName, let name = resource.name {
                selecting.insert(namespacedKey(resource.namespace, name))
            }
        }
        for resource in endpoints {
            guard let name = resource.name, selecting.contains(namespacedKey(resource.namespace, name)) else { continue }
            let at = resource.node.keyNode("subsets") ?? resource.metadata.node?["name"] ?? resource.node
            report.report("Service \"\(name)\" has a selector, so the endpoints controller overwrites this Endpoints object",
                          at: at, in: resource)
        }
    }
}
