import Engine
import KubeFormats
import Models
import YAMLTree

/// The Job spec of a Job or of a CronJob's jobTemplate, with where to report a missing field.
enum JobSpecs {
    struct JobSpec {
        var node: YAMLNode
        /// The key of the mapping that holds the Job spec (`spec`, or `jobTemplate.spec`).
        var anchor: YAMLNode
        /// `Job` or `CronJob jobTemplate`, for messages.
        var owner: String
    }

    static func jobSpec(_ resource: Resource, cronJobs: Bool = true) -> JobSpec? {
        switch resource.kind {
        case "Job":
            guard let spec = resource.spec, spec.isMapping else { return nil }
            return JobSpec(node: spec, anchor: resource.node.keyNode("spec") ?? spec, owner: "Job")
        case "CronJob" where cronJobs:
            guard let template = resource.spec?["jobTemplate"], let spec = template["spec"], spec.isMapping else { return nil }
            return JobSpec(node: spec, anchor: template.keyNode("spec") ?? spec, owner: "CronJob jobTemplate")
        default:
            return nil
        }
    }

    /// A CronJob's spec and its `spec` key.
    static func cronJobSpec(_ resource: Resource) -> (spec: YAMLNode, anchor: YAMLNode)? {
        guard resource.kind == "CronJob", let spec = resource.spec, spec.isMapping else { return nil }
        return (spec, resource.node.keyNode("spec") ?? spec)
    }
}

public struct JobTTLRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "job-missing-ttl", area: "jobs", severity: .info,
        summary: "Job sets no ttlSecondsAfterFinished",
        rationale: "A finished Job and its pods stay in the cluster until someone deletes them: training and batch namespaces fill up with completed pods, and re-applying the same Job name fails because the Job's template is immutable. CronJobs are not reported (their history limits clean up). If a GitOps tool (Argo CD, Flux) owns the Job, it recreates a Job removed by the TTL, so use that tool's hook deletion policy instead.",
        remediation: "Set spec.ttlSecondsAfterFinished (e.g. 86400 to keep logs for a day). The finding points at the Job's spec key.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  backoffLimit: 2
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                """, at: "5:1"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  ttlSecondsAfterFinished: 86400
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let job = JobSpecs.jobSpec(resource, cronJobs: false), job.node["ttlSecondsAfterFinished"] == nil else { return }
        report.report("Job sets no ttlSecondsAfterFinished; it and its pods stay in the cluster after it finishes",
                      at: job.anchor, in: resource)
    }
}

public struct JobBackoffLimitRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "job-backoff-limit-unset", area: "jobs", severity: .info,
        summary: "Job sets no backoffLimit",
        rationale: "An unset backoffLimit means 6 retries with exponential back-off (up to 6 minutes apart). For a long training job that fails deterministically (bad config, out-of-memory) that is seven full runs of GPU time before the Job is marked failed. Indexed Jobs with backoffLimitPerIndex are not reported.",
        remediation: "Set spec.backoffLimit to the retries you really want (often 0–2 for training, with checkpointing), or use podFailurePolicy to fail fast on non-retriable exit codes. The finding points at the Job's spec key (jobTemplate.spec for CronJobs).",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                """, at: "8:5"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  backoffLimit: 1
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let job = JobSpecs.jobSpec(resource), job.node["backoffLimit"] == nil,
              job.node["backoffLimitPerIndex"] == nil else { return }
        report.report("\(job.owner) sets no backoffLimit; a failing Job is retried 6 times by default",
                      at: job.anchor, in: resource)
    }
}

public struct JobActiveDeadlineRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "job-missing-active-deadline", area: "jobs", severity: .warning,
        summary: "Job sets no activeDeadlineSeconds",
        rationale: "Without a deadline a Job that hangs (a stuck collective operation, a data loader waiting forever) holds its nodes and GPUs indefinitely; nothing marks it failed.",
        remediation: "Set spec.activeDeadlineSeconds comfortably above the expected run time. The finding points at the Job's spec key (jobTemplate.spec for CronJobs).",
        enabledByDefault: false,
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  backoffLimit: 1
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                """, at: "5:1"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  activeDeadlineSeconds: 172800
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let job = JobSpecs.jobSpec(resource), job.node["activeDeadlineSeconds"] == nil else { return }
        report.report("\(job.owner) sets no activeDeadlineSeconds; a hung run holds its nodes forever",
                      at: job.anchor, in: resource)
    }
}

public struct InvalidCronScheduleRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "invalid-cron-schedule", area: "jobs", severity: .error,
        summary: "CronJob schedule is not valid cron syntax",
        rationale: "The API server parses spec.schedule with the standard five-field cron parser (or a @daily-style descriptor) and rejects the CronJob otherwise; since Kubernetes 1.27 it also rejects TZ= or CRON_TZ= in the schedule in favour of spec.timeZone. Day-of-week 7, six fields (seconds) and Quartz syntax are common mistakes.",
        remediation: "Write five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12 or JAN-DEC) day-of-week (0-6 or SUN-SAT), or a descriptor such as @daily; put a time zone in spec.timeZone. The finding points at the offending field when the column is known.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * 7"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: refresh-features
                spec:
                  schedule: 0 */6 * *
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers:
                          - name: refresh
                            image: ghcr.io/acme/features:2.0.0
                """, at: "6:22", "21:13"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "30 2 * * MON-FRI"
                  timeZone: Europe/Berlin
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let (spec, anchor) = JobSpecs.cronJobSpec(resource) else { return }
        guard let schedule = spec["schedule"], schedule.isScalar, schedule.resolvedType != .null,
              let text = schedule.scalar else {
            report.report("CronJob has no spec.schedule", at: spec["schedule"] ?? anchor, in: resource)
            return
        }
        guard let issue = Cron.validate(text, timeZoneFieldSet: spec["timeZone"] != nil) else { return }
        report.report("schedule \"\(text)\" is not valid: \(issue.message)", at: schedule, offset: issue.offset,
                      next: Hygiene.key(after: "schedule", in: spec), in: resource)
    }
}

public struct CronJobStartingDeadlineRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "cronjob-missing-starting-deadline", area: "jobs", severity: .info,
        summary: "CronJob sets no startingDeadlineSeconds",
        rationale: "Without startingDeadlineSeconds the controller counts every missed run since the last one; after an outage of the controller, a long suspend or a clock jump with more than 100 missed runs it stops scheduling the CronJob with \"too many missed start times\". It also starts a missed run however late it is.",
        remediation: "Set spec.startingDeadlineSeconds to how late a run may still start (e.g. 300; at least 10, since the controller checks every 10 seconds). The finding points at the CronJob's spec key.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * *"
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                """, at: "5:1"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * *"
                  startingDeadlineSeconds: 600
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let (spec, anchor) = JobSpecs.cronJobSpec(resource), spec["startingDeadlineSeconds"] == nil else { return }
        report.report("CronJob sets no startingDeadlineSeconds; after more than 100 missed runs it stops being scheduled",
                      at: anchor, in: resource)
    }
}

public struct CronJobConcurrencyPolicyRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "cronjob-concurrency-allow", area: "jobs", severity: .info,
        summary: "CronJob allows concurrent runs (concurrencyPolicy Allow or unset)",
        rationale: "With the default Allow, a run that outlasts its interval overlaps the next one: two fine-tuning runs write the same checkpoint, two exports race on the same table, and slow runs pile up until the namespace's quota is gone.",
        remediation: "Set spec.concurrencyPolicy to Forbid (skip a run while the previous one is active) or Replace (stop the old run); keep Allow only for runs that are independent of each other.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * *"
                  startingDeadlineSeconds: 600
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: export-metrics
                spec:
                  schedule: "*/15 * * * *"
                  concurrencyPolicy: Allow
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers:
                          - name: export
                            image: ghcr.io/acme/exporter:1.2.0
                """, at: "5:1", "23:22"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * *"
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let (spec, anchor) = JobSpecs.cronJobSpec(resource) else { return }
        if let policy = spec["concurrencyPolicy"] {
            guard policy.scalarEquals("Allow") else { return }
            report.report("concurrencyPolicy Allow lets a slow run overlap the next one; use Forbid or Replace",
                          at: policy, in: resource)
        } else {
            report.report("CronJob sets no concurrencyPolicy, so the default Allow lets a slow run overlap the next one; use Forbid or Replace",
                          at: anchor, in: resource)
        }
    }
}

public struct InvalidCronJobTimeZoneRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "invalid-cronjob-timezone", area: "jobs", severity: .error,
        summary: "CronJob timeZone is not a valid time zone name",
        rationale: "spec.timeZone must name an IANA time zone (Europe/Berlin, Etc/UTC); the API server rejects Local, empty names and names with characters no zone has. (Whether the zone exists is checked against the cluster's tz database, which a linter cannot see.)",
        remediation: "Use an IANA zone name such as Etc/UTC or America/New_York.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * *"
                  timeZone: Central European Time
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                """, at: "7:20"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-finetune
                spec:
                  schedule: "0 2 * * *"
                  timeZone: Etc/UTC
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: finetune
                            image: ghcr.io/acme/finetune:1.3.0
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let (spec, _) = JobSpecs.cronJobSpec(resource), let zone = spec["timeZone"], zone.isScalar,
              zone.resolvedType != .null, let text = zone.scalar,
              let issue = Cron.validateTimeZone(text) else { return }
        report.report("timeZone \"\(text)\" is not valid: \(issue.message)", at: zone, offset: issue.offset,
                      next: Hygiene.key(after: "timeZone", in: spec), in: resource)
    }
}
