import Engine
import KubeFormats
import Models
import YAMLTree

/// The CronJob rules that stay in Swift (they parse cron syntax and time zone names). The
/// other Job and CronJob checks are the built-in policy `policies/jobs.yaml`.
enum JobSpecs {
    /// A CronJob's spec and its `spec` key.
    static func cronJobSpec(_ resource: Resource) -> (spec: YAMLNode, anchor: YAMLNode)? {
        guard resource.kind == "CronJob", let spec = resource.spec, spec.isMapping else { return nil }
        return (spec, resource.node.keyNode("spec") ?? spec)
    }
}

public struct InvalidCronScheduleRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["CronJob"]) }

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

public struct InvalidCronJobTimeZoneRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["CronJob"]) }

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
