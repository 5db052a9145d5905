import Authz

/// Which sensitive permissions (`SensitivePermission.catalogue` keys) a set of rules or an ABAC line gives, asked of
/// Authz itself: the rules are bound to a probe user in a one-role model and `SubjectReport` says what that user
/// holds. The graph therefore highlights exactly what `rbac report` and the `rbac-*` rules report, with no second
/// classification to drift. Results are cached per distinct question.
struct RiskClassifier {
    private var cache: [String: [String]] = [:]
    private static let probeOrigin = Origin(file: "<palisade graph probe>", line: 1)
    private static let probeNamespace = "palisade-probe"

    /// Keys held through these rules, cluster-wide (ClusterRoleBinding) or in one namespace (RoleBinding).
    mutating func rules(_ rules: [PolicyRule], clusterWide: Bool) -> [String] {
        let key = (clusterWide ? "C" : "N") + rules.map(RiskClassifier.key).joined(separator: "\u{1}")
        if let cached = cache[key] { return cached }
        let origin = RiskClassifier.probeOrigin
        let subject = RBACSubject.user("palisade:probe", origin: origin)
        let model: AuthorizationModel
        if clusterWide {
            model = AuthorizationModel(
                roles: [.clusterRole("palisade:probe", rules: rules, origin: origin)],
                bindings: [.clusterRoleBinding("palisade:probe", clusterRole: "palisade:probe", subjects: [subject], origin: origin)],
                includeBuiltIns: false)
        } else {
            let ns = RiskClassifier.probeNamespace
            model = AuthorizationModel(
                roles: [.role("palisade:probe", namespace: ns, rules: rules, origin: origin)],
                bindings: [.roleBinding("palisade:probe", namespace: ns, roleRef: RoleRef(kind: "Role", name: "palisade:probe"),
                                        subjects: [subject], origin: origin)],
                includeBuiltIns: false)
        }
        let held = SubjectReport.build(model).rows.flatMap(\.entries).map(\.permission)
        cache[key] = held
        return held
    }

    /// Keys a resolved role gives through a binding of that scope.
    mutating func role(_ resolved: ResolvedRole, clusterWide: Bool) -> [String] {
        rules(resolved.rules.map(\.rule), clusterWide: clusterWide)
    }

    /// Keys an ABAC line gives, wherever it holds.
    mutating func abac(_ policy: ABACPolicy) -> [String] {
        var probe = policy
        probe.origin = RiskClassifier.probeOrigin
        let key = "A" + "\(probe.effective)"
        if let cached = cache[key] { return cached }
        let held = SubjectReport.build(AuthorizationModel(abacPolicies: [probe], includeBuiltIns: false))
            .rows.flatMap(\.entries).map(\.permission)
        cache[key] = held
        return held
    }

    private static func key(_ rule: PolicyRule) -> String {
        [rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]
            .map { $0.joined(separator: ",") }.joined(separator: ";")
    }
}
