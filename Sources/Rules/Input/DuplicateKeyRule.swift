import Engine

public struct DuplicateKeyRule: LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "duplicate-key", area: "input", severity: .error,
        summary: "A mapping repeats a key",
        rationale: "Kubernetes' strict decoder rejects duplicate keys; tools that accept them silently keep one of the values, so what is reviewed is not what is applied.",
        remediation: "Keep one occurrence of the key and merge the values.",
        triggering: [RuleExample("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n", at: "5:3")],
        nonTriggering: [RuleExample("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: b\n")])

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .yaml(let d, let file) = event, d.kind == .duplicateKey else { return }
        report.report(d.message, file: file, position: d.position)
    }
}
