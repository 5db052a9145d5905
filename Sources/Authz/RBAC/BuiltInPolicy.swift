/// The default ClusterRoles and ClusterRoleBindings the API server creates at start (bootstrap policy), so that
/// bindings to them are understood without their manifests. Rule sets follow the bootstrap policy of current
/// Kubernetes releases; the larger system component roles are abridged to the permissions that matter for risk.
public enum BuiltInPolicy {
    public static let clusterRoles: [RBACRole] = [
        clusterAdmin, admin, edit, view, aggregateToAdmin, aggregateToEdit, aggregateToView,
        discovery, basicUser, publicInfoViewer, monitoring, node, nodeProxier, kubeScheduler, kubeControllerManager,
        authDelegator, kubeletAPIAdmin, nodeBootstrapper,
    ]

    public static let clusterRoleBindings: [RBACBinding] = [
        binding("cluster-admin", [.group(Identity.masters)]),
        binding("system:discovery", [.group(Identity.allAuthenticated)]),
        binding("system:basic-user", [.group(Identity.allAuthenticated)]),
        binding("system:public-info-viewer", [.group(Identity.allAuthenticated), .group(Identity.unauthenticated)]),
        binding("system:monitoring", [.group("system:monitoring")]),
        binding("system:node-proxier", [.user("system:kube-proxy")]),
        binding("system:kube-scheduler", [.user("system:kube-scheduler")]),
        binding("system:kube-controller-manager", [.user("system:kube-controller-manager")]),
    ]

    public static let bootstrapLabel = "kubernetes.io/bootstrapping"
    static let aggregateToAdmin_ = "rbac.authorization.k8s.io/aggregate-to-admin"
    static let aggregateToEdit_ = "rbac.authorization.k8s.io/aggregate-to-edit"
    static let aggregateToView_ = "rbac.authorization.k8s.io/aggregate-to-view"

    private static let read = ["get", "list", "watch"]
    private static let write = ["create", "update", "patch", "delete", "deletecollection"]

    private static func rule(_ verbs: [String], _ groups: [String], _ resources: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources)
    }

    private static func urls(_ verbs: [String], _ urls: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: urls)
    }

    private static func role(
        _ name: String, labels: [String: String] = [:], aggregate: String? = nil, _ rules: [PolicyRule]
    ) -> RBACRole {
        var all = labels
        all[bootstrapLabel] = "rbac-defaults"
        let selectors = aggregate.map { [LabelSelector(matchLabels: [$0: "true"])] }
        return .clusterRole(name, labels: all, rules: rules, aggregationSelectors: selectors, origin: .builtIn)
    }

    private static func binding(_ name: String, _ subjects: [RBACSubject]) -> RBACBinding {
        .clusterRoleBinding(name, clusterRole: name, subjects: subjects, origin: .builtIn)
    }

    static let clusterAdmin = role("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])])
    static let admin = role("admin", aggregate: aggregateToAdmin_, [])
    static let edit = role("edit", labels: [aggregateToAdmin_: "true"], aggregate: aggregateToEdit_, [])
    static let view = role("view", labels: [aggregateToEdit_: "true"], aggregate: aggregateToView_, [])

    static let aggregateToAdmin = role("system:aggregate-to-admin", labels: [aggregateToAdmin_: "true"], [
        rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
        rule(read + write, [RBACGroup.name], ["rolebindings", "roles"]),
    ])

    static let aggregateToEdit = role("system:aggregate-to-edit", labels: [aggregateToEdit_: "true"], [
        rule(read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
        rule(["impersonate"], [""], ["serviceaccounts"]),
        rule(write, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
        rule(["create"], [""], ["pods/eviction"]),
        rule(write, [""], [
            "configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale",
            "secrets", "serviceaccounts", "services", "services/proxy",
        ]),
        rule(["create"], [""], ["serviceaccounts/token"]),
        rule(write, ["apps"], [
            "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
            "statefulsets", "statefulsets/scale",
        ]),
        rule(write, ["autoscaling"], ["horizontalpodautoscalers"]),
        rule(write, ["batch"], ["cronjobs", "jobs"]),
        rule(write, ["extensions"], [
            "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies",
            "replicasets", "replicasets/scale", "replicationcontrollers/scale",
        ]),
        rule(write, ["policy"], ["poddisruptionbudgets"]),
        rule(write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
        rule(read + write, ["coordination.k8s.io"], ["leases"]),
    ])

    static let aggregateToView = role("system:aggregate-to-view", labels: [aggregateToView_: "true"], [
        rule(read, [""], [
            "configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
            "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status",
        ]),
        rule(read, [""], [
            "bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
            "replicationcontrollers/status", "resourcequotas", "resourcequotas/status",
        ]),
        rule(read, [""], ["namespaces"]),
        rule(read, ["discovery.k8s.io"], ["endpointslices"]),
        rule(read, ["apps"], [
            "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
            "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
            "statefulsets/scale", "statefulsets/status",
        ]),
        rule(read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        rule(read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
        rule(read, ["extensions"], [
            "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
            "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status",
            "replicationcontrollers/scale",
        ]),
        rule(read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        rule(read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
        rule(read, ["coordination.k8s.io"], ["leases"]),
    ])

    static let discovery = role("system:discovery", [
        urls(["get"], [
            "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
            "/version", "/version/",
        ]),
    ])

    static let basicUser = role("system:basic-user", [
        rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
        rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
    ])

    static let publicInfoViewer = role("system:public-info-viewer", [
        urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"]),
    ])

    static let monitoring = role("system:monitoring", [
        urls(["get"], ["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"]),
    ])

    /// Unbound by default since Kubernetes 1.8 (the Node authorizer replaced it).
    static let node = role("system:node", [
        rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
        rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews", "subjectaccessreviews"]),
        rule(read, [""], ["services"]),
        rule(["create", "delete", "get", "list", "patch", "update", "watch"], [""], ["nodes"]),
        rule(["patch", "update"], [""], ["nodes/status"]),
        rule(["create", "patch", "update"], [""], ["events"]),
        rule(read, [""], ["pods"]),
        rule(["create", "delete"], [""], ["pods"]),
        rule(["patch", "update"], [""], ["pods/status"]),
        rule(["create"], [""], ["pods/eviction"]),
        rule(["get"], [""], ["configmaps", "secrets"]),
        rule(["get"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
        rule(["get"], [""], ["endpoints"]),
        rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
        rule(["create", "delete", "get", "patch", "update"], ["coordination.k8s.io"], ["leases"]),
        rule(["get"], ["storage.k8s.io"], ["volumeattachments"]),
        rule(["create"], [""], ["serviceaccounts/token"]),
    ])

    static let nodeProxier = role("system:node-proxier", [
        rule(["list", "watch"], [""], ["endpoints", "services"]),
        rule(read, [""], ["nodes"]),
        rule(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
        rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
    ])

    static let kubeScheduler = role("system:kube-scheduler", [
        rule(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
        rule(["create"], ["coordination.k8s.io"], ["leases"]),
        rule(["get", "update"], ["coordination.k8s.io"], ["leases"]),
        rule(["delete", "get", "list", "watch"], [""], ["pods"]),
        rule(["create"], [""], ["bindings", "pods/binding"]),
        rule(["patch", "update"], [""], ["pods/status"]),
        rule(read, [""], ["nodes", "namespaces", "persistentvolumeclaims", "persistentvolumes", "replicationcontrollers", "services"]),
        rule(read, ["apps"], ["replicasets", "statefulsets"]),
        rule(read, ["policy"], ["poddisruptionbudgets"]),
        rule(read, ["storage.k8s.io"], ["csidrivers", "csinodes", "csistoragecapacities", "storageclasses"]),
        rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
        rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    ])

    static let kubeControllerManager = role("system:kube-controller-manager", [
        rule(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
        rule(["create"], ["coordination.k8s.io"], ["leases"]),
        rule(["get", "update"], ["coordination.k8s.io"], ["leases"]),
        rule(["create"], [""], ["secrets", "serviceaccounts"]),
        rule(["delete"], [""], ["secrets"]),
        rule(["get"], [""], ["configmaps", "namespaces", "secrets", "serviceaccounts"]),
        rule(["update"], [""], ["secrets", "serviceaccounts"]),
        rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
        rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
        rule(["list", "watch"], ["*"], ["*"]),
        rule(["create"], [""], ["serviceaccounts/token"]),
    ])

    static let authDelegator = role("system:auth-delegator", [
        rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
        rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    ])

    static let kubeletAPIAdmin = role("system:kubelet-api-admin", [
        rule(["get", "list", "watch", "proxy"], [""], ["nodes"]),
        rule(["*"], [""], ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"]),
    ])

    static let nodeBootstrapper = role("system:node-bootstrapper", [
        rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
    ])
}
