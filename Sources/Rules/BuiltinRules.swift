import Engine

/// Every rule Palisade ships, in the order `palisade rules` lists them (by area, then id).
public enum BuiltinRules {
    public static let all: [any Rule] = {
        let rules: [any Rule] = [
            // input
            YAMLSyntaxRule(), FileEncodingRule(), DuplicateKeyRule(), AliasBombRule(), InputLimitRule(),
            UnreadableFileRule(), NotAResourceRule(),
            // schema
            UnknownFieldRule(), InvalidTypeRule(), YAML11BooleanRule(),
            // metadata
            MissingNameRule(), UnusedSuppressionRule(), StaleBaselineEntryRule(),
            // workloads
            SelectorMismatchRule(),
            // jobs
            JobRestartPolicyRule(),
        ] + WorkloadSecurityRules.all + WorkloadHygieneRules.all + NetworkingRules.all + SecretRules.all
            + RBACRules.all
        // Sorted by keys read once per rule: a comparison that read `metadata` copied it (a
        // dozen strings and the examples) twice, some 1,600 times at every start.
        let keyed = rules.map { (key: ($0.metadata.area, $0.metadata.id), rule: $0) }
        return keyed.sorted { $0.key < $1.key }.map(\.rule)
    }()

    public static func rule(id: String) -> (any Rule)? {
        all.first { $0.metadata.id == id }
    }
}
