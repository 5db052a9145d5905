import Engine

/// Reported by the engine's suppression pass (`Suppressions`), which alone knows whether an
/// ignore annotation matched a finding; this type carries the rule's metadata and examples.
public struct UnusedSuppressionRule: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        id: Suppressions.unusedRuleID, area: "metadata", severity: .info,
        summary: "A palisade.dev/ignore annotation suppresses nothing",
        rationale: "Suppressions outlive the problems they hid: once the manifest is fixed, a stale ignore would silently hide the next regression of the same rule on that resource.",
        remediation: "Remove the rule from the palisade.dev/ignore annotation (or the annotation itself).",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              annotations:
                palisade.dev/ignore: "missing-name"
            """, at: "6:26")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            """)])
}
