import Engine
import Models

public struct InvalidTypeRule: ResourceRule, LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "invalid-type", area: "schema", severity: .error,
        summary: "A value of the wrong type for its field",
        rationale: "The API server rejects a manifest where a string field holds a number (`value: 8080` in an env var), an integer field holds a string (`replicas: \"3\"`) or a list stands where a map belongs. kubectl reports it only at apply time, after review.",
        remediation: "Quote numbers meant as strings, unquote numbers meant as integers, and use the structure the field expects.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: "3"
                """, at: "6:13"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    env:
                    - name: PORT
                      value: 8080
                """, at: "11:14"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for issue in context.schemaIssues where issue.kind == .wrongType {
            report.report(issue.message, at: issue.node, in: resource)
        }
    }

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .decode(let issue) = event, issue.kind == .badEnvelope else { return }
        report.report(issue.message, file: issue.node.file, position: issue.node.position)
    }
}
