import Engine
import Models

public struct EnvValueAndValueFromRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "env-value-and-value-from", area: "workloads", severity: .error,
        summary: "An environment variable sets both value and valueFrom",
        rationale: "An env entry takes its value either literally (value) or from a Secret, ConfigMap, field or resource (valueFrom), not both. The API server rejects a non-empty value next to valueFrom (`may not be specified when value is not empty`). This usually happens when a literal left over from local testing sits next to a secretKeyRef added later.",
        remediation: "Delete value (keeping valueFrom), or delete valueFrom. The finding points at the valueFrom key.",
        triggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: eval
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: eval
                    image: registry.example.com/ml/eval:0.8.0
                    env:
                    - name: WANDB_API_KEY
                      value: local-test-key
                      valueFrom:
                        secretKeyRef:
                          name: wandb
                          key: api-key
            """, at: "15:11")],
        nonTriggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: eval
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: eval
                    image: registry.example.com/ml/eval:0.8.0
                    env:
                    - name: WANDB_API_KEY
                      value: ""
                      valueFrom:
                        secretKeyRef:
                          name: wandb
                          key: api-key
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            for container in spec.allContainers {
                for item in container.env {
                    guard let value = item["value"], let text = value.scalar, !text.isEmpty, value.resolvedType != .null,
                          let from = item["valueFrom"], !PodSecurityView.isNull(from),
                          let key = item.keyNode("valueFrom") else { continue }
                    let name = item["name"]?.scalar ?? "<unnamed>"
                    report.report("env var \"\(name)\" of \(PodSecurityView.describe(container)) sets both value and valueFrom; the API server rejects it",
                                  at: key, in: resource, container: container.name)
                }
            }
        }
    }
}
