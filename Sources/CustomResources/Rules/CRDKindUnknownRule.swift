import Engine
import Models

/// A custom resource of a kind its group's CRDs do not define.
public struct CRDKindUnknownRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "crd-kind-unknown", area: "custom-resources", severity: .error,
        summary: "Custom resource kind has no CRD, though its group has CRDs",
        rationale: "When the repository defines CRDs for an API group, a kind of that group without a CRD is most often a typo in kind or apiVersion; the API server answers \"no matches for kind\".",
        remediation: "Fix the kind (the message suggests the closest defined one) or add the CRD that defines it.",
        triggering: [
            RuleExample(Examples.trainingJob("""
                spec: {image: registry.example.com/ml/trainer:3.1.0}
                """, kind: "TrainJob"), at: "33:7"),
        ],
        nonTriggering: [
            RuleExample(Examples.trainingJob("""
                spec: {image: registry.example.com/ml/trainer:3.1.0}
                """)),
        ])

    public var sharedResults: [String] { [CustomResourceChecks.resolutionsResult] }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        for (resource, resolution) in CustomResourceChecks.resolutions(set) {
            guard case .unknownKind(let known) = resolution else { continue }
            var message = "no CRD defines kind \(resource.kind) in group \(resource.identity.group) (defined: \(known.sorted().joined(separator: ", ")))"
            if let close = Suggest.closest(resource.kind, known) ?? known.min(by: {
                Suggest.distance($0.lowercased(), resource.kind.lowercased(), limit: 6)
                    < Suggest.distance($1.lowercased(), resource.kind.lowercased(), limit: 6)
            }) {
                message += "; did you mean \(close)?"
            }
            report.report(message, at: CustomResourceChecks.kindAnchor(resource), in: resource)
        }
    }
}
