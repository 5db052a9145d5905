import Engine

/// The RBAC and ABAC rules: one rule per issue id of the Authz analysis and of the ABAC reader, plus
/// `abac-legacy-mode`.
enum RBACRules {
    static let all: [any Rule] = RBACSubjectRules.all + SensitivePermissionRules.all + RBACIntegrityRules.all + ABACRules.all
}
