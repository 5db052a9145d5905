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
        // jobs
        JobTTLRule(), JobBackoffLimitRule(), JobActiveDeadlineRule(), InvalidCronScheduleRule(),
        CronJobStartingDeadlineRule(), CronJobConcurrencyPolicyRule(), InvalidCronJobTimeZoneRule(),
        // metadata
        InvalidNameRule(), InvalidLabelRule(), InvalidAnnotationRule(), RequiredLabelsRule(), DefaultNamespaceRule(),
        // api
        DeprecatedAPIVersionRule(),
    ]
}
