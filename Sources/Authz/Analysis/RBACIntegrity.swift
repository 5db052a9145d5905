extension RiskAnalysis {
    public enum IntegrityIssueID {
        public static let missingRole = "rbac-missing-role"
        public static let clusterRoleBindingToRole = "rbac-clusterrolebinding-to-role"
        public static let invalidRoleRef = "rbac-invalid-roleref"
        public static let clusterScopedOnlyInRoleBinding = "rbac-rolebinding-grants-nothing"
        public static let serviceAccountWithoutNamespace = "rbac-serviceaccount-without-namespace"
        public static let subjectWrongAPIGroup = "rbac-subject-wrong-apigroup"
        public static let subjectUnknownKind = "rbac-subject-unknown-kind"
        public static let subjectNamespaceIgnored = "rbac-subject-namespace-ignored"
        public static let subresourceWildcard = "rbac-subresource-wildcard-literal"
        public static let nonResourceInRole = "rbac-nonresource-in-role"
        public static let mixedRule = "rbac-rule-mixes-nonresource"
        public static let resourceNamesIneffective = "rbac-resourcenames-ineffective"
        public static let aggregatedRulesOverwritten = "rbac-aggregated-rules-overwritten"
    }

    func integrityIssues() -> [AuthzIssue] {
        var issues: [AuthzIssue] = []
        for binding in inputBindings { issues += bindingIntegrity(binding) }
        for role in inputRoles { issues += roleIntegrity(role) }
        return issues
    }

    private func bindingIntegrity(_ binding: RBACBinding) -> [AuthzIssue] {
        typealias ID = IntegrityIssueID
        var issues: [AuthzIssue] = []
        let ref = binding.roleRef
        let refOrigin = ref.origin ?? binding.origin
        if !ref.apiGroup.isEmpty && ref.apiGroup != RBACGroup.name {
            issues.append(AuthzIssue(id: ID.invalidRoleRef, severity: .error, message: "\(binding.displayName): roleRef.apiGroup must be \(RBACGroup.name), not \"\(ref.apiGroup)\"", origin: refOrigin))
        }
        switch (binding.scope, ref.kind) {
        case (.cluster, "Role"):
            issues.append(AuthzIssue(id: ID.clusterRoleBindingToRole, severity: .error, message: "\(binding.displayName) references Role \(ref.name); a ClusterRoleBinding can only reference a ClusterRole (the API server rejects it)", origin: refOrigin))
        case (_, "Role"), (_, "ClusterRole"):
            if let resolved = model.resolveRole(of: binding) {
                if binding.scope == .namespaced && ref.kind == "ClusterRole" && grantsNothingInNamespace(resolved) {
                    issues.append(AuthzIssue(
                        id: ID.clusterScopedOnlyInRoleBinding, severity: .warning,
                        message: "\(binding.displayName) references ClusterRole \(ref.name), whose rules cover only cluster-scoped resources or non-resource URLs; a RoleBinding grants none of them",
                        origin: refOrigin, related: resolved.role.isBuiltIn ? [] : [resolved.role.origin]
                    ))
                }
            } else {
                let what = ref.kind == "Role" ? "Role \(binding.namespace)/\(ref.name)" : "ClusterRole \(ref.name)"
                issues.append(AuthzIssue(id: ID.missingRole, severity: .warning, message: "\(binding.displayName) references \(what), which is neither in these manifests nor a built-in role; the binding grants nothing unless it exists in the cluster", origin: refOrigin))
            }
        default:
            issues.append(AuthzIssue(id: ID.invalidRoleRef, severity: .error, message: "\(binding.displayName): roleRef.kind must be Role or ClusterRole, not \"\(ref.kind)\"", origin: refOrigin))
        }
        for subject in binding.subjects {
            let origin = subject.origin.isBuiltIn ? binding.origin : subject.origin
            switch subject.kind {
            case "ServiceAccount":
                if let group = subject.apiGroup, !group.isEmpty {
                    issues.append(AuthzIssue(id: ID.subjectWrongAPIGroup, severity: .error, message: "ServiceAccount subject \(subject.name) must have apiGroup \"\", not \"\(group)\"", origin: origin))
                }
                if binding.scope == .cluster && subject.namespace.isEmpty {
                    issues.append(AuthzIssue(id: ID.serviceAccountWithoutNamespace, severity: .error, message: "ServiceAccount subject \(subject.name) of \(binding.displayName) has no namespace; in a ClusterRoleBinding it is required and without it the subject matches nobody", origin: origin))
                }
            case "User", "Group":
                if let group = subject.apiGroup, !group.isEmpty, group != RBACGroup.name {
                    issues.append(AuthzIssue(id: ID.subjectWrongAPIGroup, severity: .error, message: "\(subject.kind) subject \(subject.name) must have apiGroup \(RBACGroup.name), not \"\(group)\"", origin: origin))
                }
                if !subject.namespace.isEmpty {
                    issues.append(AuthzIssue(id: ID.subjectNamespaceIgnored, severity: .info, message: "\(subject.kind) subject \(subject.name) has namespace \"\(subject.namespace)\", which is ignored: users and groups are not namespaced", origin: origin))
                }
            default:
                issues.append(AuthzIssue(id: ID.subjectUnknownKind, severity: .error, message: "subject kind \"\(subject.kind)\" is not User, Group or ServiceAccount; it matches nobody", origin: origin))
            }
        }
        return issues
    }

    /// Whether every rule covers only known cluster-scoped resources or non-resource URLs.
    private func grantsNothingInNamespace(_ resolved: ResolvedRole) -> Bool {
        guard !resolved.rules.isEmpty else { return false }
        return resolved.rules.allSatisfy { effective in
            let rule = effective.rule
            if rule.resources.isEmpty { return !rule.nonResourceURLs.isEmpty }
            return rule.resources.allSatisfy { resource in
                let plural = String(resource.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0])
                // A RoleBinding does grant the namespace object of its own namespace.
                guard plural != "*", plural != "namespaces" else { return false }
                return rule.apiGroups.allSatisfy { group in group != "*" && KnownResources.isNamespaced(plural, group: group) == false }
            }
        }
    }

    private func roleIntegrity(_ role: RBACRole) -> [AuthzIssue] {
        typealias ID = IntegrityIssueID
        var issues: [AuthzIssue] = []
        if role.aggregationSelectors != nil && !role.rules.isEmpty {
            issues.append(AuthzIssue(id: ID.aggregatedRulesOverwritten, severity: .warning, message: "\(role.displayName) has an aggregationRule, so the controller replaces its \(role.rules.count) hand-written rule(s) with the aggregated ones", origin: role.rules[0].origin, related: [role.origin]))
        }
        for rule in role.rules {
            if !rule.nonResourceURLs.isEmpty {
                if role.scope == .namespaced {
                    issues.append(AuthzIssue(id: ID.nonResourceInRole, severity: .error, message: "\(role.displayName) lists nonResourceURLs; only a ClusterRole may (the API server rejects it)", origin: rule.origin(of: .nonResourceURLs)))
                }
                if !rule.resources.isEmpty || !rule.apiGroups.isEmpty || !rule.resourceNames.isEmpty {
                    issues.append(AuthzIssue(id: ID.mixedRule, severity: .error, message: "a rule of \(role.displayName) mixes nonResourceURLs with apiGroups, resources or resourceNames (the API server rejects it)", origin: rule.origin))
                }
            }
            let literal = rule.resources.filter { $0.hasSuffix("/*") }
            if !literal.isEmpty {
                issues.append(AuthzIssue(
                    id: ID.subresourceWildcard, severity: .warning,
                    message: "\(role.displayName) lists \(literal.joined(separator: ", ")): RBAC has no subresource wildcard, so this matches only a subresource literally named \"*\"; list subresources explicitly (pods/exec, …) or use */SUBRESOURCE",
                    origin: rule.origin(of: .resources)
                ))
            }
            if !rule.resourceNames.isEmpty {
                let dead = rule.verbs.filter { ["create", "list", "watch", "deletecollection"].contains($0) }
                if !dead.isEmpty {
                    let all = dead.count == rule.verbs.count
                    issues.append(AuthzIssue(
                        id: ID.resourceNamesIneffective, severity: all ? .warning : .info,
                        message: "a rule of \(role.displayName) restricts \(dead.joined(separator: ", ")) by resourceNames, but those requests carry no name, so resourceNames make them never allowed" + (all ? "; the rule grants nothing" : ""),
                        origin: rule.origin(of: .resourceNames)
                    ))
                }
            }
        }
        return issues
    }
}
