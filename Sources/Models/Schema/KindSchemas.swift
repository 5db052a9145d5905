/// Top-level schema lookup for the modelled kinds, keyed by exact `apiVersion` and `kind`.
///
/// Only the current stable versions are listed; deprecated or removed beta versions
/// (`extensions/v1beta1`, `apps/v1beta2`, `batch/v1beta1`, `policy/v1beta1`, …) return nil and
/// are reported by a separate rule.
public enum KindSchemas {
    /// Every modelled (apiVersion, kind) pair and its schema, in a stable order.
    public static let all: [(apiVersion: String, kind: String, schema: ObjectSchema)] = [
        ("v1", "Pod", CoreV1.pod),
        ("v1", "PodTemplate", CoreV1.podTemplate),
        ("v1", "Service", CoreV1.service),
        ("v1", "Endpoints", CoreV1.endpoints),
        ("v1", "Namespace", CoreV1.namespace),
        ("v1", "ServiceAccount", CoreV1.serviceAccount),
        ("v1", "ConfigMap", CoreV1.configMap),
        ("v1", "Secret", CoreV1.secret),
        ("v1", "PersistentVolumeClaim", CoreV1.persistentVolumeClaim),
        ("apps/v1", "Deployment", AppsV1.deployment),
        ("apps/v1", "StatefulSet", AppsV1.statefulSet),
        ("apps/v1", "DaemonSet", AppsV1.daemonSet),
        ("apps/v1", "ReplicaSet", AppsV1.replicaSet),
        ("batch/v1", "Job", BatchV1.job),
        ("batch/v1", "CronJob", BatchV1.cronJob),
        ("networking.k8s.io/v1", "Ingress", NetworkingV1.ingress),
        ("networking.k8s.io/v1", "IngressClass", NetworkingV1.ingressClass),
        ("networking.k8s.io/v1", "NetworkPolicy", NetworkingV1.networkPolicy),
        ("policy/v1", "PodDisruptionBudget", PolicyV1.podDisruptionBudget),
        ("rbac.authorization.k8s.io/v1", "Role", RBACV1.role),
        ("rbac.authorization.k8s.io/v1", "ClusterRole", RBACV1.clusterRole),
        ("rbac.authorization.k8s.io/v1", "RoleBinding", RBACV1.roleBinding),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", RBACV1.clusterRoleBinding),
        ("discovery.k8s.io/v1", "EndpointSlice", DiscoveryV1.endpointSlice),
        ("autoscaling/v2", "HorizontalPodAutoscaler", AutoscalingV2.horizontalPodAutoscaler),
    ]

    /// Keyed by both strings as they are: asked for every resource, so no key is built by
    /// concatenation.
    private struct Key: Hashable {
        let apiVersion: String
        let kind: String
    }

    private static let byKey: [Key: ObjectSchema] = {
        var map: [Key: ObjectSchema] = [:]
        for entry in all { map[Key(apiVersion: entry.apiVersion, kind: entry.kind)] = entry.schema }
        return map
    }()

    /// The schema for an exact `apiVersion` and `kind`, or nil if the pair is not modelled.
    public static func schema(apiVersion: String, kind: String) -> ObjectSchema? {
        byKey[Key(apiVersion: apiVersion, kind: kind)]
    }
}
