import Engine

public struct NotAResourceRule: LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "not-a-resource", area: "input", severity: .info,
        summary: "A YAML document is not a Kubernetes object (no apiVersion or kind)",
        rationale: "Repositories mix manifests with other YAML (Helm values, CI configuration). Such documents are skipped; the note makes sure a manifest that lost its apiVersion or kind is not skipped unnoticed.",
        remediation: "Add apiVersion and kind if the document is a manifest; otherwise exclude the file in .palisade.yaml.",
        triggering: [RuleExample("replicas: 3\nimage: web\n", at: "1:1"), RuleExample("- a\n- b\n", at: "1:1")],
        nonTriggering: [RuleExample("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n")])

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .decode(let issue) = event, issue.kind == .notAResource || issue.kind == .notAnObject else { return }
        report.report(issue.message, file: issue.node.file, position: issue.node.position,
                      sourceTemplate: issue.node.document.sourceComment)
    }
}
