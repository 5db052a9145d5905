/// A built-in Kubernetes API resource: plural name, API group, whether it is namespaced, and its subresources.
public struct KnownResource: Sendable, Hashable, Codable {
    public var plural: String
    public var group: String
    public var namespaced: Bool
    public var subresources: [String]

    public init(_ plural: String, group: String = "", namespaced: Bool, subresources: [String] = []) {
        self.plural = plural
        self.group = group
        self.namespaced = namespaced
        self.subresources = subresources
    }
}

/// The table of built-in resources the analysis needs to tell cluster-scoped from namespaced requests. Resources
/// not in it (custom resources) are treated as namespaced unless a caller knows better.
public enum KnownResources {
    public static let all: [KnownResource] = core + apps + others + virtual

    /// The resource with this plural name in this API group.
    public static func lookup(_ plural: String, group: String) -> KnownResource? {
        all.first { $0.plural == plural && $0.group == group }
    }

    /// Every known resource with this plural name, in table order (the core group first).
    public static func lookup(_ plural: String) -> [KnownResource] {
        all.filter { $0.plural == plural }
    }

    /// `true` / `false` for known resources, `nil` when the resource is unknown in that group.
    public static func isNamespaced(_ plural: String, group: String) -> Bool? {
        lookup(plural, group: group)?.namespaced
    }

    /// Known cluster-scoped resources, optionally restricted to one API group.
    public static func clusterScoped(group: String? = nil) -> [KnownResource] {
        all.filter { !$0.namespaced && (group == nil || $0.group == group) }
    }

    private static let core: [KnownResource] = [
        KnownResource("pods", namespaced: true, subresources: [
            "attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize", "status",
        ]),
        KnownResource("services", namespaced: true, subresources: ["proxy", "status"]),
        KnownResource("endpoints", namespaced: true),
        KnownResource("configmaps", namespaced: true),
        KnownResource("secrets", namespaced: true),
        KnownResource("serviceaccounts", namespaced: true, subresources: ["token"]),
        KnownResource("persistentvolumeclaims", namespaced: true, subresources: ["status"]),
        KnownResource("events", namespaced: true),
        KnownResource("limitranges", namespaced: true),
        KnownResource("resourcequotas", namespaced: true, subresources: ["status"]),
        KnownResource("replicationcontrollers", namespaced: true, subresources: ["scale", "status"]),
        KnownResource("podtemplates", namespaced: true),
        KnownResource("bindings", namespaced: true),
        KnownResource("persistentvolumes", namespaced: false, subresources: ["status"]),
        KnownResource("nodes", namespaced: false, subresources: ["proxy", "status"]),
        KnownResource("namespaces", namespaced: false, subresources: ["finalize", "status"]),
        KnownResource("componentstatuses", namespaced: false),
    ]

    private static let apps: [KnownResource] = [
        KnownResource("deployments", group: "apps", namespaced: true, subresources: ["scale", "status"]),
        KnownResource("replicasets", group: "apps", namespaced: true, subresources: ["scale", "status"]),
        KnownResource("statefulsets", group: "apps", namespaced: true, subresources: ["scale", "status"]),
        KnownResource("daemonsets", group: "apps", namespaced: true, subresources: ["status"]),
        KnownResource("controllerrevisions", group: "apps", namespaced: true),
        KnownResource("jobs", group: "batch", namespaced: true, subresources: ["status"]),
        KnownResource("cronjobs", group: "batch", namespaced: true, subresources: ["status"]),
        KnownResource("horizontalpodautoscalers", group: "autoscaling", namespaced: true, subresources: ["status"]),
        KnownResource("poddisruptionbudgets", group: "policy", namespaced: true, subresources: ["status"]),
    ]

    private static let others: [KnownResource] = [
        KnownResource("ingresses", group: "networking.k8s.io", namespaced: true, subresources: ["status"]),
        KnownResource("networkpolicies", group: "networking.k8s.io", namespaced: true),
        KnownResource("ingressclasses", group: "networking.k8s.io", namespaced: false),
        KnownResource("endpointslices", group: "discovery.k8s.io", namespaced: true),
        KnownResource("events", group: "events.k8s.io", namespaced: true),
        KnownResource("leases", group: "coordination.k8s.io", namespaced: true),
        KnownResource("roles", group: "rbac.authorization.k8s.io", namespaced: true),
        KnownResource("rolebindings", group: "rbac.authorization.k8s.io", namespaced: true),
        KnownResource("clusterroles", group: "rbac.authorization.k8s.io", namespaced: false),
        KnownResource("clusterrolebindings", group: "rbac.authorization.k8s.io", namespaced: false),
        KnownResource("storageclasses", group: "storage.k8s.io", namespaced: false),
        KnownResource("csidrivers", group: "storage.k8s.io", namespaced: false),
        KnownResource("csinodes", group: "storage.k8s.io", namespaced: false),
        KnownResource("volumeattachments", group: "storage.k8s.io", namespaced: false, subresources: ["status"]),
        KnownResource("csistoragecapacities", group: "storage.k8s.io", namespaced: true),
        KnownResource("validatingwebhookconfigurations", group: "admissionregistration.k8s.io", namespaced: false),
        KnownResource("mutatingwebhookconfigurations", group: "admissionregistration.k8s.io", namespaced: false),
        KnownResource("validatingadmissionpolicies", group: "admissionregistration.k8s.io", namespaced: false, subresources: ["status"]),
        KnownResource("validatingadmissionpolicybindings", group: "admissionregistration.k8s.io", namespaced: false),
        KnownResource("customresourcedefinitions", group: "apiextensions.k8s.io", namespaced: false, subresources: ["status"]),
        KnownResource("apiservices", group: "apiregistration.k8s.io", namespaced: false, subresources: ["status"]),
        KnownResource("certificatesigningrequests", group: "certificates.k8s.io", namespaced: false, subresources: ["approval", "status"]),
        KnownResource("priorityclasses", group: "scheduling.k8s.io", namespaced: false),
        KnownResource("runtimeclasses", group: "node.k8s.io", namespaced: false),
        KnownResource("flowschemas", group: "flowcontrol.apiserver.k8s.io", namespaced: false, subresources: ["status"]),
        KnownResource("prioritylevelconfigurations", group: "flowcontrol.apiserver.k8s.io", namespaced: false, subresources: ["status"]),
        KnownResource("tokenreviews", group: "authentication.k8s.io", namespaced: false),
        KnownResource("selfsubjectreviews", group: "authentication.k8s.io", namespaced: false),
        KnownResource("subjectaccessreviews", group: "authorization.k8s.io", namespaced: false),
        KnownResource("selfsubjectaccessreviews", group: "authorization.k8s.io", namespaced: false),
        KnownResource("selfsubjectrulesreviews", group: "authorization.k8s.io", namespaced: false),
        KnownResource("localsubjectaccessreviews", group: "authorization.k8s.io", namespaced: true),
    ]

    /// Resources that exist only for authorization checks: impersonation targets and certificate signers.
    private static let virtual: [KnownResource] = [
        KnownResource("users", namespaced: false),
        KnownResource("groups", namespaced: false),
        KnownResource("uids", group: "authentication.k8s.io", namespaced: false),
        KnownResource("userextras", group: "authentication.k8s.io", namespaced: false),
        KnownResource("signers", group: "certificates.k8s.io", namespaced: false),
    ]
}
