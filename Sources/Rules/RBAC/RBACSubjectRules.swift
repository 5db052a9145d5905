import Authz
import Engine

/// Who is bound: cluster-admin bindings, and bindings to broad or default subjects (anonymous, every
/// authenticated user, every service account, a namespace's default service account).
enum RBACSubjectRules {
    typealias ID = RiskAnalysis.SubjectIssueID

    static let viewerSubjects = """
        - kind: Group
          name: ml-platform-viewers
          apiGroup: rbac.authorization.k8s.io
        """

    static let all: [any Rule] = [
        RBACAnalysisRule(.permissions, RuleMetadata(
            id: RiskAnalysis.clusterAdminBindingID, area: "rbac", severity: .error,
            summary: "A binding grants the cluster-admin ClusterRole",
            rationale: "cluster-admin allows every verb on every resource. Bound with a ClusterRoleBinding it is full control of the cluster; bound with a RoleBinding (warning) it is full control of the namespace, including its RBAC, Secrets and service-account tokens. Subjects of such bindings are the first target of an attacker.",
            remediation: "Bind a narrower role (the built-in admin, edit or view, or a role listing what the subjects need). Keep cluster-admin to a break-glass group outside the manifests.",
            triggering: [RuleExample(AuthzExamples.clusterRoleBinding("ml-platform-admins", "cluster-admin", subjects: """
                - kind: Group
                  name: ml-platform-admins
                  apiGroup: rbac.authorization.k8s.io
                """), at: "10:3")],
            nonTriggering: [RuleExample(AuthzExamples.clusterRoleBinding("ml-platform-viewers", "view", subjects: viewerSubjects))]
        )),
        RBACAnalysisRule(.subjects { $0.name == Identity.anonymousUser || $0.name == Identity.unauthenticated }, RuleMetadata(
            id: ID.anonymous, area: "rbac", severity: .error,
            summary: "A binding grants permissions to anonymous requests",
            rationale: "Subjects system:anonymous and system:unauthenticated match every request without credentials (when anonymous authentication is on, the default). Whatever the role grants is open to anyone who can reach the API server.",
            remediation: "Remove the subject. Public information (health, version, discovery) is already granted by the built-in system:public-info-viewer and system:discovery roles.",
            triggering: [RuleExample(AuthzExamples.clusterRoleBinding("public-model-catalogue", "view", subjects: """
                - kind: Group
                  name: system:unauthenticated
                  apiGroup: rbac.authorization.k8s.io
                """), at: "6:3")],
            nonTriggering: [RuleExample(AuthzExamples.clusterRoleBinding("ml-platform-viewers", "view", subjects: viewerSubjects))]
        )),
        RBACAnalysisRule(.subjects { $0.name == Identity.allAuthenticated }, RuleMetadata(
            id: ID.allAuthenticated, area: "rbac", severity: .error,
            summary: "A binding grants permissions to every authenticated user",
            rationale: "Group system:authenticated contains every user and every service account of the cluster, including those of other teams and of compromised pods. It is an error when the role includes a sensitive permission, a warning otherwise.",
            remediation: "Bind a group of the people who need the access (from your identity provider), or the specific service accounts.",
            triggering: [RuleExample(AuthzExamples.roleBinding("everyone-views-ml-prod", roleRef: "ClusterRole", "view", subjects: """
                - kind: Group
                  name: system:authenticated
                  apiGroup: rbac.authorization.k8s.io
                """), at: "7:3")],
            nonTriggering: [RuleExample(AuthzExamples.roleBinding("team-views-ml-prod", roleRef: "ClusterRole", "view", subjects: viewerSubjects))]
        )),
        RBACAnalysisRule(.subjects { $0.name.hasPrefix(Identity.allServiceAccounts) }, RuleMetadata(
            id: ID.allServiceAccounts, area: "rbac", severity: .error,
            summary: "A binding grants permissions to every service account (of the cluster or of a namespace)",
            rationale: "Group system:serviceaccounts holds every service account of the cluster and system:serviceaccounts:NS every one of a namespace, so every pod there, including ones added later and ones compromised, gets the role. It is an error (cluster) or warning (namespace) with a sensitive permission, lower otherwise.",
            remediation: "Bind the service accounts that need the access by name.",
            triggering: [RuleExample(AuthzExamples.roleBinding("all-pods-edit", roleRef: "ClusterRole", "edit", subjects: """
                - kind: Group
                  name: system:serviceaccounts
                  apiGroup: rbac.authorization.k8s.io
                """), at: "7:3")],
            nonTriggering: [RuleExample(AuthzExamples.roleBinding("trainer-edit", roleRef: "ClusterRole", "edit", subjects: """
                - kind: ServiceAccount
                  name: trainer
                  namespace: ml-prod
                """))]
        )),
        RBACAnalysisRule(.subjects { $0.kind == "ServiceAccount" && $0.name == "default" }, RuleMetadata(
            id: ID.defaultServiceAccount, area: "rbac", severity: .error,
            summary: "A binding grants permissions to a namespace's default service account",
            rationale: "Every pod that names no serviceAccountName runs as the default service account of its namespace, so its permissions go to every such pod, present and future. It is an error when the role includes a sensitive permission, a warning for cluster-wide grants and info otherwise.",
            remediation: "Create a dedicated ServiceAccount for the workload that needs the access, set serviceAccountName in its pod template and bind that account instead.",
            triggering: [RuleExample(AuthzExamples.roleBinding("default-can-edit", roleRef: "ClusterRole", "edit", subjects: """
                - kind: ServiceAccount
                  name: default
                  namespace: ml-prod
                """), at: "7:3")],
            nonTriggering: [RuleExample(AuthzExamples.roleBinding("notebook-can-edit", roleRef: "ClusterRole", "edit", subjects: """
                - kind: ServiceAccount
                  name: notebook
                  namespace: ml-prod
                """))]
        )),
    ]
}
