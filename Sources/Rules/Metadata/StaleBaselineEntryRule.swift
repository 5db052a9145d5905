import Engine

/// Reported by `Baseline.apply` when `check --baseline` finds an entry that no longer
/// occurs; this type carries the rule's metadata.
public struct StaleBaselineEntryRule: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        id: Baseline.staleRuleID, area: "metadata", severity: .info,
        summary: "A baseline entry whose finding no longer occurs",
        rationale: "A baseline hides known findings while a team adopts Palisade. Entries for findings that were fixed only keep the file growing and would hide the same problem if it came back.",
        remediation: "Recreate the baseline with `palisade baseline create -o FILE` to drop fixed entries.",
        triggering: [],
        nonTriggering: [RuleExample("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n")])
}
