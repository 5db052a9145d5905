import YAMLTree

extension StringTable {
    /// Names longer than 15 bytes that most repositories repeat in every object of a kind:
    /// API versions and groups, kinds, well-known label and annotation keys, RBAC resources.
    /// Read through the table (`YAMLNode.scalar(in:)`), each is the one literal instead of a
    /// new heap string per object, which every copy of an identity or label map then retained.
    public static let kubernetes = StringTable([
        // API versions and their groups.
        "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io",
        "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "networking.k8s.io",
        "apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io",
        "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1", "admissionregistration.k8s.io",
        "storage.k8s.io/v1", "scheduling.k8s.io/v1", "scheduling.k8s.io", "coordination.k8s.io/v1",
        "coordination.k8s.io", "discovery.k8s.io/v1", "discovery.k8s.io", "certificates.k8s.io/v1",
        "certificates.k8s.io", "autoscaling/v2beta2", "autoscaling/v2beta1", "extensions/v1beta1",
        "node.k8s.io/v1", "apiregistration.k8s.io/v1", "apiregistration.k8s.io", "monitoring.coreos.com/v1",
        "monitoring.coreos.com", "cert-manager.io/v1",
        // Kinds.
        "ClusterRoleBinding", "PersistentVolumeClaim", "PersistentVolume", "HorizontalPodAutoscaler",
        "PodDisruptionBudget", "CustomResourceDefinition", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
        "PodSecurityPolicy", "ReplicationController", "CertificateSigningRequest",
        // Label and annotation keys.
        "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
        "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by",
        "kubectl.kubernetes.io/last-applied-configuration", "kubectl.kubernetes.io/default-container",
        "kubernetes.io/metadata.name", "kubernetes.io/service-account.name", "kubernetes.io/ingress.class",
        "pod-security.kubernetes.io/enforce", "pod-security.kubernetes.io/audit", "pod-security.kubernetes.io/warn",
        "deployment.kubernetes.io/revision", "meta.helm.sh/release-name", "meta.helm.sh/release-namespace",
        "argocd.argoproj.io/sync-wave", "prometheus.io/scrape",
        // RBAC resources.
        "clusterrolebindings", "persistentvolumeclaims", "persistentvolumes", "customresourcedefinitions",
        "validatingwebhookconfigurations", "mutatingwebhookconfigurations", "certificatesigningrequests",
        "horizontalpodautoscalers", "poddisruptionbudgets", "pods/portforward", "deployments/scale",
        "serviceaccounts/token", "validatingadmissionpolicies", "validatingadmissionpolicybindings",
    ])
}
