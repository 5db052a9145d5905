import Engine
import Models

public struct ServiceWithoutEndpointsRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "service-without-endpoints", area: "networking", severity: .warning,
        summary: "A Service without a selector has no Endpoints or EndpointSlice",
        rationale: "Kubernetes fills in the endpoints of a Service only from its selector. A Service without one (other than type ExternalName) routes traffic only to the addresses of a hand-written Endpoints object of the same name or EndpointSlices labelled kubernetes.io/service-name; with neither it has no backends. A missing selector is also a common templating slip. Because endpoints are often managed outside the repository, the check runs only for namespaces where the checked manifests define Endpoints or EndpointSlices, or with --strict-references.",
        remediation: "Add a spec.selector matching the backing pods, add an Endpoints object (or an EndpointSlice labelled kubernetes.io/service-name) with the Service's name, or use type: ExternalName for an external DNS name. The finding points at the Service's spec key.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: feature-store
              namespace: ml-data
            spec:
              ports:
              - port: 5432
            ---
            apiVersion: v1
            kind: Endpoints
            metadata:
              name: feature-store-db
              namespace: ml-data
            subsets:
            - addresses:
              - ip: 10.20.0.15
              ports:
              - port: 5432
            """, at: "6:1")],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: feature-store
                  namespace: ml-data
                spec:
                  ports:
                  - name: postgres
                    port: 5432
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: feature-store-1
                  namespace: ml-data
                  labels:
                    kubernetes.io/service-name: feature-store
                addressType: IPv4
                ports:
                - name: postgres
                  port: 5432
                endpoints:
                - addresses: ["10.20.0.15"]
                """),
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: warehouse
                  namespace: ml-data
                spec:
                  type: ExternalName
                  externalName: warehouse.db.example.com
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        var endpoints: Set<String> = []
        var namespaces: Set<String> = []
        for resource in set.ofKind("Endpoints") where Endpoints(resource) != nil {
            if let name = resource.name { endpoints.insert(namespacedKey(resource.namespace, name)) }
            namespaces.insert(resource.namespace ?? "")
        }
        for resource in set.ofKind("EndpointSlice") {
            guard let slice = EndpointSlice(resource) else { continue }
            if let name = slice.serviceName { endpoints.insert(namespacedKey(resource.namespace, name)) }
            namespaces.insert(resource.namespace ?? "")
        }
        for resource in set.ofKind("Service") where set.isReported(resource) {
            guard let service = Service(resource), !service.isExternalName, !service.hasSelector,
                  let name = resource.name else { continue }
            guard context.strictReferences || namespaces.contains(resource.namespace ?? "") else { continue }
            guard !endpoints.contains(namespacedKey(resource.namespace, name)) else { continue }
            report.report("Service \"\(name)\" has no selector and no Endpoints or EndpointSlice of that name; it has no backends",
                          at: resource.node.keyNode("spec") ?? resource.node, in: resource)
        }
    }
}
