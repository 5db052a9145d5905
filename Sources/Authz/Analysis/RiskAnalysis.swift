/// The authorization analysis the linter rules are built from. Only objects from the input are judged; built-in
/// roles matter only as what an input binding grants.
public struct RiskAnalysis: Sendable {
    public let model: AuthorizationModel

    public init(model: AuthorizationModel) {
        self.model = model
    }

    /// Every finding, sorted by origin.
    public func issues() -> [AuthzIssue] {
        (permissionIssues() + subjectIssues() + integrityIssues() + abacIssues()).sorted()
    }

    /// Bindings from the input (not built-in).
    var inputBindings: [RBACBinding] { model.bindings.filter { !$0.isBuiltIn } }
    var inputRoles: [RBACRole] { model.roles.filter { !$0.isBuiltIn } }

    /// The subjects of a binding that can match somebody.
    func liveSubjects(of binding: RBACBinding) -> [SubjectRef] {
        binding.subjects.compactMap { binding.effectiveSubject($0) }
    }

    static func describe(_ subjects: [SubjectRef]) -> String {
        let names = subjects.map(\.description)
        return names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
    }

    static func relatedOrigins(_ role: RBACRole, _ rules: [EffectiveRule]) -> [Origin] {
        var origins = [role.origin] + rules.map(\.rule.origin)
        origins.removeAll(where: \.isBuiltIn)
        var seen = Set<Origin>()
        return origins.filter { seen.insert($0).inserted }
    }
}

// MARK: Sensitive permissions

extension RiskAnalysis {
    /// Ids: `rbac-cluster-admin-binding` and `rbac-<permission key>` for every catalogue entry.
    public static let clusterAdminBindingID = "rbac-cluster-admin-binding"

    func permissionIssues() -> [AuthzIssue] {
        var issues: [AuthzIssue] = []
        var boundRoles = Set<String>()
        for binding in inputBindings {
            guard let resolved = model.resolveRole(of: binding) else { continue }
            boundRoles.insert(resolved.role.displayName)
            let subjects = liveSubjects(of: binding)
            guard !subjects.isEmpty else { continue }
            let clusterWide = binding.scope == .cluster
            let whereText = clusterWide ? "cluster-wide" : "in namespace \(binding.namespace)"
            let viaText = resolved.role.isBuiltIn ? "built-in \(resolved.role.displayName)" : resolved.role.displayName
            if resolved.role.scope == .cluster && resolved.role.name == "cluster-admin" {
                issues.append(AuthzIssue(
                    id: RiskAnalysis.clusterAdminBindingID, severity: clusterWide ? .error : .warning,
                    message: "\(binding.displayName) binds cluster-admin \(whereText) to \(RiskAnalysis.describe(subjects))"
                        + (clusterWide ? ": full control of the cluster" : ": full control of the namespace, including its RBAC"),
                    origin: binding.roleRef.origin ?? binding.origin, related: RiskAnalysis.relatedOrigins(resolved.role, [])
                ))
                continue
            }
            for held in PermissionScanner.held(in: resolved.rules, clusterWide: clusterWide) {
                var severity = held.permission.severity(clusterWide: clusterWide)
                var message = "\(binding.displayName) grants \(held.permission.title) \(whereText) to \(RiskAnalysis.describe(subjects)) via \(viaText): \(held.permission.reason)"
                if held.limitedByNames {
                    severity = severity.lowered
                    message += " (limited to named objects)"
                }
                issues.append(AuthzIssue(
                    id: held.permission.rbacIssueID, severity: severity, message: message,
                    origin: binding.origin, related: [binding.roleRef.origin].compactMap { $0 } + RiskAnalysis.relatedOrigins(resolved.role, held.rules)
                ))
            }
        }
        // Roles of the input that no binding of the input uses: what they would grant, and what they push into
        // the aggregated roles (admin, edit, view, …) that select them.
        var aggregatedInto: [String: [String]] = [:]
        for role in model.roles where role.aggregationSelectors != nil {
            for source in Set((model.clusterRole(named: role.name)?.rules ?? []).flatMap(\.aggregatedFrom)) {
                aggregatedInto[source, default: []].append(role.name)
            }
        }
        for role in inputRoles where !boundRoles.contains(role.displayName) {
            let targets = role.scope == .cluster ? (aggregatedInto[role.name] ?? []).sorted() : []
            let rules = role.scope == .cluster ? model.clusterRole(named: role.name)?.rules ?? [] : role.rules.map { EffectiveRule(rule: $0) }
            for held in PermissionScanner.held(in: rules, clusterWide: role.scope == .cluster) {
                let origin = held.rules.first.map(\.rule.origin).flatMap { $0.isBuiltIn ? nil : $0 } ?? role.origin
                let message = targets.isEmpty
                    ? "\(role.displayName) gives \(held.permission.title) but is not bound in these manifests: \(held.permission.reason)"
                    : "\(role.displayName) is aggregated into ClusterRole \(targets.joined(separator: ", ")), so everyone bound to \(targets.count == 1 ? "it" : "them") gets \(held.permission.title): \(held.permission.reason)"
                issues.append(AuthzIssue(
                    id: held.permission.rbacIssueID, severity: targets.isEmpty ? .info : held.permission.namespaceSeverity,
                    message: message, origin: origin, related: RiskAnalysis.relatedOrigins(role, held.rules)
                ))
            }
        }
        return issues
    }
}

// MARK: Subjects

extension RiskAnalysis {
    public enum SubjectIssueID {
        public static let anonymous = "rbac-subject-anonymous"
        public static let allAuthenticated = "rbac-subject-all-authenticated"
        public static let allServiceAccounts = "rbac-subject-all-serviceaccounts"
        public static let defaultServiceAccount = "rbac-default-serviceaccount"
    }

    func subjectIssues() -> [AuthzIssue] {
        var issues: [AuthzIssue] = []
        for binding in inputBindings {
            guard let resolved = model.resolveRole(of: binding), !resolved.rules.isEmpty else { continue }
            let sensitive = PermissionScanner.held(in: resolved.rules, clusterWide: binding.scope == .cluster)
                .map(\.permission.title)
            let grants = sensitive.isEmpty ? "" : " (including \(sensitive.joined(separator: ", ")))"
            let whereText = binding.scope == .cluster ? "cluster-wide" : "in namespace \(binding.namespace)"
            for subject in binding.subjects {
                guard let ref = binding.effectiveSubject(subject) else { continue }
                let id: String
                var severity: AuthzSeverity
                let who: String
                switch ref.audience {
                case .unauthenticated:
                    (id, severity, who) = (SubjectIssueID.anonymous, .error, "anonymous requests")
                case .allAuthenticated:
                    (id, severity, who) = (SubjectIssueID.allAuthenticated, sensitive.isEmpty ? .warning : .error, "every authenticated user")
                case .allServiceAccounts:
                    (id, severity, who) = (SubjectIssueID.allServiceAccounts, sensitive.isEmpty ? .warning : .error, "every service account in the cluster")
                case .namespaceServiceAccounts:
                    (id, severity, who) = (SubjectIssueID.allServiceAccounts, sensitive.isEmpty ? .info : .warning, "every service account of namespace \(Identity.namespaceOfServiceAccountGroup(ref.name) ?? "")")
                case .specific:
                    guard ref.kind == .serviceAccount, ref.name == "default" else { continue }
                    (id, severity, who) = (SubjectIssueID.defaultServiceAccount, sensitive.isEmpty ? .warning : .error,
                                           "the default service account of namespace \(ref.namespace), used by every pod there that names no service account")
                }
                if ref.audience == .specific && sensitive.isEmpty && binding.scope == .namespaced { severity = .info }
                issues.append(AuthzIssue(
                    id: id, severity: severity,
                    message: "\(binding.displayName) gives \(resolved.role.displayName) \(whereText) to \(who) via \(ref)\(grants)",
                    origin: subject.origin.isBuiltIn ? binding.origin : subject.origin, related: [binding.origin]
                ))
            }
        }
        return issues
    }
}
