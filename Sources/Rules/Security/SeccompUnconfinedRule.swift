import Engine
import Models
import YAMLTree

public struct SeccompUnconfinedRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "seccomp-unconfined", area: "security", severity: .warning,
        summary: "A container runs without a seccomp profile (none set, or Unconfined)",
        rationale: "Unless the kubelet runs with --seccomp-default, a pod without a seccompProfile runs Unconfined. Every system call is then open to the container, including ones behind past container escapes (unshare, keyctl, bpf, io_uring). RuntimeDefault blocks them and seldom breaks anything. The Pod Security Standards baseline profile forbids Unconfined, and the restricted profile requires RuntimeDefault or Localhost.",
        remediation: "Set securityContext.seccompProfile.type: RuntimeDefault at pod level (containers inherit it), or Localhost with localhostProfile for a custom profile. When no container has a profile and the pod has several containers or a securityContext, one finding points at the pod's securityContext key (or the pod template's spec key). Otherwise a finding points at each container without one: its securityContext key, or its name.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: llm-gateway
                spec:
                  selector:
                    matchLabels: {app: llm-gateway}
                  template:
                    metadata:
                      labels: {app: llm-gateway}
                    spec:
                      containers:
                      - name: gateway
                        image: registry.example.com/ml/llm-gateway:0.9.2
                      - name: redis
                        image: redis:7.4.1
                """, at: "11:5"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: profiler
                spec:
                  securityContext:
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                  - name: profiler
                    image: registry.example.com/ml/py-spy:0.3.14
                    securityContext:
                      seccompProfile:
                        type: Unconfined
                  - name: custom
                    image: registry.example.com/ml/sandbox:1.0.0
                    securityContext:
                      seccompProfile:
                        type: Localhost
                """, at: "14:15", "19:15"),
        ],
        nonTriggering: [SecurityExamples.restrictedPod, RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: inference
            spec:
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
              containers:
              - name: server
                image: registry.example.com/ml/triton:24.08
              - name: sandbox
                image: registry.example.com/ml/sandbox:1.0.0
                securityContext:
                  seccompProfile:
                    type: Localhost
                    localhostProfile: profiles/sandbox.json
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        guard !pod.isWindows else { return }
        let containers = pod.spec.allContainers
        // Privileged containers run without seccomp whatever the profile; privileged-container
        // reports them, so a pod of privileged containers only is left alone.
        if containers.allSatisfy(pod.isPrivileged) { return }
        let missing = containers.count { pod.effective("seccompProfile", for: $0) == nil }
        if pod.reportsMissingAtPod(missing: missing) {
            report.report("pod sets no seccompProfile, so its containers run Unconfined; set seccompProfile.type: RuntimeDefault in the pod securityContext",
                          at: pod.podAnchor, in: resource)
            return
        }
        var podChecked = false
        for container in containers where !pod.isPrivileged(container) {
            var name: String { PodSecurityView.describe(container) }  // for findings only
            guard let (profile, atPod) = pod.effective("seccompProfile", for: container) else {
                report.report("\(name) has no seccompProfile and the pod sets none; it runs Unconfined",
                              at: PodSecurityView.anchor(of: container), in: resource, container: container.name)
                continue
            }
            if atPod {
                if podChecked { continue }
                podChecked = true
            }
            check(profile, owner: atPod ? "pod" : name, resource, container: atPod ? nil : container.name, &report)
        }
    }

    private func check(_ profile: YAMLNode, owner: String, _ resource: Resource, container: String?, _ report: inout FindingSink) {
        guard let type = profile["type"], let value = type.scalar else {
            report.report("\(owner) has a seccompProfile without type; the API server requires one (RuntimeDefault or Localhost)",
                          at: profile, in: resource, severity: .error, container: container)
            return
        }
        switch value {
        case "RuntimeDefault":
            break
        case "Localhost":
            if profile["localhostProfile"]?.scalar?.isEmpty ?? true {
                report.report("\(owner) uses seccompProfile type Localhost without localhostProfile; the API server rejects it",
                              at: type, in: resource, severity: .error, container: container)
            }
        case "Unconfined":
            report.report("\(owner) runs seccomp Unconfined; use RuntimeDefault or a Localhost profile",
                          at: type, in: resource, container: container)
        default:
            report.report("\(owner) has unknown seccompProfile type \"\(value)\"; use RuntimeDefault or Localhost",
                          at: type, in: resource, severity: .error, container: container)
        }
    }
}
