import Engine
import KubeFormats
import Models

public struct DeprecatedAPIVersionRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "deprecated-api-version", area: "api", severity: .error,
        summary: "apiVersion is removed or deprecated in the target Kubernetes version",
        rationale: "A removed apiVersion is no longer served: applying the manifest fails with \"no matches for kind\" and Helm upgrades of releases that contain it break. A deprecated one still works but will be removed in a later release. The target is --kubernetes-version (default 1.31). Removed versions are errors, deprecated ones warnings.",
        remediation: "Change apiVersion to the replacement named in the message and adapt the fields that changed between versions (the Kubernetes deprecated API migration guide lists them); `kubectl convert` can help.",
        triggering: [
            RuleExample("""
                apiVersion: policy/v1beta1
                kind: PodDisruptionBudget
                metadata:
                  name: inference
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels: {app: inference}
                ---
                apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
                kind: FlowSchema
                metadata:
                  name: training-jobs
                spec:
                  priorityLevelConfiguration: {name: workload-low}
                """, at: "1:13", "10:13"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: inference
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels: {app: inference}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let node = resource.node["apiVersion"],
              let entry = APIDeprecations.entry(apiVersion: resource.apiVersion, kind: resource.kind) else { return }
        let target = KubernetesVersion(context.rules.kubernetesVersion) ?? KubernetesVersion(RuleContext.defaultKubernetesVersion)!
        guard let status = APIDeprecations.status(apiVersion: entry.apiVersion, kind: entry.kind, in: target) else { return }
        let severity: Severity? = status.state == .removed ? nil : .warning
        report.report("\(status.message) (target \(target))", at: node, in: resource, severity: severity)
    }
}
