/// Which rules run and at what severity: rule defaults, then the config file, then flags.
public struct RuleSelection: Sendable {
    /// Rules switched on beyond their defaults (`--enable`, `rules: {id: {enabled: true}}`).
    public var enabled: Set<String> = []
    /// Rules switched off (`--disable`).
    public var disabled: Set<String> = []
    /// When set, only these rules run (`--only`).
    public var only: Set<String>?
    public var severities: [String: Severity] = [:]

    public init() {}

    /// The rule that reports policies failing at runtime (defined with the policies).
    public static let policyErrorRuleID = "policy-error"

    /// This selection with `policy-error` added to an `--only` list that names rules written as
    /// policies (and does not disable it): it is how those rules report a policy that cannot be
    /// evaluated, so without it a policy failing on every resource would pass in silence.
    public func keepingPolicyErrors(among rules: [RuleMetadata]) -> RuleSelection {
        guard var only, !only.contains(Self.policyErrorRuleID), !disabled.contains(Self.policyErrorRuleID),
              rules.contains(where: { $0.definition != nil && only.contains($0.id) }) else { return self }
        only.insert(Self.policyErrorRuleID)
        var selection = self
        selection.only = only
        return selection
    }

    public func isEnabled(_ rule: RuleMetadata) -> Bool {
        if let only { return only.contains(rule.id) }
        if disabled.contains(rule.id) || disabled.contains("all") { return enabled.contains(rule.id) }
        return rule.enabledByDefault || enabled.contains(rule.id) || enabled.contains("all")
    }

    public func severity(of rule: RuleMetadata) -> Severity {
        severities[rule.id] ?? rule.severity
    }
}
