/// `policy/v1`: PodDisruptionBudget. Written from the Kubernetes API reference (v1.31+).
public enum PolicyV1 {
    public static let podDisruptionBudgetSpec = ObjectSchema("PodDisruptionBudgetSpec", [
        "maxUnavailable": .intOrString,
        "minAvailable": .intOrString,
        "selector": .object(MetaV1.labelSelector),
        "unhealthyPodEvictionPolicy": .string,
    ])

    public static let podDisruptionBudget = ObjectSchema("PodDisruptionBudget", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(podDisruptionBudgetSpec),
        "status": .any,
    ])
}
