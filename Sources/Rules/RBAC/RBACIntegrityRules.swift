import Authz
import Engine
import Models

/// Broken or ineffective RBAC objects: bindings the API server rejects or that match nobody, roles whose rules
/// do not do what they appear to.
enum RBACIntegrityRules {
    typealias ID = RiskAnalysis.IntegrityIssueID

    static let podReader = AuthzExamples.role("pod-reader", rules: #"""
        - apiGroups: [""]
          resources: ["pods", "pods/log"]
          verbs: ["get", "list", "watch"]
        """#)

    static let notebookSubject = """
        - kind: ServiceAccount
          name: notebook
        """

    static let trainerSubject = """
        - kind: ServiceAccount
          name: trainer
          namespace: ml-prod
        """

    static let metricsRule = #"""
        - nonResourceURLs: ["/metrics"]
          verbs: ["get"]
        """#

    static let nodeViewer = AuthzExamples.clusterRole("node-viewer", rules: #"""
        - apiGroups: [""]
          resources: ["nodes"]
          verbs: ["get", "list", "watch"]
        """#)

    static let all: [any Rule] = [
        MissingRoleRule(),
        RBACAnalysisRule(.bindings { b, _ in b.scope == .cluster && b.roleRef.kind == "Role" }, RuleMetadata(
            id: ID.clusterRoleBindingToRole, area: "rbac", severity: .error,
            summary: "A ClusterRoleBinding references a Role",
            rationale: "A ClusterRoleBinding can only reference a ClusterRole: a Role is namespaced and the binding is not. The API server rejects the object, so the apply fails.",
            remediation: "Use a RoleBinding in the Role's namespace, or turn the Role into a ClusterRole if the grant really is cluster-wide.",
            triggering: [RuleExample(AuthzExamples.clusterRoleBinding("trainer-reads-pods", roleRef: "Role", "pod-reader", subjects: trainerSubject), at: "10:3")],
            nonTriggering: [RuleExample(podReader + "\n---\n" + AuthzExamples.roleBinding("trainer-reads-pods", roleRef: "Role", "pod-reader", subjects: trainerSubject))]
        )),
        RBACAnalysisRule(.bindings { b, _ in (!b.roleRef.apiGroup.isEmpty && b.roleRef.apiGroup != RBACGroup.name) || (b.roleRef.kind != "Role" && b.roleRef.kind != "ClusterRole") }, RuleMetadata(
            id: ID.invalidRoleRef, area: "rbac", severity: .error,
            summary: "roleRef has a kind other than Role or ClusterRole, or a wrong apiGroup",
            rationale: "roleRef.kind must be Role or ClusterRole and roleRef.apiGroup rbac.authorization.k8s.io (without version). The API server rejects anything else, and roleRef cannot be changed after creation.",
            remediation: "Set roleRef.apiGroup: rbac.authorization.k8s.io and roleRef.kind: Role or ClusterRole.",
            triggering: [RuleExample(AuthzExamples.clusterRoleBinding("trainer-views", roleRef: "ClusterRole", "view", subjects: trainerSubject,
                                                                       refGroup: "rbac.authorization.k8s.io/v1"), at: "10:3")],
            nonTriggering: [RuleExample(AuthzExamples.clusterRoleBinding("trainer-views", roleRef: "ClusterRole", "view", subjects: trainerSubject))]
        )),
        RBACAnalysisRule(.bindings { b, _ in b.scope == .namespaced && b.roleRef.kind == "ClusterRole" }, RuleMetadata(
            id: ID.clusterScopedOnlyInRoleBinding, area: "rbac", severity: .warning,
            summary: "A RoleBinding references a ClusterRole that covers only cluster-scoped resources or URLs",
            rationale: "A RoleBinding grants the rules of its role only inside its namespace. Rules on cluster-scoped resources (nodes, persistentvolumes, namespaces other than its own, …) and nonResourceURLs are never granted through it, so the binding does nothing.",
            remediation: "Use a ClusterRoleBinding if the subjects need the cluster-scoped access, or delete the binding.",
            triggering: [RuleExample(nodeViewer + "\n---\n" + AuthzExamples.roleBinding("trainer-views-nodes", roleRef: "ClusterRole", "node-viewer", subjects: trainerSubject), at: "20:3")],
            nonTriggering: [RuleExample(nodeViewer + "\n---\n" + AuthzExamples.clusterRoleBinding("trainer-views-nodes", "node-viewer", subjects: trainerSubject))]
        )),
        RBACAnalysisRule(.bindings { b, _ in b.scope == .cluster && b.subjects.contains { $0.kind == "ServiceAccount" && $0.namespace.isEmpty } }, RuleMetadata(
            id: ID.serviceAccountWithoutNamespace, area: "rbac", severity: .error,
            summary: "A ServiceAccount subject of a ClusterRoleBinding has no namespace",
            rationale: "A ServiceAccount subject is identified by namespace and name. In a RoleBinding the namespace defaults to the binding's, but a ClusterRoleBinding has none, so the subject matches no service account and the grant silently does nothing.",
            remediation: "Add namespace: to the subject (the namespace the service account lives in).",
            triggering: [RuleExample(AuthzExamples.clusterRoleBinding("notebook-views", "view", subjects: notebookSubject), at: "6:3")],
            nonTriggering: [RuleExample(AuthzExamples.roleBinding("notebook-views", roleRef: "ClusterRole", "view", subjects: notebookSubject))]
        )),
        RBACAnalysisRule(.subjects { !($0.apiGroup ?? "").isEmpty }, RuleMetadata(
            id: ID.subjectWrongAPIGroup, area: "rbac", severity: .error,
            summary: "A subject has the wrong apiGroup for its kind",
            rationale: "ServiceAccount subjects take apiGroup \"\" (or none); User and Group subjects take rbac.authorization.k8s.io. The API server rejects other values.",
            remediation: "Remove apiGroup from ServiceAccount subjects; set apiGroup: rbac.authorization.k8s.io on User and Group subjects.",
            triggering: [RuleExample(AuthzExamples.roleBinding("trainer-views", roleRef: "ClusterRole", "view", subjects: """
                - kind: ServiceAccount
                  name: trainer
                  apiGroup: rbac.authorization.k8s.io
                """), at: "7:3")],
            nonTriggering: [RuleExample(AuthzExamples.roleBinding("trainer-views", roleRef: "ClusterRole", "view", subjects: trainerSubject))]
        )),
        RBACAnalysisRule(.subjects { !["User", "Group", "ServiceAccount"].contains($0.kind) }, RuleMetadata(
            id: ID.subjectUnknownKind, area: "rbac", severity: .error,
            summary: "A subject's kind is not User, Group or ServiceAccount",
            rationale: "Subject kinds are case-sensitive: User, Group, ServiceAccount. Anything else (Serviceaccount, Users, …) is rejected by the API server or matches nobody.",
            remediation: "Fix the kind's spelling.",
            triggering: [RuleExample(AuthzExamples.roleBinding("trainer-views", roleRef: "ClusterRole", "view", subjects: """
                - kind: Serviceaccount
                  name: trainer
                  namespace: ml-prod
                """), at: "7:3")],
            nonTriggering: [RuleExample(AuthzExamples.roleBinding("trainer-views", roleRef: "ClusterRole", "view", subjects: trainerSubject))]
        )),
        RBACAnalysisRule(.subjects { $0.kind != "ServiceAccount" && !$0.namespace.isEmpty }, RuleMetadata(
            id: ID.subjectNamespaceIgnored, area: "rbac", severity: .info,
            summary: "A User or Group subject has a namespace, which is ignored",
            rationale: "Users and groups are not namespaced; a namespace on such a subject has no effect and suggests the author expected it to limit the grant.",
            remediation: "Remove namespace: from the subject; limit the grant with a RoleBinding in that namespace instead.",
            triggering: [RuleExample(AuthzExamples.clusterRoleBinding("alice-views", "view", subjects: """
                - kind: User
                  name: alice@example.com
                  namespace: ml-prod
                  apiGroup: rbac.authorization.k8s.io
                """), at: "6:3")],
            nonTriggering: [RuleExample(AuthzExamples.clusterRoleBinding("alice-views", "view", subjects: """
                - kind: User
                  name: alice@example.com
                  apiGroup: rbac.authorization.k8s.io
                """))]
        )),
        RBACAnalysisRule(.roles { $0.rules.contains { $0.resources.contains { $0.hasSuffix("/*") } } }, RuleMetadata(
            id: ID.subresourceWildcard, area: "rbac", severity: .warning,
            summary: "A rule lists RESOURCE/* as if it matched every subresource",
            rationale: "RBAC has no subresource wildcard: pods/* matches only a subresource literally named \"*\", so pods/log, pods/exec and the others are not granted. (*/scale is a real form: every resource's scale subresource.)",
            remediation: "List the subresources explicitly (pods/log, pods/status, …).",
            triggering: [RuleExample(AuthzExamples.role("pod-debugger", rules: #"""
                - apiGroups: [""]
                  resources: ["pods", "pods/*"]
                  verbs: ["get"]
                """#), at: "8:14")],
            nonTriggering: [RuleExample(podReader)]
        )),
        RBACAnalysisRule(.roles { $0.scope == .namespaced && $0.rules.contains { !$0.nonResourceURLs.isEmpty } }, RuleMetadata(
            id: ID.nonResourceInRole, area: "rbac", severity: .error,
            summary: "A Role lists nonResourceURLs",
            rationale: "Non-resource URLs (/metrics, /healthz, …) are not namespaced, so only a ClusterRole bound with a ClusterRoleBinding can grant them. The API server rejects a Role with nonResourceURLs.",
            remediation: "Move the rule to a ClusterRole and bind it with a ClusterRoleBinding.",
            triggering: [RuleExample(AuthzExamples.role("metrics-reader", rules: metricsRule), at: "7:20")],
            nonTriggering: [RuleExample(AuthzExamples.clusterRole("metrics-reader", rules: metricsRule))]
        )),
        RBACAnalysisRule(.roles { $0.rules.contains { !$0.nonResourceURLs.isEmpty } }, RuleMetadata(
            id: ID.mixedRule, area: "rbac", severity: .error,
            summary: "A rule mixes nonResourceURLs with apiGroups, resources or resourceNames",
            rationale: "A policy rule is either about resources or about non-resource URLs. The API server rejects a rule with both.",
            remediation: "Split it into two rules: one with apiGroups/resources/verbs, one with nonResourceURLs/verbs.",
            triggering: [RuleExample(AuthzExamples.clusterRole("monitoring", rules: #"""
                - apiGroups: [""]
                  resources: ["pods"]
                  nonResourceURLs: ["/metrics"]
                  verbs: ["get"]
                """#), at: "6:3")],
            nonTriggering: [RuleExample(AuthzExamples.clusterRole("monitoring", rules: #"""
                - apiGroups: [""]
                  resources: ["pods"]
                  verbs: ["get"]
                - nonResourceURLs: ["/metrics"]
                  verbs: ["get"]
                """#))]
        )),
        RBACAnalysisRule(.roles { $0.rules.contains { !$0.resourceNames.isEmpty } }, RuleMetadata(
            id: ID.resourceNamesIneffective, area: "rbac", severity: .warning,
            summary: "resourceNames restricts list, watch, create or deletecollection, which it cannot",
            rationale: "create, list, watch and deletecollection requests carry no object name, so a rule limited by resourceNames never allows them (list and watch with a fieldSelector on metadata.name aside). The author usually expects a \"list these objects\" permission. A warning when no verb of the rule works, info when some do.",
            remediation: "Move the nameless verbs to a separate rule without resourceNames, or drop them.",
            triggering: [RuleExample(AuthzExamples.role("model-config-reader", rules: #"""
                - apiGroups: [""]
                  resources: ["configmaps"]
                  resourceNames: ["model-config"]
                  verbs: ["get", "list"]
                """#), at: "9:18")],
            nonTriggering: [RuleExample(AuthzExamples.role("model-config-reader", rules: #"""
                - apiGroups: [""]
                  resources: ["configmaps"]
                  resourceNames: ["model-config"]
                  verbs: ["get", "update"]
                """#))]
        )),
        RBACAnalysisRule(.roles { $0.aggregationSelectors != nil }, RuleMetadata(
            id: ID.aggregatedRulesOverwritten, area: "rbac", severity: .warning,
            summary: "A ClusterRole with an aggregationRule also has hand-written rules",
            rationale: "The aggregation controller owns the rules of an aggregated ClusterRole and replaces them with the union of the selected roles, so hand-written rules vanish after the next reconcile.",
            remediation: "Move the rules into a separate ClusterRole that carries the aggregation label.",
            triggering: [RuleExample("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: ml-platform-user
                aggregationRule:
                  clusterRoleSelectors:
                  - matchLabels:
                      ml.example.com/aggregate-to-user: "true"
                rules:
                - apiGroups: ["batch"]
                  resources: ["jobs"]
                  verbs: ["get", "list"]
                """, at: "10:3")],
            nonTriggering: [RuleExample("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: ml-platform-user
                aggregationRule:
                  clusterRoleSelectors:
                  - matchLabels:
                      ml.example.com/aggregate-to-user: "true"
                rules: []
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: ml-platform-user-jobs
                  labels:
                    ml.example.com/aggregate-to-user: "true"
                rules:
                - apiGroups: ["batch"]
                  resources: ["jobs"]
                  verbs: ["get", "list"]
                """)]
        )),
    ]
}

/// `rbac-missing-role`: reported only where the repository defines roles of that kind (in that namespace for a
/// Role), or with `--strict-references`, since roles often come from elsewhere (Helm charts, operators).
public struct MissingRoleRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: RiskAnalysis.IntegrityIssueID.missingRole, area: "rbac", severity: .warning,
        summary: "A binding references a role that does not exist",
        rationale: "A binding to a missing Role or ClusterRole grants nothing; usually the role's name is misspelt or the role lives in another namespace (a RoleBinding can only reference Roles of its own namespace). Reported when these manifests define roles of that kind (in that namespace), or with --strict-references; built-in roles count as existing.",
        remediation: "Fix roleRef.name, or add the role. roleRef cannot be changed after creation: delete and recreate the binding.",
        triggering: [RuleExample(RBACIntegrityRules.podReader + "\n---\n" + AuthzExamples.roleBinding(
            "notebook-reads-pods", roleRef: "Role", "pod-readers", subjects: RBACIntegrityRules.notebookSubject), at: "20:3")],
        nonTriggering: [
            RuleExample(RBACIntegrityRules.podReader + "\n---\n" + AuthzExamples.roleBinding(
                "notebook-reads-pods", roleRef: "Role", "pod-reader", subjects: RBACIntegrityRules.notebookSubject)),
            RuleExample(AuthzExamples.roleBinding("notebook-runs-jobs", roleRef: "ClusterRole", "job-runner", subjects: RBACIntegrityRules.notebookSubject)),
        ])

    public static let focus = AnalysisFocus.bindings { binding, model in model.resolveRole(of: binding) == nil }

    public var sharedResults: [String] { [ResourceSet.authorizationResult] }

    public func issues(in set: ResourceSet) -> [AuthzIssue] {
        FocusedAnalysis.issues(Self.focus, in: set)
    }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        AuthzFindings.report(issues(in: set), in: set, &report) { binding in
            if context.strictReferences { return true }
            let kind = binding["roleRef"]?["kind"]?.scalar
            return kind == "Role" ? set.defines(kind: "Role", namespace: binding.namespace) : set.defines(kind: "ClusterRole", namespace: nil)
        }
    }
}
