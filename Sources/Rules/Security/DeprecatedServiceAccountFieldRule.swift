import Engine
import Models

public struct DeprecatedServiceAccountFieldRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "deprecated-service-account-field", area: "security", severity: .warning,
        summary: "A pod uses the deprecated serviceAccount field (an error when it differs from serviceAccountName)",
        rationale: "spec.serviceAccount is a deprecated alias of serviceAccountName, kept for old clients. When both are set and differ, serviceAccountName wins and the other value is silently ignored. The pod then runs with different permissions than one of the two fields suggests.",
        remediation: "Replace serviceAccount with serviceAccountName (or delete it when serviceAccountName is already set).",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: exporter
                spec:
                  serviceAccount: metrics-exporter
                  containers:
                  - name: exporter
                    image: registry.example.com/ml/exporter:1.4.0
                """, at: "6:19"),
            RuleExample("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: retrain
                spec:
                  schedule: "0 2 * * 0"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          serviceAccountName: trainer
                          serviceAccount: admin
                          restartPolicy: OnFailure
                          containers:
                          - name: retrain
                            image: registry.example.com/ml/trainer:3.1.0
                """, at: "12:27"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: exporter
            spec:
              serviceAccountName: metrics-exporter
              containers:
              - name: exporter
                image: registry.example.com/ml/exporter:1.4.0
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            guard let old = spec.serviceAccount, let oldName = old.scalar, !oldName.isEmpty,
                  old.resolvedType != .null else { continue }
            if let current = spec.serviceAccountName?.scalar, !current.isEmpty, spec.serviceAccountName?.resolvedType != .null {
                if current != oldName {
                    report.report("serviceAccount \"\(oldName)\" conflicts with serviceAccountName \"\(current)\"; serviceAccountName wins and serviceAccount is ignored",
                                  at: old, in: resource, severity: .error)
                } else {
                    report.report("serviceAccount is a deprecated alias of serviceAccountName; remove it",
                                  at: old, in: resource)
                }
            } else {
                report.report("serviceAccount is deprecated; use serviceAccountName: \(oldName)", at: old, in: resource)
            }
        }
    }
}
