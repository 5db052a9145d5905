import Engine

public struct YAMLSyntaxRule: LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "yaml-syntax", area: "input", severity: .error,
        summary: "The file is not valid YAML",
        rationale: "kubectl and the API server refuse a manifest that does not parse; nothing in the document after the error is applied. Documents before the error are still checked.",
        remediation: "Fix the syntax at the position shown: usually indentation, a tab used for indentation, or an unclosed quote or bracket.",
        triggering: [
            RuleExample("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n", at: "4:1"),
            RuleExample("apiVersion: v1\nkind: ConfigMap\ndata: {a: \"open}\n"),
            RuleExample("a: *undefined\n", at: "1:4"),
        ],
        nonTriggering: [RuleExample("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")])

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .yaml(let d, let file) = event, d.kind == .syntax || d.kind == .unknownAnchor else { return }
        report.report("YAML syntax error: \(d.message)", file: file, position: d.position)
    }
}
