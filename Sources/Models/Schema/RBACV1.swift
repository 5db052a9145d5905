/// `rbac.authorization.k8s.io/v1`: Role, ClusterRole, RoleBinding, ClusterRoleBinding. None of
/// them has a spec or status. Written from the Kubernetes API reference (v1.31+).
public enum RBACV1 {
    public static let policyRule = ObjectSchema("PolicyRule", [
        "apiGroups": .array(.string),
        "nonResourceURLs": .array(.string),
        "resourceNames": .array(.string),
        "resources": .array(.string),
        "verbs": .array(.string),
    ])

    public static let aggregationRule = ObjectSchema("AggregationRule", [
        "clusterRoleSelectors": .array(.object(MetaV1.labelSelector)),
    ])

    public static let subject = ObjectSchema("Subject", [
        "apiGroup": .string,
        "kind": .string,
        "name": .string,
        "namespace": .string,
    ])

    public static let roleRef = ObjectSchema("RoleRef", [
        "apiGroup": .string,
        "kind": .string,
        "name": .string,
    ])

    public static let role = ObjectSchema("Role", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "rules": .array(.object(policyRule)),
    ])

    public static let clusterRole = ObjectSchema("ClusterRole", [
        "aggregationRule": .object(aggregationRule),
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "rules": .array(.object(policyRule)),
    ])

    public static let roleBinding = ObjectSchema("RoleBinding", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "roleRef": .object(roleRef),
        "subjects": .array(.object(subject)),
    ])

    public static let clusterRoleBinding = ObjectSchema("ClusterRoleBinding", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "roleRef": .object(roleRef),
        "subjects": .array(.object(subject)),
    ])
}
