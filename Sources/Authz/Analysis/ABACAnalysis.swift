extension RiskAnalysis {
    public enum ABACIssueID {
        public static let fullAccess = "abac-full-access"
        public static let serviceAccountFullAccess = "abac-serviceaccount-full-access"
        public static let allAuthenticated = "abac-all-authenticated"
        public static let unauthenticated = "abac-unauthenticated"
        public static let nonResourceWildcard = "abac-nonresource-wildcard"
        public static let legacyLine = "abac-legacy-line"
        public static let neverMatches = "abac-never-matches"
    }

    func abacIssues() -> [AuthzIssue] {
        model.abacPolicies.flatMap(abacIssues(for:))
    }

    func abacIssues(for policy: ABACPolicy) -> [AuthzIssue] {
        typealias ID = ABACIssueID
        var issues: [AuthzIssue] = []
        let rule = policy.effective
        let origin = policy.origin
        if policy.version == .legacy {
            var implied = ["every API group"]
            if policy.namespace.isEmpty { implied.append("every namespace") }
            if policy.resource.isEmpty { implied.append("every resource") }
            if policy.namespace.isEmpty && policy.resource.isEmpty { implied.append("every non-resource path") }
            if policy.user.isEmpty && policy.group.isEmpty { implied.append("every authenticated user") }
            issues.append(AuthzIssue(id: ID.legacyLine, severity: .warning, message: "legacy unversioned ABAC line: omitted fields mean everything, so it grants \(implied.joined(separator: ", ")); write it as \(ABACPolicyFile.v1beta1)", origin: origin))
        }
        guard rule.canEverMatch else {
            let why = rule.user.isEmpty && rule.group.isEmpty ? "it has neither user nor group" : "it has neither resource nor nonResourcePath"
            issues.append(AuthzIssue(id: ID.neverMatches, severity: .warning, message: "ABAC line \(policy.line) can never match: \(why)", origin: origin))
            return issues
        }
        let subject = rule.user.isEmpty ? SubjectRef.group(rule.group) : SubjectRef.user(rule.user)
        let everyone = rule.group == Identity.allAuthenticated || rule.group == Identity.unauthenticated || rule.user == Identity.anonymousUser
        let full = rule.namespace == "*" && rule.resource == "*" && rule.apiGroup == "*" && !rule.readonly
        if full {
            let id = subject.kind == .serviceAccount ? ID.serviceAccountFullAccess : ID.fullAccess
            issues.append(AuthzIssue(id: id, severity: .error, message: "ABAC line \(policy.line) gives \(subject) every verb on every resource in every namespace and API group (cluster-admin equivalent)", origin: origin))
        }
        if rule.group == Identity.unauthenticated || rule.user == Identity.anonymousUser {
            issues.append(AuthzIssue(id: ID.unauthenticated, severity: .error, message: "ABAC line \(policy.line) grants access to anonymous (unauthenticated) requests", origin: policy.origin(of: rule.user.isEmpty ? "group" : "user")))
        } else if rule.group == Identity.allAuthenticated {
            let star = policy.user == "*" || policy.group == "*"
            let severity: AuthzSeverity = rule.readonly && !full ? .warning : .error
            issues.append(AuthzIssue(id: ID.allAuthenticated, severity: severity, message: "ABAC line \(policy.line) grants \(rule.readonly ? "read access" : "access") to every authenticated user" + (star ? " (\"*\" means all authenticated users, not anonymous ones)" : ""), origin: policy.origin(of: policy.user == "*" ? "user" : "group")))
        }
        if rule.nonResourcePath == "*" {
            let implicit = policy.version == .legacy ? " (implied by the legacy form)" : ""
            issues.append(AuthzIssue(id: ID.nonResourceWildcard, severity: rule.readonly ? .info : .warning, message: "ABAC line \(policy.line) allows \(rule.readonly ? "GET of" : "every verb on") every non-resource path\(implicit), including /metrics and debugging endpoints", origin: policy.origin(of: "nonResourcePath")))
        }
        if !full {
            for (permission, scope) in PermissionScanner.held(in: rule) {
                let clusterWide = scope.isEmpty
                var severity = permission.severity(clusterWide: clusterWide)
                if everyone { severity = .error }
                issues.append(AuthzIssue(id: permission.abacIssueID, severity: severity, message: "ABAC line \(policy.line) grants \(permission.title) \(clusterWide ? "cluster-wide" : "in namespace \(scope)") to \(subject): \(permission.reason)", origin: origin))
            }
        }
        return issues
    }
}
