import Engine
import Models

/// A custom resource that does not fit its CRD's `openAPIV3Schema`.
public struct CRDSchemaViolationRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "crd-schema-violation", area: "custom-resources", severity: .error,
        summary: "Custom resource does not match its CRD's schema",
        rationale: "The API server decodes custom resources against the openAPIV3Schema of their CRD version: unknown fields are rejected by strict field validation (kubectl's default) or silently pruned, and wrong types, missing required fields, values outside enum, pattern, format or bounds, and duplicate set or map-list items are rejected at apply time.",
        remediation: "Fix the field the finding points at; the message says what the schema expects and, for unknown fields, which field was probably meant.",
        triggering: [
            RuleExample(Examples.trainingJob("""
                spec:
                  image: registry.example.com/ml/trainer:3.1.0
                  worker: 8
                """), at: "37:3"),
            RuleExample(Examples.trainingJob("""
                spec:
                  workers: "8"
                """), at: "35:1", "36:12"),
        ],
        nonTriggering: [
            RuleExample(Examples.trainingJob("""
                spec:
                  image: registry.example.com/ml/trainer:3.1.0
                  workers: 8
                """)),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        for (resource, issue) in CustomResourceChecks.issues(set, evaluateRules: false) where issue.kind == .schema {
            report.report(issue.message, at: issue.node, in: resource)
        }
    }
}
