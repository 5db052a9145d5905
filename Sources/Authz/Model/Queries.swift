extension AuthorizationModel {
    /// `can-i`: whether the user may make the request, with every chain that allows it (the RBAC authorizer and the
    /// ABAC authorizer together, as with `--authorization-mode=RBAC,ABAC`).
    public func authorize(_ request: AccessRequest, user: UserInfo) -> Decision {
        var evidence: [Evidence] = []
        for binding in consultedBindings(namespace: request.isResourceRequest ? request.namespace : "") {
            guard let subject = binding.subjects.first(where: { binding.subject($0, appliesTo: user) }),
                  let chain = rbacChain(binding, request: request, subject: subject, user: user)
            else { continue }
            evidence.append(chain)
        }
        for policy in abacPolicies where policy.allows(request, user: user) {
            evidence.append(abacChain(policy))
        }
        return Decision(request: request, user: user, evidence: evidence.sorted())
    }

    /// `who-can`: every subject allowed to make the request, each with the chains that allow it. With
    /// `anyNamespace`, a namespaced resource request is asked of every namespace at once: RoleBindings of all
    /// namespaces count and each chain's `scope` says where it holds.
    public func whoCan(_ request: AccessRequest, anyNamespace: Bool = false) -> [SubjectAccess] {
        var found: [String: SubjectAccess] = [:]
        func add(_ subject: SubjectRef, requiredGroup: String? = nil, _ evidence: Evidence) {
            let key = "\(subject.kind.rawValue)\u{0}\(subject.namespace)\u{0}\(subject.name)\u{0}\(requiredGroup ?? "")"
            found[key, default: SubjectAccess(subject: subject, requiredGroup: requiredGroup, evidence: [])].evidence.append(evidence)
        }
        let everywhere = anyNamespace && request.isResourceRequest && !request.isClusterScopedResource
        let bindingsToAsk = everywhere ? clusterBindings + allRoleBindings
            : consultedBindings(namespace: request.isResourceRequest ? request.namespace : "")
        for binding in bindingsToAsk {
            var asked = request
            if everywhere && binding.scope == .namespaced { asked.namespace = binding.namespace }
            for subject in binding.subjects {
                guard let ref = binding.effectiveSubject(subject),
                      let chain = rbacChain(binding, request: asked, subject: subject, user: nil)
                else { continue }
                add(ref, chain)
            }
        }
        for policy in abacPolicies {
            let rule = policy.effective
            var asked = request
            if everywhere && rule.namespace != "*" { asked.namespace = rule.namespace }
            guard rule.requestMatches(asked), rule.canEverMatch else { continue }
            var chain = abacChain(policy)
            if everywhere { chain.scope = rule.namespace == "*" ? "" : rule.namespace }
            if !rule.user.isEmpty {
                add(.user(rule.user), requiredGroup: rule.group.isEmpty ? nil : rule.group, chain)
            } else {
                add(.group(rule.group), chain)
            }
        }
        return found.values.map { access in
            var access = access
            access.evidence.sort()
            return access
        }.sorted()
    }

    /// The chain binding → subject → role → (aggregation) → first rule allowing the request, or nil.
    func rbacChain(_ binding: RBACBinding, request: AccessRequest, subject: RBACSubject, user: UserInfo?) -> Evidence? {
        // A RoleBinding grants only inside its namespace, so never cluster-scoped or non-resource requests.
        if binding.scope == .namespaced && (!request.isResourceRequest || request.namespace != binding.namespace) {
            return nil
        }
        guard let resolved = resolveRole(of: binding),
              let effective = resolved.rules.first(where: { $0.rule.allows(request) })
        else { return nil }
        return Evidence(authorizer: .rbac, scope: binding.namespace, steps: steps(binding, subject: subject, user: user, resolved: resolved, effective: effective))
    }

    func steps(_ binding: RBACBinding, subject: RBACSubject, user: UserInfo?, resolved: ResolvedRole, effective: EffectiveRule) -> [EvidenceStep] {
        var steps = [EvidenceStep(kind: .binding, summary: binding.displayName, origin: binding.origin)]
        var subjectText = "subject \(subject.kind) \(subject.name)"
        if subject.kind == "ServiceAccount" {
            subjectText = "subject ServiceAccount \(subject.namespace.isEmpty ? binding.namespace : subject.namespace)/\(subject.name)"
        }
        if subject.kind == "Group", let user {
            subjectText += " (\(user.name) is a member)"
        }
        steps.append(EvidenceStep(kind: .subject, summary: subjectText, origin: subject.origin))
        steps.append(EvidenceStep(kind: .role, summary: resolved.role.displayName, origin: resolved.role.origin))
        for name in effective.aggregatedFrom {
            steps.append(EvidenceStep(kind: .aggregatedFrom, summary: "aggregated from ClusterRole \(name)", origin: clusterRoles[name]?.role.origin ?? .builtIn))
        }
        steps.append(EvidenceStep(kind: .rule, summary: effective.rule.summary, origin: effective.rule.origin))
        return steps
    }

    func abacChain(_ policy: ABACPolicy) -> Evidence {
        let rule = policy.effective
        return Evidence(
            authorizer: .abac, scope: rule.namespace == "*" ? "" : rule.namespace,
            steps: [EvidenceStep(kind: .abacPolicy, summary: policy.summary, origin: policy.origin)]
        )
    }
}
