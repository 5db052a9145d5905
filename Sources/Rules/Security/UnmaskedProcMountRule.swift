import Engine
import Models

public struct UnmaskedProcMountRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "unmasked-proc-mount", area: "security", severity: .warning,
        summary: "A container sets procMount: Unmasked",
        rationale: "The runtime normally masks and makes read-only the sensitive parts of /proc (/proc/kcore, /proc/sys, /proc/sysrq-trigger, …). procMount: Unmasked removes that protection, exposing kernel memory and node-wide settings. The Pod Security Standards baseline profile only allows Default.",
        remediation: "Remove securityContext.procMount or set it to Default. Unmasked is meant only for nested container runtimes in user-namespaced pods (hostUsers: false).",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: buildkit
            spec:
              hostUsers: false
              containers:
              - name: buildkitd
                image: moby/buildkit:v0.17.0-rootless
                securityContext:
                  procMount: Unmasked
            """, at: "11:18")],
        nonTriggering: [SecurityExamples.restrictedPod])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        guard !pod.isWindows else { return }
        for container in pod.spec.allContainers {
            guard let node = pod.context(of: container)?["procMount"], node.scalarEquals("Unmasked") else { continue }
            report.report("\(PodSecurityView.describe(container)) mounts /proc unmasked; kernel and node settings under /proc are exposed",
                          at: node, in: resource, container: container.name)
        }
    }
}
