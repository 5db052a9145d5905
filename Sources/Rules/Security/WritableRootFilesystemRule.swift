import Engine
import Models

public struct WritableRootFilesystemRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "writable-root-filesystem", area: "security", severity: .warning,
        summary: "A container's root filesystem is writable (readOnlyRootFilesystem is not true)",
        rationale: "With a writable root filesystem an attacker who gets code execution can drop tools, modify binaries or configuration the process reloads, and persist until the container restarts. A read-only root filesystem limits writes to the volumes you mount. The Pod Security Standards do not require it, and many images need writable paths, so this rule is off by default.",
        remediation: "Set securityContext.readOnlyRootFilesystem: true on the container and mount an emptyDir at each path the process writes to (/tmp, caches such as ~/.cache/huggingface). Findings for a missing value point at the container's securityContext key, or at its name when it has none.",
        enabledByDefault: false,
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: embeddings
            spec:
              selector:
                matchLabels: {app: embeddings}
              template:
                metadata:
                  labels: {app: embeddings}
                spec:
                  containers:
                  - name: api
                    image: registry.example.com/ml/embeddings:1.2.0
                    securityContext:
                      readOnlyRootFilesystem: false
                  - name: cache-warmer
                    image: registry.example.com/ml/warmer:1.2.0
            """, at: "16:35", "17:15")],
        nonTriggering: [SecurityExamples.restrictedPod])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        guard !pod.isWindows else { return }
        for container in pod.spec.allContainers {
            var name: String { PodSecurityView.describe(container) }  // for findings only
            if let node = pod.context(of: container)?["readOnlyRootFilesystem"], !PodSecurityView.isNull(node) {
                if node.boolValue != true {
                    report.report("\(name) has a writable root filesystem; set readOnlyRootFilesystem: true",
                                  at: node, in: resource, container: container.name)
                }
            } else {
                report.report("\(name) does not set readOnlyRootFilesystem: true; its root filesystem is writable",
                              at: PodSecurityView.anchor(of: container), in: resource, container: container.name)
            }
        }
    }
}
