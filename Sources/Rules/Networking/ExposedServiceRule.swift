import Engine
import Models

public struct ExposedServiceRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "exposed-service", area: "networking", severity: .info,
        summary: "A Service of type NodePort or LoadBalancer is reachable from outside the cluster",
        rationale: "A NodePort Service opens its port on every node, and a LoadBalancer Service asks the cloud for an external address as well. Either makes the workload reachable from outside the cluster network, which should be a deliberate choice, reviewed like any other public endpoint. Load balancers made internal with a cloud annotation are not reported.",
        remediation: "Use type ClusterIP behind an Ingress or Gateway that terminates TLS and authenticates, or keep the exposure and suppress this finding with a reason. The finding points at spec.type.",
        enabledByDefault: false,
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: label-studio
              namespace: ml-labeling
            spec:
              type: NodePort
              selector:
                app: label-studio
              ports:
              - port: 8080
            """, at: "7:9")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: label-studio
              namespace: ml-labeling
            spec:
              selector:
                app: label-studio
              ports:
              - port: 8080
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let service = Service(resource), let typeNode = service.typeNode else { return }
        if typeNode.scalarEquals("NodePort") {
            report.report("type NodePort opens the Service's ports on every node", at: typeNode, in: resource)
        } else if typeNode.scalarEquals("LoadBalancer"), !LoadBalancerSourceRangesRule.isInternal(resource.metadata.annotations) {
            report.report("type LoadBalancer gives the Service an address reachable from outside the cluster",
                          at: typeNode, in: resource)
        }
    }
}
