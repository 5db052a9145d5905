/// `apps/v1`: Deployment, StatefulSet, DaemonSet, ReplicaSet. Written from the Kubernetes API
/// reference (v1.31+).
public enum AppsV1 {
    // MARK: Deployment

    public static let rollingUpdateDeployment = ObjectSchema("RollingUpdateDeployment", [
        "maxSurge": .intOrString,
        "maxUnavailable": .intOrString,
    ])

    public static let deploymentStrategy = ObjectSchema("DeploymentStrategy", [
        "rollingUpdate": .object(rollingUpdateDeployment),
        "type": .string,
    ])

    public static let deploymentSpec = ObjectSchema("DeploymentSpec", [
        "minReadySeconds": .integer,
        "paused": .boolean,
        "progressDeadlineSeconds": .integer,
        "replicas": .integer,
        "revisionHistoryLimit": .integer,
        "selector": .object(MetaV1.labelSelector),
        "strategy": .object(deploymentStrategy),
        "template": .object(CoreV1.podTemplateSpec),
    ])

    public static let deployment = ObjectSchema("Deployment", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(deploymentSpec),
        "status": .any,
    ])

    // MARK: StatefulSet

    public static let rollingUpdateStatefulSetStrategy = ObjectSchema("RollingUpdateStatefulSetStrategy", [
        "maxUnavailable": .intOrString,
        "partition": .integer,
    ])

    public static let statefulSetUpdateStrategy = ObjectSchema("StatefulSetUpdateStrategy", [
        "rollingUpdate": .object(rollingUpdateStatefulSetStrategy),
        "type": .string,
    ])

    public static let statefulSetPersistentVolumeClaimRetentionPolicy = ObjectSchema(
        "StatefulSetPersistentVolumeClaimRetentionPolicy", [
            "whenDeleted": .string,
            "whenScaled": .string,
        ])

    public static let statefulSetOrdinals = ObjectSchema("StatefulSetOrdinals", [
        "start": .integer,
    ])

    public static let statefulSetSpec = ObjectSchema("StatefulSetSpec", [
        "minReadySeconds": .integer,
        "ordinals": .object(statefulSetOrdinals),
        "persistentVolumeClaimRetentionPolicy": .object(statefulSetPersistentVolumeClaimRetentionPolicy),
        "podManagementPolicy": .string,
        "replicas": .integer,
        "revisionHistoryLimit": .integer,
        "selector": .object(MetaV1.labelSelector),
        "serviceName": .string,
        "template": .object(CoreV1.podTemplateSpec),
        "updateStrategy": .object(statefulSetUpdateStrategy),
        "volumeClaimTemplates": .array(.object(CoreV1.persistentVolumeClaim)),
    ])

    public static let statefulSet = ObjectSchema("StatefulSet", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(statefulSetSpec),
        "status": .any,
    ])

    // MARK: DaemonSet

    public static let rollingUpdateDaemonSet = ObjectSchema("RollingUpdateDaemonSet", [
        "maxSurge": .intOrString,
        "maxUnavailable": .intOrString,
    ])

    public static let daemonSetUpdateStrategy = ObjectSchema("DaemonSetUpdateStrategy", [
        "rollingUpdate": .object(rollingUpdateDaemonSet),
        "type": .string,
    ])

    public static let daemonSetSpec = ObjectSchema("DaemonSetSpec", [
        "minReadySeconds": .integer,
        "revisionHistoryLimit": .integer,
        "selector": .object(MetaV1.labelSelector),
        "template": .object(CoreV1.podTemplateSpec),
        "updateStrategy": .object(daemonSetUpdateStrategy),
    ])

    public static let daemonSet = ObjectSchema("DaemonSet", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(daemonSetSpec),
        "status": .any,
    ])

    // MARK: ReplicaSet

    public static let replicaSetSpec = ObjectSchema("ReplicaSetSpec", [
        "minReadySeconds": .integer,
        "replicas": .integer,
        "selector": .object(MetaV1.labelSelector),
        "template": .object(CoreV1.podTemplateSpec),
    ])

    public static let replicaSet = ObjectSchema("ReplicaSet", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(replicaSetSpec),
        "status": .any,
    ])
}
