/// Builders for the example manifests of the RBAC and ABAC rules, so the many generated examples share one
/// realistic shape (ML-platform service accounts bound to roles).
enum AuthzExamples {
    /// A ClusterRole with `rules` (YAML sequence items at column 1) bound cluster-wide to the `trainer` service
    /// account. The binding document starts at `bindingLine`.
    static func clusterRoleBound(_ role: String, rules: String) -> (yaml: String, bindingLine: Int) {
        let ruleLines = rules.split(separator: "\n", omittingEmptySubsequences: false).count
        let yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: \(role)
            rules:
            \(rules)
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: trainer-\(role)
            subjects:
            - kind: ServiceAccount
              name: trainer
              namespace: ml-prod
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: \(role)
            """
        return (yaml, 5 + ruleLines + 2)
    }

    /// A RoleBinding in `ml-prod` of `roleRef` (`Role NAME` or `ClusterRole NAME`) with the given subjects (YAML
    /// sequence items at column 1), which start at line 7.
    static func roleBinding(_ name: String, roleRef kind: String, _ role: String, subjects: String, namespace: String = "ml-prod") -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: \(name)
          namespace: \(namespace)
        subjects:
        \(subjects)
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: \(kind)
          name: \(role)
        """
    }

    /// A ClusterRoleBinding of `roleRef` with the given subjects (YAML sequence items at column 1), which start at
    /// line 6. `refGroup` is roleRef.apiGroup.
    static func clusterRoleBinding(_ name: String, roleRef kind: String = "ClusterRole", _ role: String, subjects: String,
                                   refGroup: String = "rbac.authorization.k8s.io") -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: \(name)
        subjects:
        \(subjects)
        roleRef:
          apiGroup: \(refGroup)
          kind: \(kind)
          name: \(role)
        """
    }

    /// A Role in `ml-prod` with `rules` (YAML sequence items at column 1), which start at line 7.
    static func role(_ name: String, rules: String, namespace: String = "ml-prod") -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: \(name)
          namespace: \(namespace)
        rules:
        \(rules)
        """
    }

    /// A ClusterRole with `rules` (YAML sequence items at column 1), which start at line 6.
    static func clusterRole(_ name: String, rules: String) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: \(name)
        rules:
        \(rules)
        """
    }

    /// One ABAC v1beta1 policy line with the given spec members (JSON text without braces).
    static func abacLine(_ spec: String) -> String {
        #"{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {\#(spec)}}"#
    }
}
