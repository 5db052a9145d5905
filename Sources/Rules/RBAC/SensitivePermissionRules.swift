import Authz
import Engine

/// The sensitive-permission family: for every entry of the Authz catalogue (`SensitivePermission.catalogue`) one
/// RBAC rule `rbac-KEY` (a binding of these manifests grants it, or an unbound role would) and one ABAC rule
/// `abac-KEY` (an ABAC line grants it). Titles and reasons come from the catalogue; this table adds the remediation
/// and the example grants.
enum SensitivePermissionRules {
    struct Entry {
        /// The catalogue key.
        var key: String
        var remediation: String
        /// RBAC rules (YAML sequence items) that grant the permission, and a near miss that does not.
        var grant: String
        var nearMiss: String
        /// ABAC spec members that grant it, and a near miss.
        var abacGrant: String
        var abacNearMiss: String
    }

    static let entries: [Entry] = [
        Entry(
            key: "cluster-admin-equivalent",
            remediation: "List the API groups, resources and verbs the workload needs instead of \"*\"; a controller rarely needs more than a few resources.",
            grant: #"""
                - apiGroups: ["*"]
                  resources: ["*"]
                  verbs: ["*"]
                """#,
            nearMiss: #"""
                - apiGroups: ["batch"]
                  resources: ["jobs"]
                  verbs: ["get", "list", "watch"]
                """#,
            abacGrant: #""user": "bob", "namespace": "ml-prod", "resource": "*", "apiGroup": "*""#,
            abacNearMiss: #""user": "bob", "namespace": "ml-prod", "resource": "*", "apiGroup": "*", "readonly": true"#
        ),
        Entry(
            key: "escalate",
            remediation: "Remove the escalate verb; role authors should hold the permissions they grant instead.",
            grant: #"""
                - apiGroups: ["rbac.authorization.k8s.io"]
                  resources: ["clusterroles"]
                  verbs: ["get", "escalate"]
                """#,
            nearMiss: #"""
                - apiGroups: ["rbac.authorization.k8s.io"]
                  resources: ["clusterroles"]
                  verbs: ["get", "list"]
                """#,
            abacGrant: #""user": "ops", "namespace": "*", "resource": "clusterroles", "apiGroup": "rbac.authorization.k8s.io""#,
            abacNearMiss: #""user": "ops", "namespace": "*", "resource": "clusterroles", "apiGroup": "rbac.authorization.k8s.io", "readonly": true"#
        ),
        Entry(
            key: "bind",
            remediation: "Remove the bind verb, or restrict it with resourceNames to the few roles the holder may hand out.",
            grant: #"""
                - apiGroups: ["rbac.authorization.k8s.io"]
                  resources: ["clusterroles"]
                  verbs: ["bind"]
                """#,
            nearMiss: #"""
                - apiGroups: ["rbac.authorization.k8s.io"]
                  resources: ["rolebindings"]
                  verbs: ["get", "list"]
                """#,
            abacGrant: #""user": "ops", "namespace": "*", "resource": "roles", "apiGroup": "rbac.authorization.k8s.io""#,
            abacNearMiss: #""user": "ops", "namespace": "*", "resource": "rolebindings", "apiGroup": "rbac.authorization.k8s.io", "readonly": true"#
        ),
        Entry(
            key: "impersonate",
            remediation: "Remove impersonate, or limit it with resourceNames to the identities an authenticating proxy really needs.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["users", "groups"]
                  verbs: ["impersonate"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["serviceaccounts"]
                  verbs: ["get", "list"]
                """#,
            abacGrant: #""user": "gateway", "namespace": "*", "resource": "users""#,
            abacNearMiss: #""user": "gateway", "namespace": "*", "resource": "serviceaccounts", "readonly": true"#
        ),
        Entry(
            key: "node-proxy",
            remediation: "Grant nodes/metrics or nodes/stats for monitoring instead of nodes/proxy.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["nodes/proxy"]
                  verbs: ["get"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["nodes", "nodes/metrics", "nodes/stats"]
                  verbs: ["get", "list"]
                """#,
            abacGrant: #""user": "monitoring", "namespace": "*", "resource": "nodes", "readonly": true"#,
            abacNearMiss: #""user": "monitoring", "namespace": "*", "resource": "pods", "readonly": true"#
        ),
        Entry(
            key: "csr-approval",
            remediation: "Leave CSR approval to the controller manager; if a custom approver is needed, restrict signers approve with resourceNames to its own signer.",
            grant: #"""
                - apiGroups: ["certificates.k8s.io"]
                  resources: ["certificatesigningrequests/approval"]
                  verbs: ["update"]
                - apiGroups: ["certificates.k8s.io"]
                  resources: ["signers"]
                  verbs: ["approve"]
                """#,
            nearMiss: #"""
                - apiGroups: ["certificates.k8s.io"]
                  resources: ["certificatesigningrequests"]
                  verbs: ["create", "get"]
                """#,
            abacGrant: #""user": "csr-bot", "namespace": "*", "resource": "*", "apiGroup": "certificates.k8s.io""#,
            abacNearMiss: #""user": "csr-bot", "namespace": "*", "resource": "certificatesigningrequests", "apiGroup": "certificates.k8s.io", "readonly": true"#
        ),
        Entry(
            key: "webhook-write",
            remediation: "Only the operator that owns a webhook should write its configuration; grant it with resourceNames.",
            grant: #"""
                - apiGroups: ["admissionregistration.k8s.io"]
                  resources: ["mutatingwebhookconfigurations"]
                  verbs: ["create", "patch"]
                """#,
            nearMiss: #"""
                - apiGroups: ["admissionregistration.k8s.io"]
                  resources: ["mutatingwebhookconfigurations"]
                  verbs: ["get", "list", "watch"]
                """#,
            abacGrant: #""user": "cert-manager", "namespace": "*", "resource": "validatingwebhookconfigurations", "apiGroup": "admissionregistration.k8s.io""#,
            abacNearMiss: #""user": "cert-manager", "namespace": "*", "resource": "validatingwebhookconfigurations", "apiGroup": "admissionregistration.k8s.io", "readonly": true"#
        ),
        Entry(
            key: "secret-read",
            remediation: "Grant get with resourceNames for the few Secrets the workload reads, in its own namespace (Role and RoleBinding), or mount them instead of reading them through the API.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["secrets"]
                  verbs: ["get", "list", "watch"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["configmaps"]
                  verbs: ["get", "list", "watch"]
                """#,
            abacGrant: #""user": "alice", "namespace": "ml-prod", "resource": "secrets", "readonly": true"#,
            abacNearMiss: #""user": "alice", "namespace": "ml-prod", "resource": "configmaps", "readonly": true"#
        ),
        Entry(
            key: "token-create",
            remediation: "Use projected service-account tokens in pods; grant serviceaccounts/token create only with resourceNames.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["serviceaccounts/token"]
                  verbs: ["create"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["serviceaccounts"]
                  verbs: ["get", "list"]
                """#,
            abacGrant: #""user": "ci", "namespace": "ml-prod", "resource": "serviceaccounts""#,
            abacNearMiss: #""user": "ci", "namespace": "ml-prod", "resource": "configmaps""#
        ),
        Entry(
            key: "pod-exec",
            remediation: "Drop pods/exec from the role; give people a break-glass role bound for a limited time instead.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["pods", "pods/exec"]
                  verbs: ["get", "create"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["pods", "pods/log"]
                  verbs: ["get", "list"]
                """#,
            abacGrant: #""user": "dev", "namespace": "ml-prod", "resource": "pods""#,
            abacNearMiss: #""user": "dev", "namespace": "ml-prod", "resource": "services", "readonly": true"#
        ),
        Entry(
            key: "pod-attach",
            remediation: "Drop pods/attach from the role; read logs through pods/log instead.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["pods/attach"]
                  verbs: ["create"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["pods/log"]
                  verbs: ["get"]
                """#,
            abacGrant: #""user": "dev", "namespace": "ml-prod", "resource": "pods""#,
            abacNearMiss: #""user": "dev", "namespace": "ml-prod", "resource": "services", "readonly": true"#
        ),
        Entry(
            key: "pod-portforward",
            remediation: "Expose the port through a Service covered by NetworkPolicy, or grant pods/portforward only in development namespaces.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["pods/portforward"]
                  verbs: ["create"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["services"]
                  verbs: ["get", "list"]
                """#,
            abacGrant: #""user": "dev", "namespace": "ml-prod", "resource": "pods""#,
            abacNearMiss: #""user": "dev", "namespace": "ml-prod", "resource": "services", "readonly": true"#
        ),
        Entry(
            key: "pod-ephemeral-containers",
            remediation: "Grant pods/ephemeralcontainers only to a break-glass debugging role.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["pods/ephemeralcontainers"]
                  verbs: ["patch"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["pods/ephemeralcontainers"]
                  verbs: ["get"]
                """#,
            abacGrant: #""user": "dev", "namespace": "ml-prod", "resource": "pods""#,
            abacNearMiss: #""user": "dev", "namespace": "ml-prod", "resource": "pods", "readonly": true"#
        ),
        Entry(
            key: "workload-create",
            remediation: "Keep workload writes to the deployment pipeline's service account, in the namespaces it deploys to, and enforce Pod Security admission there.",
            grant: #"""
                - apiGroups: ["batch"]
                  resources: ["jobs"]
                  verbs: ["create", "delete"]
                """#,
            nearMiss: #"""
                - apiGroups: ["batch"]
                  resources: ["jobs"]
                  verbs: ["get", "list", "watch"]
                """#,
            abacGrant: #""user": "ci", "namespace": "ml-prod", "resource": "jobs", "apiGroup": "batch""#,
            abacNearMiss: #""user": "ci", "namespace": "ml-prod", "resource": "jobs", "apiGroup": "batch", "readonly": true"#
        ),
        Entry(
            key: "pv-create",
            remediation: "Provision volumes through StorageClasses and PersistentVolumeClaims; keep PersistentVolume creation to the storage provisioner.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["persistentvolumes"]
                  verbs: ["create"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["persistentvolumeclaims"]
                  verbs: ["create"]
                """#,
            abacGrant: #""user": "storage-admin", "namespace": "*", "resource": "persistentvolumes""#,
            abacNearMiss: #""user": "storage-admin", "namespace": "*", "resource": "persistentvolumes", "readonly": true"#
        ),
        Entry(
            key: "broad-delete",
            remediation: "Grant delete on the specific resources the cleanup needs, never on \"*\" or namespaces.",
            grant: #"""
                - apiGroups: [""]
                  resources: ["namespaces"]
                  verbs: ["get", "delete"]
                """#,
            nearMiss: #"""
                - apiGroups: [""]
                  resources: ["pods"]
                  verbs: ["delete"]
                """#,
            abacGrant: #""user": "cleaner", "namespace": "*", "resource": "namespaces""#,
            abacNearMiss: #""user": "cleaner", "namespace": "*", "resource": "namespaces", "readonly": true"#
        ),
    ]

    static var all: [any Rule] {
        entries.flatMap { entry -> [any Rule] in
            guard let permission = SensitivePermission.catalogue.first(where: { $0.key == entry.key }) else { return [] }
            return [RBACAnalysisRule(.permissions, rbacMetadata(permission, entry)), ABACAnalysisRule(abacMetadata(permission, entry))]
        }
    }

    static func rbacMetadata(_ permission: SensitivePermission, _ entry: Entry) -> RuleMetadata {
        let triggering = AuthzExamples.clusterRoleBound("ml-\(entry.key)", rules: entry.grant)
        let nearMiss = AuthzExamples.clusterRoleBound("ml-\(entry.key)", rules: entry.nearMiss)
        let sameLevel = permission.clusterSeverity == permission.namespaceSeverity
        return RuleMetadata(
            id: permission.rbacIssueID, area: "rbac", severity: AuthzFindings.severity(permission.clusterSeverity),
            summary: "A binding grants \(permission.title)",
            rationale: "Holding \(permission.title) is risky: \(permission.reason). The finding is at the binding that grants it, naming the subjects, role and rules"
                + (sameLevel ? "." : "; it is \(permission.clusterSeverity.rawValue) when granted cluster-wide (ClusterRoleBinding) and \(permission.namespaceSeverity.rawValue) when granted in one namespace (RoleBinding).")
                + " A grant limited by resourceNames is one level lower. A role of these manifests that no binding here uses is reported at its rule as info, or at the level above when it is aggregated into built-in roles such as admin, edit or view.",
            remediation: entry.remediation + " Check the holders with `palisade who-can` and `palisade rbac report`.",
            triggering: [RuleExample(triggering.yaml, at: "\(triggering.bindingLine):1")],
            nonTriggering: [RuleExample(nearMiss.yaml)]
        )
    }

    static func abacMetadata(_ permission: SensitivePermission, _ entry: Entry) -> RuleMetadata {
        RuleMetadata(
            id: permission.abacIssueID, area: "abac", severity: AuthzFindings.severity(permission.clusterSeverity),
            summary: "An ABAC policy line grants \(permission.title)",
            rationale: "Holding \(permission.title) is risky: \(permission.reason). ABAC cannot restrict verbs beyond readonly and ignores subresources, so a line naming a resource grants all of its subresources too. Cluster-wide lines (namespace \"*\") are rated \(permission.clusterSeverity.rawValue), lines for one namespace \(permission.namespaceSeverity.rawValue); a line for every authenticated or anonymous user is always an error.",
            remediation: entry.remediation + " Better: convert the policy file with `palisade abac to-rbac FILE` and switch the API server to RBAC.",
            triggering: [RuleExample(AuthzExamples.abacLine(entry.abacGrant), at: "1:1")],
            nonTriggering: [RuleExample(AuthzExamples.abacLine(entry.abacNearMiss))]
        )
    }
}
