import Engine
import KubeFormats
import Models

public struct CredentialInEnvRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "credential-in-env", area: "secrets", severity: .error,
        summary: "A credential written literally in a container's env",
        rationale: "A literal env value is part of the workload spec: it is in git, in `kubectl get -o yaml`, in every replica set revision and readable by anyone who can read the workload. Known credential formats are errors; a high-entropy value under a sensitive name (password, token, api key, …) is a warning. References such as $(VAR), ${VAR}, template expressions, file paths and obvious placeholders are not credentials.",
        remediation: "Move the value into a Secret (kept out of git) and reference it with valueFrom.secretKeyRef, or mount it as a file.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: upload
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: upload
                        image: aws-cli:2.15.0
                        env:
                        - name: AWS_ACCESS_KEY_ID
                          value: AKIAIOSFODNN7EXAMPLF
                """, at: "14:18"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                spec:
                  containers:
                  - name: app
                    image: app:1.0.0
                    env:
                    - name: DB_PASSWORD
                      value: $(DB_PASSWORD_FROM_FILE)
                    - name: API_TOKEN_PATH
                      value: /var/run/secrets/token
                    - name: AWS_SECRET_ACCESS_KEY
                      valueFrom:
                        secretKeyRef: {name: aws, key: secret-access-key}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            for container in spec.allContainers {
                for env in container.env {
                    guard let value = env["value"], let text = value.scalar, !text.isEmpty,
                          let match = CredentialScanner.scan(value: text, name: env["name"]?.scalar) else { continue }
                    report.report("env \(env["name"]?.scalar ?? "?") of container \(container.name ?? "?") holds a literal \(match.kind.name): \(match.redacted)",
                                  at: value, in: resource, severity: match.confidence == .high ? .error : .warning,
                                  container: container.name)
                }
            }
        }
    }
}
