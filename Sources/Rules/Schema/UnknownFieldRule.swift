import Engine
import Models

public struct UnknownFieldRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "unknown-field", area: "schema", severity: .error,
        summary: "A field that the kind does not have",
        rationale: "The API server rejects unknown fields (strict field validation, the default for kubectl since 1.27) or drops them silently with older clients. Either way the setting the author meant never takes effect: a capitalised `Secret:` under a volume, or `name:` at the top level after a copy-paste lost its indentation.",
        remediation: "Use the field name the message suggests, or fix the indentation so the field sits under the right parent.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                  volumes:
                  - name: creds
                    Secret:
                      secretName: creds
                """, at: "11:5"),
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  labels: {app: web}
                name: web
                spec: {}
                """, at: "5:1"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
              volumes:
              - name: creds
                secret:
                  secretName: creds
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for issue in context.schemaIssues where issue.kind == .unknownField {
            report.report(issue.message, at: issue.node, in: resource)
        }
    }
}
