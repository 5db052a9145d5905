import Engine
import Models

public struct NamespaceWithoutNetworkPolicyRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "namespace-without-network-policy", area: "networking", severity: .warning,
        summary: "A namespace runs workloads but no NetworkPolicy applies there",
        rationale: "Pods that no NetworkPolicy selects accept traffic from, and send traffic to, every pod in the cluster: one compromised notebook can reach every model server and database. A default-deny policy per namespace, opened up by specific policies, limits that. Off by default because policies are often managed centrally, outside the application's repository.",
        remediation: "Add a NetworkPolicy to the namespace, typically a default deny (podSelector: {} with policyTypes [Ingress, Egress]) plus policies allowing the traffic each workload needs. The finding points at the Namespace object's name when the manifests define it, else at the first workload's metadata.namespace (or metadata).",
        enabledByDefault: false,
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: feature-api
              namespace: ml-features
            spec:
              selector:
                matchLabels:
                  app: feature-api
              template:
                metadata:
                  labels:
                    app: feature-api
                spec:
                  containers:
                  - name: api
                    image: registry.example.com/feature-api:0.9.2
            """, at: "5:14")],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: feature-api
              namespace: ml-features
            spec:
              selector:
                matchLabels:
                  app: feature-api
              template:
                metadata:
                  labels:
                    app: feature-api
                spec:
                  containers:
                  - name: api
                    image: registry.example.com/feature-api:0.9.2
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny
              namespace: ml-features
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """)])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        var covered: Set<String> = []
        for resource in set.ofKind("NetworkPolicy") where NetworkPolicy(resource) != nil {
            covered.insert(resource.namespace ?? "")
        }
        var namespaceObjects: [String: Resource] = [:]
        for resource in set.ofKind("Namespace") {
            if let name = resource.name, namespaceObjects[name] == nil { namespaceObjects[name] = resource }
        }
        var reportedNamespaces: Set<String> = []
        for resource in set.podTemplateOwners where WorkloadKind(rawValue: resource.kind) != nil && set.isReported(resource) {
            let ns = resource.namespace ?? ""
            guard !covered.contains(ns), !reportedNamespaces.contains(ns) else { continue }
            // Pods that a controller in the set owns are counted through the controller.
            if resource.kind == "Pod", resource.metadata.node?["ownerReferences"] != nil { continue }
            reportedNamespaces.insert(ns)
            let message = "\(describeNamespace(resource.namespace)) runs workloads but has no NetworkPolicy; its pods accept traffic from any pod"
            if let namespace = resource.namespace, let object = namespaceObjects[namespace], set.isReported(object),
               let nameNode = object.metadata.node?["name"] {
                report.report(message, at: nameNode, in: object)
            } else {
                let at = resource.metadata.node?["namespace"] ?? resource.node.keyNode("metadata") ?? resource.node
                report.report(message, at: at, in: resource)
            }
        }
    }
}
