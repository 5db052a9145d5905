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
        return rules.sorted { ($0.metadata.area, $0.metadata.id) < ($1.metadata.area, $1.metadata.id) }
    }()

    public static func rule(id: String) -> (any Rule)? {
        all.first { $0.metadata.id == id }
    }
}
