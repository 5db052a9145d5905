import Authz
import Engine

/// Which RBAC objects an id of the analysis can come from, so a rule analyses only those objects instead of the
/// whole set. Each of the ~35 RBAC rules runs on its own (no state is shared between rules), and the full analysis
/// of a large repository costs tens of milliseconds, so every rule narrows the model first. The narrowing is exact:
/// `RBACRulesTests` checks that each rule finds the same issues as the full analysis on every example and fixture.
public enum AnalysisFocus: Sendable {
    /// Issues about one binding (its roleRef, its subjects): the analysis of the bindings passing the test, each
    /// with the rules it resolves to in the full model.
    case bindings(@Sendable (RBACBinding, AuthorizationModel) -> Bool)
    /// Issues about a binding's subjects: the bindings with a subject passing the test.
    static func subjects(_ test: @escaping @Sendable (RBACSubject) -> Bool) -> AnalysisFocus {
        .bindings { binding, _ in binding.subjects.contains(where: test) }
    }

    /// Issues about one role's own rules: the analysis of the roles passing the test alone.
    case roles(@Sendable (RBACRole) -> Bool)
    /// Sensitive permissions held through a binding, or by a role no binding uses.
    case permissions
}

enum FocusedAnalysis {
    /// The `memo` key of the permission analysis every `.permissions` rule filters.
    static let permissionIssuesResult = "rbac.permissionIssues"

    static func issues(_ focus: AnalysisFocus, in set: ResourceSet) -> [AuthzIssue] {
        guard AuthzFindings.hasRBACObjects(set) else { return [] }
        let model = set.authorization
        switch focus {
        case .bindings(let test):
            return bindingIssues(model, picked(model.bindings) { !$0.isBuiltIn && test($0, model) })
        case .roles(let test):
            let roles = picked(model.roles) { !$0.isBuiltIn && test($0) }
            guard !roles.isEmpty else { return [] }
            return RiskAnalysis(model: AuthorizationModel(roles: roles, includeBuiltIns: false)).issues()
        case .permissions:
            // The same for every permission rule: computed once per run, each rule filters its id.
            return set.memo.value(permissionIssuesResult) {
                permissionIssues(model, picked(model.bindings) { !$0.isBuiltIn }, picked(model.roles) { !$0.isBuiltIn })
            }
        }
    }

    /// The elements passing `test`. Unlike `filter`, it copies only those: each of the ~35 RBAC
    /// rules scans every binding or role of the set, and copying each (a dozen strings and
    /// arrays, retained one by one, in memory long out of cache) cost more than the tests.
    static func picked<T>(_ all: [T], _ test: (borrowing T) -> Bool) -> [T] {
        var result: [T] = []
        all.withUnsafeBufferPointer { all in
            for i in all.indices where test(all[i]) { result.append(all[i]) }
        }
        return result
    }

    /// The analysis of `bindings` alone, each bound to a copy of the role it resolves to in `model` with the
    /// role's effective (aggregated) rules, so nothing else of the model is scanned.
    static func bindingIssues(_ model: AuthorizationModel, _ bindings: [RBACBinding]) -> [AuthzIssue] {
        guard !bindings.isEmpty else { return [] }
        var roles: [RBACRole] = []
        var seen = Set<String>()
        for binding in bindings {
            guard let resolved = model.resolveRole(of: binding), seen.insert(resolved.role.displayName).inserted else { continue }
            roles.append(flattened(resolved))
        }
        return RiskAnalysis(model: AuthorizationModel(roles: roles, bindings: bindings, includeBuiltIns: false)).issues()
    }

    static func flattened(_ resolved: ResolvedRole) -> RBACRole {
        RBACRole(scope: resolved.role.scope, namespace: resolved.role.namespace, name: resolved.role.name,
                 rules: resolved.rules.map(\.rule), origin: resolved.role.origin)
    }

    /// Bindings whose role holds a sensitive permission (or is cluster-admin), and roles no binding uses that would
    /// hold one. Whether a set of rules holds one is asked once per distinct set of rules.
    static func permissionIssues(_ model: AuthorizationModel, _ inputBindings: [RBACBinding], _ inputRoles: [RBACRole]) -> [AuthzIssue] {
        var probe = SensitivityProbe()
        var bound = Set<String>()
        var kept: [RBACBinding] = []
        // By index, so each binding is copied only when kept.
        for i in inputBindings.indices {
            guard let resolved = model.resolveRole(of: inputBindings[i]) else { continue }
            bound.insert(resolved.role.displayName)
            if (resolved.role.scope == .cluster && resolved.role.name == "cluster-admin")
                || probe.holds(resolved.rules.map(\.rule), clusterWide: inputBindings[i].scope == .cluster) {
                kept.append(inputBindings[i])
            }
        }
        var issues = bindingIssues(model, kept)
        let unbound = inputRoles.filter { role in
            guard !bound.contains(role.displayName) else { return false }
            let rules = role.scope == .cluster ? model.clusterRole(named: role.name)?.rules.map(\.rule) ?? [] : role.rules
            return probe.holds(rules, clusterWide: role.scope == .cluster)
        }
        guard !unbound.isEmpty else { return issues }
        // The unbound roles with what aggregation needs: every aggregating role (to name where they are aggregated
        // into) and, when one of them aggregates itself, every labelled ClusterRole (its sources).
        var names = Set(unbound.map(\.displayName))
        var roles = unbound
        for role in inputRoles where role.aggregationSelectors != nil && names.insert(role.displayName).inserted {
            roles.append(role)
        }
        if unbound.contains(where: { $0.aggregationSelectors != nil }) {
            for role in inputRoles where role.scope == .cluster && !role.labels.isEmpty && names.insert(role.displayName).inserted {
                roles.append(role)
            }
        }
        let reported = Set(unbound.map { $0.displayName + " " })
        let unboundIssues = RiskAnalysis(model: AuthorizationModel(roles: roles)).issues().filter { issue in
            // Issues of the roles added for aggregation are not about an unbound role of the full model.
            SensitivityProbe.permissionIDs.contains(issue.id) && reported.contains { issue.message.hasPrefix($0) }
        }
        issues += unboundIssues
        return issues.sorted()
    }
}

/// Whether a set of rules holds any sensitive permission, asked of the Authz analysis with a one-role model and
/// remembered per distinct set of rules (a repository repeats the same few rules many times).
struct SensitivityProbe {
    static let permissionIDs = Set(SensitivePermission.catalogue.map(\.rbacIssueID))
    /// A rule without its origins.
    private struct Content: Hashable {
        var verbs, apiGroups, resources, resourceNames, nonResourceURLs: [String]
    }

    private struct Key: Hashable {
        var clusterWide: Bool
        var rules: [Content]
    }

    private var known: [Key: Bool] = [:]

    mutating func holds(_ rules: [PolicyRule], clusterWide: Bool) -> Bool {
        let key = Key(clusterWide: clusterWide, rules: rules.map {
            Content(verbs: $0.verbs, apiGroups: $0.apiGroups, resources: $0.resources, resourceNames: $0.resourceNames,
                    nonResourceURLs: $0.nonResourceURLs)
        })
        if let answer = known[key] { return answer }
        let origin = Origin(file: "<probe>", line: 1)
        let role = RBACRole.clusterRole("palisade-probe", rules: rules, origin: origin)
        let subject = [RBACSubject.user("palisade-probe", origin: origin)]
        let binding = clusterWide
            ? RBACBinding.clusterRoleBinding("palisade-probe", clusterRole: role.name, subjects: subject, origin: origin)
            : RBACBinding.roleBinding("palisade-probe", namespace: "palisade-probe", roleRef: RoleRef(kind: "ClusterRole", name: role.name),
                                      subjects: subject, origin: origin)
        let answer = RiskAnalysis(model: AuthorizationModel(roles: [role], bindings: [binding], includeBuiltIns: false))
            .issues().contains { Self.permissionIDs.contains($0.id) }
        known[key] = answer
        return answer
    }
}
