/// `autoscaling/v2`: HorizontalPodAutoscaler. Written from the Kubernetes API reference (v1.31+).
public enum AutoscalingV2 {
    public static let crossVersionObjectReference = ObjectSchema("CrossVersionObjectReference", [
        "apiVersion": .string,
        "kind": .string,
        "name": .string,
    ])

    public static let metricTarget = ObjectSchema("MetricTarget", [
        "averageUtilization": .integer,
        "averageValue": .quantity,
        "type": .string,
        "value": .quantity,
    ])

    public static let metricIdentifier = ObjectSchema("MetricIdentifier", [
        "name": .string,
        "selector": .object(MetaV1.labelSelector),
    ])

    public static let containerResourceMetricSource = ObjectSchema("ContainerResourceMetricSource", [
        "container": .string,
        "name": .string,
        "target": .object(metricTarget),
    ])

    public static let externalMetricSource = ObjectSchema("ExternalMetricSource", [
        "metric": .object(metricIdentifier),
        "target": .object(metricTarget),
    ])

    public static let objectMetricSource = ObjectSchema("ObjectMetricSource", [
        "describedObject": .object(crossVersionObjectReference),
        "metric": .object(metricIdentifier),
        "target": .object(metricTarget),
    ])

    public static let podsMetricSource = ObjectSchema("PodsMetricSource", [
        "metric": .object(metricIdentifier),
        "target": .object(metricTarget),
    ])

    public static let resourceMetricSource = ObjectSchema("ResourceMetricSource", [
        "name": .string,
        "target": .object(metricTarget),
    ])

    public static let metricSpec = ObjectSchema("MetricSpec", [
        "containerResource": .object(containerResourceMetricSource),
        "external": .object(externalMetricSource),
        "object": .object(objectMetricSource),
        "pods": .object(podsMetricSource),
        "resource": .object(resourceMetricSource),
        "type": .string,
    ])

    public static let hpaScalingPolicy = ObjectSchema("HPAScalingPolicy", [
        "periodSeconds": .integer,
        "type": .string,
        "value": .integer,
    ])

    /// `HPAScalingRules`; `tolerance` is alpha (v1.33+).
    public static let hpaScalingRules = ObjectSchema("HPAScalingRules", [
        "policies": .array(.object(hpaScalingPolicy)),
        "selectPolicy": .string,
        "stabilizationWindowSeconds": .integer,
        "tolerance": .quantity,
    ])

    public static let horizontalPodAutoscalerBehavior = ObjectSchema("HorizontalPodAutoscalerBehavior", [
        "scaleDown": .object(hpaScalingRules),
        "scaleUp": .object(hpaScalingRules),
    ])

    public static let horizontalPodAutoscalerSpec = ObjectSchema("HorizontalPodAutoscalerSpec", [
        "behavior": .object(horizontalPodAutoscalerBehavior),
        "maxReplicas": .integer,
        "metrics": .array(.object(metricSpec)),
        "minReplicas": .integer,
        "scaleTargetRef": .object(crossVersionObjectReference),
    ])

    public static let horizontalPodAutoscaler = ObjectSchema("HorizontalPodAutoscaler", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(horizontalPodAutoscalerSpec),
        "status": .any,
    ])
}
