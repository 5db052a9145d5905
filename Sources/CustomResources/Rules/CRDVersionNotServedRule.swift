import Engine
import Models

/// A custom resource whose apiVersion its CRD does not serve.
public struct CRDVersionNotServedRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "crd-version-not-served", area: "custom-resources", severity: .error,
        summary: "Custom resource uses a version its CRD does not serve",
        rationale: "The API server only accepts versions of a CRD marked served: true; an object in a version the CRD does not define, or no longer serves, is rejected with \"no matches for kind\".",
        remediation: "Move the object to a served version of the CRD (the message lists them) and adjust its fields to that version's schema.",
        triggering: [
            RuleExample(Examples.trainingJob("""
                spec: {image: registry.example.com/ml/trainer:3.1.0}
                """, apiVersion: "training.example.com/v1alpha1"), at: "32:13"),
            RuleExample(Examples.trainingJob("""
                spec: {image: registry.example.com/ml/trainer:3.1.0}
                """, apiVersion: "training.example.com/v2"), at: "32:13"),
        ],
        nonTriggering: [
            RuleExample(Examples.trainingJob("""
                spec: {image: registry.example.com/ml/trainer:3.1.0}
                """)),
        ])

    public var sharedResults: [String] { [CustomResourceChecks.resolutionsResult] }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        for (resource, resolution) in CustomResourceChecks.resolutions(set) {
            switch resolution {
            case .unknownVersion(let crd, let version):
                report.report("\(crd.kind) has no version \(version) in its CRD \(crd.resource.name ?? ""); versions: \(CustomResourceChecks.versions(crd))",
                              at: CustomResourceChecks.apiVersionAnchor(resource), in: resource)
            case .notServed(let crd, let version):
                let served = crd.versions.filter(\.served).map(\.name)
                report.report("version \(version.name) of \(crd.kind) is not served by its CRD (served: \(served.isEmpty ? "none" : served.joined(separator: ", "))); the API server rejects the object",
                              at: CustomResourceChecks.apiVersionAnchor(resource), in: resource)
            default:
                continue
            }
        }
    }
}
