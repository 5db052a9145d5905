import Engine
import Models

public struct YAML11BooleanRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "yaml11-boolean", area: "schema", severity: .error,
        summary: "An unquoted yes/no/on/off/y/n where Kubernetes expects a string",
        rationale: "Kubernetes decodes YAML with YAML 1.1 rules, where unquoted `yes`, `no`, `on`, `off`, `y` and `n` are booleans. In a string field (env values, labels, annotations) the API server then rejects the manifest, or a tool that converts it stores \"true\" instead of \"yes\".",
        remediation: "Quote the value: `\"no\"`.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: flags
              labels:
                canary: no
            """, at: "6:13")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: flags
              labels:
                canary: "no"
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for issue in context.schemaIssues where issue.kind == .yaml11Boolean {
            report.report(issue.message, at: issue.node, in: resource)
        }
    }
}
