import Engine
import Models

public struct CapabilitiesNotDroppedRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "capabilities-not-dropped", area: "security", severity: .warning,
        summary: "A container does not drop all Linux capabilities (capabilities.drop: [ALL])",
        rationale: "Container runtimes grant about 14 capabilities by default, including NET_RAW (packet spoofing inside the cluster network), SETUID/SETGID and DAC_OVERRIDE. Few workloads need any of them. Dropping ALL and adding back only what is needed is what the Pod Security Standards restricted profile requires.",
        remediation: "Set securityContext.capabilities.drop: [\"ALL\"] on every container and add back only what it needs (for example NET_BIND_SERVICE to bind ports below 1024). A finding points at the drop list when it lacks ALL, at capabilities or securityContext when there is no drop list, or at the container's name when there is no securityContext.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: feature-store
                spec:
                  selector:
                    matchLabels: {app: feature-store}
                  template:
                    metadata:
                      labels: {app: feature-store}
                    spec:
                      containers:
                      - name: api
                        image: registry.example.com/ml/feast:0.40.1
                        securityContext:
                          capabilities:
                            drop: ["NET_RAW"]
                      - name: redis
                        image: redis:7.4.1
                """, at: "17:13", "18:15"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: inference
                spec:
                  containers:
                  - name: server
                    image: registry.example.com/ml/triton:24.08
                    securityContext:
                      capabilities:
                        drop: [all]
                """, at: "11:16"),
        ],
        nonTriggering: [SecurityExamples.restrictedPod])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        guard !pod.isWindows else { return }
        for container in pod.spec.allContainers where !pod.isPrivileged(container) {
            let drops = pod.capabilities("drop", of: container)
            var name: String { PodSecurityView.describe(container) }  // for findings only
            if let all = drops.first(where: { $0.name == "ALL" }) {
                if !all.node.scalarEquals("ALL") {
                    report.report("\(name) drops \"\(all.node.scalar ?? "")\"; write it as \"ALL\", the only spelling Pod Security admission accepts",
                                  at: all.node, in: resource, container: container.name)
                }
                continue
            }
            let capabilities = pod.context(of: container)?["capabilities"]
            if let dropKey = capabilities?.keyNode("drop") {
                report.report("\(name) drops some capabilities but not ALL; add \"ALL\" to capabilities.drop",
                              at: dropKey, in: resource, container: container.name)
            } else {
                let anchor = pod.context(of: container)?.keyNode("capabilities") ?? PodSecurityView.anchor(of: container)
                report.report("\(name) keeps the runtime's default capabilities; set capabilities.drop: [\"ALL\"]",
                              at: anchor, in: resource, container: container.name)
            }
        }
    }
}
