import Engine
import Models

public struct SecretExposureRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "secret-exposure", area: "secrets", severity: .info,
        summary: "A Secret consumed as environment variables, or mounted with a wide file mode",
        rationale: "Environment variables end up in crash dumps, `kubectl describe`, /proc/<pid>/environ and every child process; a read-only file mount is safer. A secret volume with defaultMode or an item mode wider than 0440 is readable by other users in the container. This is the common, healthy baseline (AWS credentials from a Secret via secretKeyRef), so it is only info.",
        remediation: "Prefer a secret volume mounted read-only with defaultMode 0440 (or 0400), and read the files at start-up.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  containers:
                  - name: notebook
                    image: jupyter:2024.10
                    env:
                    - name: AWS_ACCESS_KEY_ID
                      valueFrom:
                        secretKeyRef: {name: aws, key: access-key-id}
                  volumes:
                  - name: aws
                    secret:
                      secretName: aws
                      defaultMode: 0644
                """, at: "12:30", "17:20"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: notebook
            spec:
              containers:
              - name: notebook
                image: jupyter:2024.10
                volumeMounts:
                - {name: aws, mountPath: /etc/aws, readOnly: true}
              volumes:
              - name: aws
                secret:
                  secretName: aws
                  defaultMode: 0440
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        let specs = PodSpec.all(of: resource)
        guard !specs.isEmpty else { return }
        for ref in SecretReferences.of(resource) where ref.via == .envKey || ref.via == .envFrom {
            report.report("Secret \"\(ref.secretName)\" is exposed as environment variables in container \(ref.container ?? "?"); a read-only file mount is safer",
                          at: ref.nameNode, in: resource, container: ref.container)
        }
        for volume in specs.flatMap(\.volumes) {
            guard let secret = volume["secret"] else { continue }
            let modes = [secret["defaultMode"]] + (secret["items"]?.listItems.map { $0["mode"] } ?? [])
            for case let mode? in modes {
                guard let value = mode.intValue, value & ~0o440 != 0 else { continue }
                report.report("secret volume \(volume["name"]?.scalar ?? "?") uses mode 0\(String(value, radix: 8)), wider than 0440",
                              at: mode, in: resource)
            }
        }
    }
}
