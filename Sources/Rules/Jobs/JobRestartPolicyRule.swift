import Engine
import Models

public struct JobRestartPolicyRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["Job", "CronJob"]) }

    public let metadata = RuleMetadata(
        id: "job-restart-policy", area: "jobs", severity: .error,
        summary: "A Job's pod template must set restartPolicy to OnFailure or Never",
        rationale: "The API server only accepts OnFailure or Never for Job (and CronJob) pods; a pod template's default, Always, is rejected, so a Job that omits restartPolicy or sets Always is never created.",
        remediation: "Set spec.template.spec.restartPolicy to Never (the Job controller retries with new pods) or OnFailure (the kubelet restarts the container in place).",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train
                spec:
                  template:
                    spec:
                      restartPolicy: Always
                      containers:
                      - name: train
                        image: trainer:1.0
                """, at: "8:22"),
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                          - name: run
                            image: tool:1.0
                """, at: "10:9"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: train
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: train
                    image: trainer:1.0
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard resource.kind == "Job" || resource.kind == "CronJob", let template = PodTemplate(of: resource),
              let spec = template.spec else { return }
        if let policy = spec.restartPolicy {
            let value = policy.scalar ?? ""
            if value != "OnFailure" && value != "Never" {
                report.report("restartPolicy \"\(value)\" is not allowed for \(resource.kind) pods; use OnFailure or Never",
                              at: policy, in: resource)
            }
        } else {
            report.report("\(resource.kind) pod template has no restartPolicy; the default Always is rejected for Jobs — set OnFailure or Never",
                          at: template.node.keyNode("spec") ?? spec.node, in: resource)
        }
    }
}
