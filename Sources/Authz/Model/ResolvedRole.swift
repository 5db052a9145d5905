/// A rule as a role holds it after aggregation, with the ClusterRoles it came through.
public struct EffectiveRule: Sendable, Hashable, Codable {
    public var rule: PolicyRule
    /// For an aggregated ClusterRole: the ClusterRoles the rule came through, nearest first (for `admin` a rule of
    /// `system:aggregate-to-edit` comes as `["edit", "system:aggregate-to-edit"]`). Empty for the role's own rules.
    public var aggregatedFrom: [String]

    public init(rule: PolicyRule, aggregatedFrom: [String] = []) {
        self.rule = rule
        self.aggregatedFrom = aggregatedFrom
    }
}

/// A role with its effective rules.
public struct ResolvedRole: Sendable, Hashable, Codable {
    public var role: RBACRole
    public var rules: [EffectiveRule]

    public init(role: RBACRole, rules: [EffectiveRule]) {
        self.role = role
        self.rules = rules
    }
}

/// Computes the rules of aggregated ClusterRoles as the aggregation controller does: the union of the rules of
/// every other ClusterRole matching any selector, deduplicated and ordered by role name, repeated to a fixed point
/// so that aggregation is transitive. Hand-written rules of an aggregated role are replaced.
enum Aggregation {
    static func resolve(_ clusterRoles: [RBACRole]) -> [String: ResolvedRole] {
        let sorted = clusterRoles.sorted { $0.name < $1.name }
        var effective: [String: [EffectiveRule]] = [:]
        for role in sorted {
            effective[role.name] = role.aggregationSelectors == nil ? role.rules.map { EffectiveRule(rule: $0) } : []
        }
        let aggregated = sorted.filter { $0.aggregationSelectors != nil }
        var rounds = 0
        var changed = !aggregated.isEmpty
        while changed && rounds <= sorted.count {
            changed = false
            rounds += 1
            for role in aggregated {
                let selectors = role.aggregationSelectors ?? []
                var rules: [EffectiveRule] = []
                for source in sorted where source.name != role.name && selectors.contains(where: { $0.matches(source.labels) }) {
                    for sourceRule in effective[source.name] ?? [] where !rules.contains(where: { $0.rule.sameGrant(as: sourceRule.rule) }) {
                        rules.append(EffectiveRule(rule: sourceRule.rule, aggregatedFrom: [source.name] + sourceRule.aggregatedFrom))
                    }
                }
                let old = effective[role.name] ?? []
                if old.count != rules.count || !zip(old, rules).allSatisfy({ $0.rule.sameGrant(as: $1.rule) }) {
                    effective[role.name] = rules
                    changed = true
                }
            }
        }
        var result: [String: ResolvedRole] = [:]
        for role in sorted {
            result[role.name] = ResolvedRole(role: role, rules: effective[role.name] ?? [])
        }
        return result
    }
}
