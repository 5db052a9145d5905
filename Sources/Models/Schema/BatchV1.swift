/// `batch/v1`: Job and CronJob. Written from the Kubernetes API reference (v1.31+).
public enum BatchV1 {
    // MARK: Job

    public static let podFailurePolicyOnExitCodesRequirement = ObjectSchema(
        "PodFailurePolicyOnExitCodesRequirement", [
            "containerName": .string,
            "operator": .string,
            "values": .array(.integer),
        ])

    public static let podFailurePolicyOnPodConditionsPattern = ObjectSchema(
        "PodFailurePolicyOnPodConditionsPattern", [
            "status": .string,
            "type": .string,
        ])

    public static let podFailurePolicyRule = ObjectSchema("PodFailurePolicyRule", [
        "action": .string,
        "onExitCodes": .object(podFailurePolicyOnExitCodesRequirement),
        "onPodConditions": .array(.object(podFailurePolicyOnPodConditionsPattern)),
    ])

    public static let podFailurePolicy = ObjectSchema("PodFailurePolicy", [
        "rules": .array(.object(podFailurePolicyRule)),
    ])

    public static let successPolicyRule = ObjectSchema("SuccessPolicyRule", [
        "succeededCount": .integer,
        "succeededIndexes": .string,
    ])

    public static let successPolicy = ObjectSchema("SuccessPolicy", [
        "rules": .array(.object(successPolicyRule)),
    ])

    public static let jobSpec = ObjectSchema("JobSpec", [
        "activeDeadlineSeconds": .integer,
        "backoffLimit": .integer,
        "backoffLimitPerIndex": .integer,
        "completionMode": .string,
        "completions": .integer,
        "managedBy": .string,
        "manualSelector": .boolean,
        "maxFailedIndexes": .integer,
        "parallelism": .integer,
        "podFailurePolicy": .object(podFailurePolicy),
        "podReplacementPolicy": .string,
        "selector": .object(MetaV1.labelSelector),
        "successPolicy": .object(successPolicy),
        "suspend": .boolean,
        "template": .object(CoreV1.podTemplateSpec),
        "ttlSecondsAfterFinished": .integer,
    ])

    public static let job = ObjectSchema("Job", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(jobSpec),
        "status": .any,
    ])

    // MARK: CronJob

    public static let jobTemplateSpec = ObjectSchema("JobTemplateSpec", [
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(jobSpec),
    ])

    public static let cronJobSpec = ObjectSchema("CronJobSpec", [
        "concurrencyPolicy": .string,
        "failedJobsHistoryLimit": .integer,
        "jobTemplate": .object(jobTemplateSpec),
        "schedule": .string,
        "startingDeadlineSeconds": .integer,
        "successfulJobsHistoryLimit": .integer,
        "suspend": .boolean,
        "timeZone": .string,
    ])

    public static let cronJob = ObjectSchema("CronJob", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(cronJobSpec),
        "status": .any,
    ])
}
