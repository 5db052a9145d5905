import Engine
import Models

/// A custom resource that fails an `x-kubernetes-validations` rule of its CRD.
public struct CRDValidationRuleRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "crd-validation-rule", area: "custom-resources", severity: .error,
        summary: "Custom resource fails a CEL validation rule of its CRD",
        rationale: "x-kubernetes-validations rules are CEL expressions the API server evaluates with self bound to the value at the schema node where the rule is declared; an object for which a rule is false is rejected with the rule's message. Palisade evaluates them as on create: transition rules (those reading oldSelf) are skipped unless optionalOldSelf is set, in which case oldSelf is an empty optional.",
        remediation: "Change the object so the rule holds; the message is the rule's message (or messageExpression), placed at the rule's fieldPath when it names one.",
        triggering: [
            RuleExample(Examples.trainingJob("""
                spec:
                  image: registry.example.com/ml/trainer:3.1.0
                  workers: 128
                """), at: "35:1"),
        ],
        nonTriggering: [
            RuleExample(Examples.trainingJob("""
                spec:
                  image: registry.example.com/ml/trainer:3.1.0
                  workers: 64
                """)),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        for (resource, issue) in CustomResourceChecks.issues(set, evaluateRules: true) where issue.kind == .validationRule {
            report.report(issue.message, at: issue.node, in: resource)
        }
    }
}
