import Engine
import Models

/// A CEL rule of a CRD that does not compile.
public struct CRDInvalidValidationRuleRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "crd-invalid-validation-rule", area: "custom-resources", severity: .error,
        summary: "x-kubernetes-validations rule or messageExpression does not compile",
        rationale: "The API server compiles every CEL rule of a CRD when the CRD is applied and rejects the CRD when one does not compile (syntax errors, unknown variables or functions); no custom resource of it can then be created.",
        remediation: "Fix the expression at the column the message gives; rules may use self (the value at their schema node) and oldSelf.",
        triggering: [
            RuleExample(Examples.definition(versions: """
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              workers: {type: integer}
                            x-kubernetes-validations:
                            - rule: self.workers <= 64 &&
                              message: at most 64 workers
                            - rule: workers > 0
                """), at: "21:21", "23:21"),
        ],
        nonTriggering: [
            RuleExample(Examples.crd),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for (_, key, schema) in CRDStructure.schemas(of: resource) {
            for (path, entry) in CRDStructure.validationRules(schema, path: key.scalar ?? "openAPIV3Schema") {
                for field in ["rule", "messageExpression"] {
                    guard let node = entry[field], let source = node.scalar,
                          let problem = CRDStructure.compileProblem(source) else { continue }
                    report.report("\(field) at \(path) does not compile: \(problem)", at: node, in: resource)
                }
            }
        }
    }
}
