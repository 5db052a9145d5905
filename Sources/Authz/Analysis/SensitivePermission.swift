/// A permission that is risky to hold, with the requests that exercise it.
public struct SensitivePermission: Sendable, Hashable, Codable {
    /// A request that exercises the permission: any of `verbs` on the resource.
    struct Probe: Sendable, Hashable, Codable {
        var verbs: [String]
        var group: String
        var resource: String
        var subresource: String = ""

        func request(verb: String, namespace: String) -> AccessRequest {
            AccessRequest(verb: verb, apiGroup: group, resource: resource, subresource: subresource, namespace: namespace)
        }

        /// Whether RBAC can grant this at all through a RoleBinding (known cluster-scoped resources: no, except
        /// the namespace object itself, whose requests carry its own name as namespace).
        var isNamespaced: Bool { KnownResources.isNamespaced(resource, group: group) ?? true || (resource == "namespaces" && group == "") }
    }

    /// Issue ids are `rbac-KEY` and `abac-KEY`.
    public var key: String
    public var title: String
    public var reason: String
    public var clusterSeverity: AuthzSeverity
    public var namespaceSeverity: AuthzSeverity
    /// Every group must be satisfied (each by any of its probes).
    var requirements: [[Probe]]

    public var rbacIssueID: String { "rbac-" + key }
    public var abacIssueID: String { "abac-" + key }

    public func severity(clusterWide: Bool) -> AuthzSeverity { clusterWide ? clusterSeverity : namespaceSeverity }
}

extension SensitivePermission {
    /// Stand-in names no real rule lists, so only `*` matches them.
    static let anyVerb = "palisade:any-verb"
    static let anyGroup = "palisade.any-group"
    static let anyResource = "palisade-any-resource"

    private static func p(_ verbs: [String], _ group: String, _ resource: String, _ sub: String = "") -> Probe {
        Probe(verbs: verbs, group: group, resource: resource, subresource: sub)
    }

    private static let workloadWrite = ["create", "update", "patch"]

    public static let clusterAdmin = SensitivePermission(
        key: "cluster-admin-equivalent", title: "all verbs on all resources",
        reason: "equivalent to cluster-admin: every verb on every resource of every API group, including future custom resources",
        clusterSeverity: .error, namespaceSeverity: .warning,
        requirements: [[p([anyVerb], anyGroup, anyResource)]]
    )

    /// The catalogue, most severe first. `clusterAdmin` subsumes all the others.
    public static let catalogue: [SensitivePermission] = [
        clusterAdmin,
        SensitivePermission(
            key: "escalate", title: "escalate on roles",
            reason: "the escalate verb skips the API server's escalation check, so the holder can write roles with any permission",
            clusterSeverity: .error, namespaceSeverity: .error,
            requirements: [[p(["escalate"], RBACGroup.name, "roles"), p(["escalate"], RBACGroup.name, "clusterroles")]]
        ),
        SensitivePermission(
            key: "bind", title: "bind on roles",
            reason: "the bind verb lets the holder bind any role, including ones with more permissions than it has, to itself",
            clusterSeverity: .error, namespaceSeverity: .error,
            requirements: [[p(["bind"], RBACGroup.name, "roles"), p(["bind"], RBACGroup.name, "clusterroles")]]
        ),
        SensitivePermission(
            key: "impersonate", title: "impersonate users, groups or service accounts",
            reason: "impersonation acts as any identity, including group system:masters",
            clusterSeverity: .error, namespaceSeverity: .warning,
            requirements: [[
                p(["impersonate"], "", "users"), p(["impersonate"], "", "groups"), p(["impersonate"], "", "serviceaccounts"),
                p(["impersonate"], "authentication.k8s.io", "uids"),
            ]]
        ),
        SensitivePermission(
            key: "node-proxy", title: "nodes/proxy",
            reason: "the kubelet API behind nodes/proxy runs commands in every pod of the node, bypassing audit and admission; get is enough",
            clusterSeverity: .error, namespaceSeverity: .error,
            requirements: [[p(["get", "create"], "", "nodes", "proxy")]]
        ),
        SensitivePermission(
            key: "csr-approval", title: "approve certificate signing requests",
            reason: "approving CSRs (certificatesigningrequests/approval update plus signers approve) issues client certificates for any user or group",
            clusterSeverity: .error, namespaceSeverity: .error,
            requirements: [
                [p(["update", "patch"], "certificates.k8s.io", "certificatesigningrequests", "approval")],
                [p(["approve"], "certificates.k8s.io", "signers")],
            ]
        ),
        SensitivePermission(
            key: "webhook-write", title: "write admission webhook configurations",
            reason: "a webhook configuration sees and can mutate every object admitted to the cluster",
            clusterSeverity: .error, namespaceSeverity: .error,
            requirements: [[
                p(workloadWrite, "admissionregistration.k8s.io", "validatingwebhookconfigurations"),
                p(workloadWrite, "admissionregistration.k8s.io", "mutatingwebhookconfigurations"),
            ]]
        ),
        SensitivePermission(
            key: "secret-read", title: "read Secrets",
            reason: "get/list/watch return full Secret contents, including service-account tokens that lead to escalation",
            clusterSeverity: .error, namespaceSeverity: .warning,
            requirements: [[p(["get", "list", "watch"], "", "secrets")]]
        ),
        SensitivePermission(
            key: "token-create", title: "create service account tokens",
            reason: "serviceaccounts/token create mints a token for any service account in scope",
            clusterSeverity: .error, namespaceSeverity: .warning,
            requirements: [[p(["create"], "", "serviceaccounts", "token")]]
        ),
        SensitivePermission(
            key: "pod-exec", title: "pods/exec",
            reason: "a shell in running pods exposes their service-account tokens and data (exec works over a websocket GET too)",
            clusterSeverity: .error, namespaceSeverity: .warning,
            requirements: [[p(["create", "get"], "", "pods", "exec")]]
        ),
        SensitivePermission(
            key: "pod-attach", title: "pods/attach",
            reason: "attaching to running containers gives their input and output",
            clusterSeverity: .error, namespaceSeverity: .warning,
            requirements: [[p(["create", "get"], "", "pods", "attach")]]
        ),
        SensitivePermission(
            key: "pod-portforward", title: "pods/portforward",
            reason: "port-forwarding reaches pod ports directly, bypassing NetworkPolicy",
            clusterSeverity: .warning, namespaceSeverity: .warning,
            requirements: [[p(["create", "get"], "", "pods", "portforward")]]
        ),
        SensitivePermission(
            key: "pod-ephemeral-containers", title: "pods/ephemeralcontainers",
            reason: "an ephemeral container can be injected, privileged, into any running pod",
            clusterSeverity: .error, namespaceSeverity: .warning,
            requirements: [[p(["update", "patch"], "", "pods", "ephemeralcontainers")]]
        ),
        SensitivePermission(
            key: "workload-create", title: "create pods or write workloads",
            reason: "a new pod can mount any Secret of its namespace, run as any service account there, or be privileged and take the node",
            clusterSeverity: .error, namespaceSeverity: .warning,
            requirements: [[
                p(["create"], "", "pods"),
                p(workloadWrite, "", "replicationcontrollers"),
                p(workloadWrite, "apps", "deployments"), p(workloadWrite, "apps", "replicasets"),
                p(workloadWrite, "apps", "statefulsets"), p(workloadWrite, "apps", "daemonsets"),
                p(workloadWrite, "batch", "jobs"), p(workloadWrite, "batch", "cronjobs"),
            ]]
        ),
        SensitivePermission(
            key: "pv-create", title: "create PersistentVolumes",
            reason: "a hostPath PersistentVolume gives access to the node's filesystem",
            clusterSeverity: .warning, namespaceSeverity: .warning,
            requirements: [[p(["create"], "", "persistentvolumes")]]
        ),
        SensitivePermission(
            key: "broad-delete", title: "delete on broad resources",
            reason: "delete or deletecollection on all resources (or on namespaces, which deletes everything in them) destroys workloads and data",
            clusterSeverity: .warning, namespaceSeverity: .info,
            requirements: [[
                p(["delete", "deletecollection"], "", anyResource), p(["delete", "deletecollection"], anyGroup, anyResource),
                p(["delete", "deletecollection"], "", "namespaces"),
            ]]
        ),
    ]
}
