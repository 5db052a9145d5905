import Engine
import Models

/// A CRD whose schema the API server would not accept as structural.
public struct CRDStructuralSchemaRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["CustomResourceDefinition"]) }

    public let metadata = RuleMetadata(
        id: "crd-structural-schema", area: "custom-resources", severity: .error,
        summary: "CRD schema is not structural",
        rationale: "apiextensions.k8s.io/v1 requires structural schemas: every node has a type (unless x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields), properties and additionalProperties are exclusive, arrays have one items schema, $ref, definitions and uniqueItems are forbidden, patterns must compile and map lists need keys. A CRD that breaks these is rejected when applied, and nothing that depends on it installs. Every served version also needs a schema.",
        remediation: "Fix the schema node the finding points at; see the Kubernetes documentation on structural schemas.",
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
                            properties:
                              workers: {type: integer}
                              labels:
                                type: object
                                properties: {team: {type: string}}
                                additionalProperties: {type: string}
                """), at: "16:11", "22:17"),
        ],
        nonTriggering: [
            RuleExample(Examples.crd),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard resource.kind == "CustomResourceDefinition" else { return }
        let withSchema = Set(CRDStructure.schemas(of: resource).map(\.version.id))
        for version in resource.spec?["versions"]?.listItems ?? [] where version["served"]?.boolValue == true {
            if !withSchema.contains(version.id) {
                report.report("served version \(version["name"]?.scalar ?? "?") has no schema.openAPIV3Schema; apiextensions.k8s.io/v1 requires one",
                              at: version["name"] ?? version, in: resource)
            }
        }
        for (_, key, schema) in CRDStructure.schemas(of: resource) {
            for problem in CRDStructure.structural(schema, key: key) {
                report.report(problem.message, at: problem.node, in: resource)
            }
        }
    }
}
