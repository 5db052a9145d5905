import Engine
import Models

/// Custom resources whose CRD is not among the inputs: reported once per kind.
public struct CustomResourceWithoutCRDRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "custom-resource-without-crd", area: "custom-resources", severity: .info,
        summary: "Custom resource kind has no CRD among the inputs; only policies check it",
        rationale: "Without its CRD Palisade cannot validate a custom resource's fields; only policies and the workload rules (for the pod templates it carries) see it. Reported once per kind, at its first object.",
        remediation: "Pass the CRDs with --context (or --crds) so the objects are validated, or disable this rule when the CRDs live elsewhere.",
        triggering: [
            RuleExample("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web, namespace: shop}
                spec: {secretName: web-tls, dnsNames: [shop.example.com]}
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: api, namespace: shop}
                spec: {secretName: api-tls, dnsNames: [api.example.com]}
                """, at: "2:7"),
        ],
        nonTriggering: [
            RuleExample(Examples.trainingJob("""
                spec: {image: registry.example.com/ml/trainer:3.1.0}
                """)),
        ])

    public var sharedResults: [String] { [CustomResourceChecks.resolutionsResult] }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        var seen = Set<String>()
        for (resource, resolution) in CustomResourceChecks.resolutions(set) {
            guard case .noCRD = resolution,
                  seen.insert(resource.identity.group + "/" + resource.kind).inserted else { continue }
            report.report("no CRD for \(resource.kind) (\(resource.identity.group)) among the inputs; its fields are not validated (policies and pod-template rules still apply)",
                          at: CustomResourceChecks.kindAnchor(resource), in: resource)
        }
    }
}
