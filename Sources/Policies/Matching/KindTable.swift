import Models

/// What the API server's REST mapper knows about a kind: its plural resource name and scope.
/// Admission policies match on resources (`deployments`), manifests say kinds (`Deployment`).
struct ResourceType: Sendable, Hashable {
    let group: String
    let kind: String
    let plural: String
    let namespaced: Bool
}

/// Built-in kinds plus the CustomResourceDefinitions of the repository and policy folders.
struct KindTable: Sendable {
    private var byGroupKind: [String: ResourceType] = [:]

    init(customResourceDefinitions: [Resource]) {
        for t in Self.builtIn { byGroupKind[t.group + "/" + t.kind] = t }
        for crd in customResourceDefinitions where crd.kind == "CustomResourceDefinition" {
            guard let spec = crd.spec, let group = spec["group"]?.scalar,
                  let kind = spec["names"]?["kind"]?.scalar, let plural = spec["names"]?["plural"]?.scalar else { continue }
            let namespaced = spec["scope"]?.scalar != "Cluster"
            byGroupKind[group + "/" + kind] = ResourceType(group: group, kind: kind, plural: plural, namespaced: namespaced)
        }
    }

    /// The type of `kind` in `group`; unknown kinds get the REST mapper's guessed plural and
    /// the scope their manifest implies.
    func type(group: String, kind: String, hasNamespace: Bool) -> ResourceType {
        if let t = byGroupKind[group + "/" + kind] { return t }
        return ResourceType(group: group, kind: kind, plural: Self.guessPlural(kind), namespaced: hasNamespace)
    }

    func isKnown(group: String, kind: String) -> Bool { byGroupKind[group + "/" + kind] != nil }

    /// `meta.UnsafeGuessKindToResource`: lower-case, then English plural rules.
    static func guessPlural(_ kind: String) -> String {
        let lower = kind.lowercased()
        if lower.isEmpty { return lower }
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("z") || lower.hasSuffix("ch") || lower.hasSuffix("sh") {
            return lower + "es"
        }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return lower.dropLast() + "ies"
        }
        return lower + "s"
    }

    private static func t(_ group: String, _ kind: String, _ plural: String, _ namespaced: Bool = true) -> ResourceType {
        ResourceType(group: group, kind: kind, plural: plural, namespaced: namespaced)
    }

    static let builtIn: [ResourceType] = [
        t("", "Pod", "pods"), t("", "Service", "services"), t("", "Endpoints", "endpoints"),
        t("", "ConfigMap", "configmaps"), t("", "Secret", "secrets"), t("", "ServiceAccount", "serviceaccounts"),
        t("", "PersistentVolumeClaim", "persistentvolumeclaims"), t("", "Event", "events"),
        t("", "LimitRange", "limitranges"), t("", "ResourceQuota", "resourcequotas"),
        t("", "ReplicationController", "replicationcontrollers"), t("", "PodTemplate", "podtemplates"),
        t("", "Binding", "bindings"),
        t("", "PersistentVolume", "persistentvolumes", false), t("", "Node", "nodes", false),
        t("", "Namespace", "namespaces", false), t("", "ComponentStatus", "componentstatuses", false),
        t("apps", "Deployment", "deployments"), t("apps", "StatefulSet", "statefulsets"),
        t("apps", "DaemonSet", "daemonsets"), t("apps", "ReplicaSet", "replicasets"),
        t("apps", "ControllerRevision", "controllerrevisions"),
        t("batch", "Job", "jobs"), t("batch", "CronJob", "cronjobs"),
        t("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers"),
        t("policy", "PodDisruptionBudget", "poddisruptionbudgets"),
        t("networking.k8s.io", "Ingress", "ingresses"), t("networking.k8s.io", "NetworkPolicy", "networkpolicies"),
        t("networking.k8s.io", "IngressClass", "ingressclasses", false),
        t("discovery.k8s.io", "EndpointSlice", "endpointslices"),
        t("rbac.authorization.k8s.io", "Role", "roles"), t("rbac.authorization.k8s.io", "RoleBinding", "rolebindings"),
        t("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", false),
        t("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false),
        t("storage.k8s.io", "StorageClass", "storageclasses", false),
        t("storage.k8s.io", "VolumeAttachment", "volumeattachments", false),
        t("storage.k8s.io", "CSIDriver", "csidrivers", false), t("storage.k8s.io", "CSINode", "csinodes", false),
        t("storage.k8s.io", "CSIStorageCapacity", "csistoragecapacities"),
        t("scheduling.k8s.io", "PriorityClass", "priorityclasses", false),
        t("node.k8s.io", "RuntimeClass", "runtimeclasses", false),
        t("coordination.k8s.io", "Lease", "leases"),
        t("certificates.k8s.io", "CertificateSigningRequest", "certificatesigningrequests", false),
        t("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", false),
        t("apiregistration.k8s.io", "APIService", "apiservices", false),
        t("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false),
        t("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false),
        t("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false),
        t("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false),
        t("flowcontrol.apiserver.k8s.io", "FlowSchema", "flowschemas", false),
        t("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", "prioritylevelconfigurations", false),
    ]
}
