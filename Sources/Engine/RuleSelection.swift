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

    public func isEnabled(_ rule: RuleMetadata) -> Bool {
        if let only { return only.contains(rule.id) }
        if disabled.contains(rule.id) || disabled.contains("all") { return enabled.contains(rule.id) }
        return rule.enabledByDefault || enabled.contains(rule.id) || enabled.contains("all")
    }

    public func severity(of rule: RuleMetadata) -> Severity {
        severities[rule.id] ?? rule.severity
    }
}
