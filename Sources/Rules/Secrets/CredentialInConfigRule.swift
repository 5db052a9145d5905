import Engine
import KubeFormats
import Models

public struct CredentialInConfigRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "credential-in-config", area: "secrets", severity: .error,
        summary: "A credential in a ConfigMap or in an annotation",
        rationale: "ConfigMaps and annotations are not treated as secret anywhere: they are readable with `view` permissions, shown by `kubectl describe`, and copied into logs and dashboards. Known credential formats are errors; high-entropy values under sensitive names are warnings.",
        remediation: "Move the value into a Secret kept out of git and reference it from the workload.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: notebook-settings
                data:
                  GITHUB_TOKEN: ghp_0123456789abcdefghijABCDEFGHIJ012345
                """, at: "6:17"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: notebook-settings
              annotations:
                description: "Jupyter settings; the token comes from the notebook-token Secret"
            data:
              JUPYTER_TOKEN_FILE: /etc/jupyter/token
              LOG_LEVEL: info
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        if resource.kind == "ConfigMap", let data = resource["data"], data.isMapping {
            for (key, value) in data.pairs {
                guard let text = value.scalar, !text.isEmpty,
                      let match = CredentialScanner.scan(value: text, name: key.scalar) else { continue }
                report.report("ConfigMap data.\(key.scalar ?? "?") holds a \(match.kind.name): \(match.redacted)",
                              at: value, in: resource, severity: match.confidence == .high ? .error : .warning)
            }
        }
        for (key, text, _, value) in resource.metadata.annotations where !text.isEmpty {
            // kubectl's last-applied-configuration repeats the whole object; its own fields are checked.
            guard key != "kubectl.kubernetes.io/last-applied-configuration",
                  let match = CredentialScanner.scan(value: text, name: key) else { continue }
            report.report("annotation \(key) holds a \(match.kind.name): \(match.redacted)", at: value, in: resource,
                          severity: match.confidence == .high ? .error : .warning)
        }
    }
}
