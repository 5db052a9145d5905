import Engine

/// Images, resources, probes, availability, jobs, metadata and API-version rules.
enum WorkloadHygieneRules {
    static let all: [any Rule] = [
        // images
        ImageLatestTagRule(), ImageDigestRule(), ImagePullPolicyRule(), ImageRegistryRule(), InvalidImageReferenceRule(),
        // resources
        MissingCPURequestRule(), MissingMemoryRequestRule(), MissingMemoryLimitRule(), CPULimitRule(),
        InvalidQuantityRule(), RequestsExceedLimitsRule(),
        // probes
        MissingReadinessProbeRule(), MissingLivenessProbeRule(), ProbePortRule(), IdenticalProbesRule(),
        // availability
        SingleReplicaRule(), MissingPodDisruptionBudgetRule(), PDBBlocksEvictionRule(),
        // jobs (the other Job and CronJob checks are the built-in policy policies/jobs.yaml)
        InvalidCronScheduleRule(), InvalidCronJobTimeZoneRule(),
        // metadata
        InvalidNameRule(), InvalidLabelRule(), InvalidAnnotationRule(), RequiredLabelsRule(), DefaultNamespaceRule(),
        // api
        DeprecatedAPIVersionRule(),
    ]
}
