import Engine
import Models

public struct RunAsRootRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "run-as-root", area: "security", severity: .warning,
        summary: "A container may run as root (no runAsNonRoot: true, or runAsUser: 0)",
        rationale: "Most images default to UID 0. Root in a container is root on the node's kernel: a container escape, a writable hostPath or a kernel bug then gives full control of the node. runAsNonRoot: true makes the kubelet refuse to start a container whose user is root. The Pod Security Standards restricted profile requires it. An explicit runAsUser: 0 is an error, and runAsUser: 0 together with runAsNonRoot: true never starts.",
        remediation: "Set runAsNonRoot: true in the pod's securityContext (containers inherit it) and use an image with a numeric non-root USER, or set runAsUser to a non-zero UID. A container-level value overrides the pod's. When no container sets either and the pod has several containers or a securityContext, one finding points at the pod's securityContext key (or the pod template's spec key). Otherwise a finding points at the container's securityContext key, or at its name when it has none.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: preprocess
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      securityContext:
                        runAsUser: 0
                      containers:
                      - name: preprocess
                        image: registry.example.com/ml/preprocess:2.3.1
                      - name: uploader
                        image: registry.example.com/ml/uploader:1.0.0
                """, at: "10:20"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  securityContext:
                    runAsNonRoot: true
                  containers:
                  - name: notebook
                    image: quay.io/jupyter/base-notebook:2024-10-07
                    securityContext:
                      runAsUser: 0
                  - name: sidecar
                    image: registry.example.com/ml/git-sync:4.3.0
                    securityContext:
                      runAsNonRoot: false
                  - name: proxy
                    image: registry.example.com/ml/oauth2-proxy:7.7.1
                """, at: "12:18", "16:21"),
        ],
        nonTriggering: [SecurityExamples.restrictedPod, RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: inference
            spec:
              securityContext:
                runAsNonRoot: true
              containers:
              - name: server
                image: registry.example.com/ml/triton:24.08
              - name: sidecar
                image: registry.example.com/ml/envoy:1.31.2
                securityContext:
                  runAsUser: 10001
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for pod in PodSecurityView.all(context) { checkPod(pod, resource, context, &report) }
    }

    private func checkPod(_ pod: PodSecurityView, _ resource: Resource, _ context: ResourceContext,
                          _ report: inout FindingSink) {
        var reportedPodNodes: [UInt32] = []
        var missing: [Container] = []
        for container in pod.spec.allContainers {
            var name: String { PodSecurityView.describe(container) }  // for findings only
            let user = pod.effective("runAsUser", for: container)
            let nonRoot = pod.effective("runAsNonRoot", for: container)
            if let user, user.node.intValue == 0 {
                let contradiction = nonRoot?.node.boolValue == true
                if user.atPod {
                    if reportedPodNodes.contains(user.node.id) { continue }
                    reportedPodNodes.append(user.node.id)
                }
                let who = user.atPod ? "pod" : name
                let message = contradiction
                    ? "\(who) sets runAsUser: 0 with runAsNonRoot: true; the kubelet refuses to start the container"
                    : "\(who) runs as root (runAsUser: 0); use a non-zero UID"
                report.report(message, at: user.node, in: resource, severity: .error,
                              container: user.atPod ? nil : container.name)
                continue
            }
            if nonRoot?.node.boolValue == true { continue }
            if let uid = user?.node.intValue, uid > 0 { continue }
            if let nonRoot, nonRoot.node.boolValue == false {
                if nonRoot.atPod {
                    if reportedPodNodes.contains(nonRoot.node.id) { continue }
                    reportedPodNodes.append(nonRoot.node.id)
                }
                report.report("\(nonRoot.atPod ? "pod" : name) sets runAsNonRoot: false and no non-zero runAsUser; it may run as root",
                              at: nonRoot.node, in: resource, container: nonRoot.atPod ? nil : container.name)
                continue
            }
            missing.append(container)
        }
        if pod.reportsMissingAtPod(missing: missing.count) {
            report.report("no container sets runAsNonRoot: true or a non-zero runAsUser, so the pod may run as root; set runAsNonRoot: true in the pod securityContext",
                          at: pod.podAnchor, in: resource)
            return
        }
        for container in missing {
            report.report("\(PodSecurityView.describe(container)) may run as root: set runAsNonRoot: true (pod or container securityContext) or a non-zero runAsUser",
                          at: PodSecurityView.anchor(of: container), in: resource, container: container.name)
        }
    }
}
