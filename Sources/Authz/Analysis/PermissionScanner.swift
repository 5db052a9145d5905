/// A sensitive permission held through a set of rules, with the rules that give it.
struct HeldPermission: Sendable {
    var permission: SensitivePermission
    var rules: [EffectiveRule]
    /// Every contributing rule is limited by resourceNames.
    var limitedByNames: Bool
}

/// Finds the sensitive permissions in RBAC rules and ABAC policies, using the same matchers as the authorizers.
enum PermissionScanner {
    /// The permissions a role's rules give. Through a RoleBinding (`clusterWide == false`) cluster-scoped resources
    /// are never granted, so their probes do not count. When the role amounts to cluster-admin only that is returned.
    static func held(in rules: [EffectiveRule], clusterWide: Bool) -> [HeldPermission] {
        var result: [HeldPermission] = []
        for permission in SensitivePermission.catalogue {
            var contributing: [EffectiveRule] = []
            var satisfied = true
            for group in permission.requirements {
                let probes = group.filter { clusterWide || $0.isNamespaced }
                let matching = rules.filter { effective in
                    probes.contains { probe in
                        probe.verbs.contains { effective.rule.allowsForSomeName(probe.request(verb: $0, namespace: "palisade-probe")) }
                    }
                }
                if matching.isEmpty {
                    satisfied = false
                    break
                }
                contributing += matching
            }
            guard satisfied else { continue }
            let held = HeldPermission(permission: permission, rules: contributing, limitedByNames: contributing.allSatisfy { !$0.rule.resourceNames.isEmpty })
            if permission == SensitivePermission.clusterAdmin && !held.limitedByNames { return [held] }
            result.append(held)
        }
        return result
    }

    /// The permissions an ABAC policy gives, each with its scope: `""` for cluster-wide, else the namespace.
    static func held(in rule: ABACRule) -> [(permission: SensitivePermission, scope: String)] {
        guard rule.canEverMatch else { return [] }
        var result: [(SensitivePermission, String)] = []
        for permission in SensitivePermission.catalogue {
            var scopes: [String] = []
            for group in permission.requirements {
                var groupScope: String?
                for probe in group {
                    for verb in probe.verbs {
                        if let scope = scope(of: rule, probe: probe, verb: verb) {
                            groupScope = groupScope.map { min($0, scope) } ?? scope
                        }
                    }
                }
                guard let groupScope else {
                    scopes = []
                    break
                }
                scopes.append(groupScope)
            }
            guard scopes.count == permission.requirements.count else { continue }
            // Every group must hold in the same place; a cluster-wide group holds everywhere.
            let specific = Set(scopes.filter { !$0.isEmpty })
            guard specific.count <= 1 else { continue }
            let scope = specific.first ?? ""
            if permission == SensitivePermission.clusterAdmin { return [(permission, scope)] }
            result.append((permission, scope))
        }
        return result
    }

    /// Where an ABAC rule allows a probe request: `""` cluster-wide, a namespace, or nil.
    private static func scope(of rule: ABACRule, probe: SensitivePermission.Probe, verb: String) -> String? {
        if !probe.isNamespaced {
            return rule.requestMatches(probe.request(verb: verb, namespace: "")) ? "" : nil
        }
        switch rule.namespace {
        case "*":
            return rule.requestMatches(probe.request(verb: verb, namespace: "palisade-probe")) ? "" : nil
        case "":
            // Only lists and watches across all namespaces have an empty namespace.
            guard verb == "list" || verb == "watch" else { return nil }
            return rule.requestMatches(probe.request(verb: verb, namespace: "")) ? "" : nil
        default:
            return rule.requestMatches(probe.request(verb: verb, namespace: rule.namespace)) ? rule.namespace : nil
        }
    }
}
