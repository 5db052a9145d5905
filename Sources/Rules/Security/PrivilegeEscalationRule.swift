import Engine
import Models

public struct PrivilegeEscalationRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "privilege-escalation-allowed", area: "security", severity: .warning,
        summary: "A container does not set allowPrivilegeEscalation: false",
        rationale: "Unless allowPrivilegeEscalation is false the kernel's no_new_privs flag is not set, so a setuid binary or file capability in the image can give a process more privileges than the container started with. The Pod Security Standards restricted profile requires false. The API server rejects false together with privileged: true or an added SYS_ADMIN capability.",
        remediation: "Set securityContext.allowPrivilegeEscalation: false on every container (it has no pod-level equivalent). Findings for a missing value point at the container's securityContext key, or at its name when it has none.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: model-server
                spec:
                  selector:
                    matchLabels: {app: model-server}
                  template:
                    metadata:
                      labels: {app: model-server}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/torchserve:0.12.0
                        securityContext:
                          allowPrivilegeEscalation: true
                      - name: metrics
                        image: registry.example.com/ml/exporter:1.4.0
                        securityContext:
                          runAsNonRoot: true
                """, at: "16:37", "19:9"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: fuse-mounter
                spec:
                  containers:
                  - name: fuse
                    image: registry.example.com/ml/s3fs:1.94
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities:
                        add: ["SYS_ADMIN"]
                """, at: "10:33"),
        ],
        nonTriggering: [SecurityExamples.restrictedPod])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        guard !pod.isWindows else { return }
        for container in pod.spec.allContainers {
            var name: String { PodSecurityView.describe(container) }  // for findings only
            let privileged = pod.isPrivileged(container)
            let node = pod.context(of: container)?["allowPrivilegeEscalation"]
            switch node?.boolValue {
            case false?:
                if privileged {
                    report.report("\(name) sets allowPrivilegeEscalation: false with privileged: true; the API server rejects this combination",
                                  at: node!, in: resource, severity: .error, container: container.name)
                } else if pod.capabilities("add", of: container).contains(where: { $0.name == "SYS_ADMIN" }) {
                    report.report("\(name) sets allowPrivilegeEscalation: false and adds SYS_ADMIN; the API server rejects this combination",
                                  at: node!, in: resource, severity: .error, container: container.name)
                }
            case true?:
                if !privileged {
                    report.report("\(name) allows privilege escalation; set allowPrivilegeEscalation: false",
                                  at: node!, in: resource, container: container.name)
                }
            case nil:
                // A privileged container always escalates; privileged-container reports it.
                if !privileged {
                    report.report("\(name) does not set allowPrivilegeEscalation: false; setuid binaries in the image can gain privileges",
                                  at: PodSecurityView.anchor(of: container), in: resource, container: container.name)
                }
            }
        }
    }
}
