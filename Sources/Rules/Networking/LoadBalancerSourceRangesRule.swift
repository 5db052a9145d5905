import Engine
import Models

public struct LoadBalancerSourceRangesRule: ResourceRule {
    public init() {}

    /// Annotations (and the values that mean "internal") that keep a cloud load balancer on
    /// the private network. An empty value list accepts any value but "false".
    static let internalAnnotations: [(key: String, values: [String])] = [
        ("networking.gke.io/load-balancer-type", ["internal"]),
        ("cloud.google.com/load-balancer-type", ["internal"]),
        ("service.beta.kubernetes.io/aws-load-balancer-internal", []),
        ("service.beta.kubernetes.io/aws-load-balancer-scheme", ["internal"]),
        ("service.beta.kubernetes.io/azure-load-balancer-internal", ["true"]),
        ("service.beta.kubernetes.io/oci-load-balancer-internal", ["true"]),
        ("service.beta.kubernetes.io/openstack-internal-load-balancer", ["true"]),
        ("service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", ["private"]),
        ("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", ["intranet"]),
    ]
    static let sourceRangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges"

    public let metadata = RuleMetadata(
        id: "load-balancer-source-ranges", area: "networking", severity: .warning,
        summary: "A LoadBalancer Service accepts traffic from any address",
        rationale: "Without spec.loadBalancerSourceRanges a cloud load balancer accepts connections from the whole internet. Model endpoints, notebooks and dashboards exposed this way are found by scanners within hours. Internal load balancers (GKE, AWS, Azure, OCI, OpenStack, IBM and Alibaba annotations) stay on the private network and are not reported.",
        remediation: "List the client networks in spec.loadBalancerSourceRanges (or the service.beta.kubernetes.io/load-balancer-source-ranges annotation), make the load balancer internal with your cloud's annotation, or write 0.0.0.0/0 explicitly for a service that is meant to be public. The finding points at spec.type.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: llm-gateway
              namespace: ml-serving
            spec:
              type: LoadBalancer
              selector:
                app: llm-gateway
              ports:
              - name: https
                port: 443
                targetPort: 8443
            """, at: "7:9")],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: llm-gateway
                  namespace: ml-serving
                spec:
                  type: LoadBalancer
                  loadBalancerSourceRanges:
                  - 203.0.113.0/24
                  selector:
                    app: llm-gateway
                  ports:
                  - name: https
                    port: 443
                """),
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: llm-gateway
                  namespace: ml-serving
                  annotations:
                    networking.gke.io/load-balancer-type: Internal
                spec:
                  type: LoadBalancer
                  selector:
                    app: llm-gateway
                  ports:
                  - name: https
                    port: 443
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let service = Service(resource), let typeNode = service.typeNode, typeNode.scalarEquals("LoadBalancer") else { return }
        if let ranges = service.loadBalancerSourceRanges, ranges.count > 0 { return }
        let annotations = resource.metadata.annotations
        if let ranges = annotations[Self.sourceRangesAnnotation], !ranges.isEmpty { return }
        if Self.isInternal(annotations) { return }
        report.report("LoadBalancer Service \"\(resource.name ?? "")\" has no loadBalancerSourceRanges; it accepts traffic from any address",
                      at: typeNode, in: resource)
    }

    static func isInternal(_ annotations: StringMap) -> Bool {
        guard !annotations.isEmpty else { return false }
        for (key, values) in internalAnnotations {
            guard let value = annotations[key]?.lowercased() else { continue }
            if values.isEmpty ? (value != "false" && !value.isEmpty) : values.contains(value) { return true }
        }
        return false
    }
}
