import Engine
import Models

public struct DefaultServiceAccountRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "default-service-account", area: "security", severity: .info,
        summary: "A pod runs as its namespace's default service account",
        rationale: "Every pod without serviceAccountName runs as the namespace's `default` service account and shares its token and permissions with every other such pod. Any RoleBinding made to `default` for one workload then applies to all of them. A dedicated service account per workload keeps permissions (and cloud IAM bindings such as IRSA or Workload Identity) scoped. Pods that set automountServiceAccountToken: false are not reported. The rule is off by default.",
        remediation: "Create a ServiceAccount for the workload and set spec.serviceAccountName to it (with automountServiceAccountToken: false if it never calls the API). The finding points at serviceAccountName when it names default, else at the pod template's spec key.",
        enabledByDefault: false,
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: label-studio
                spec:
                  selector:
                    matchLabels: {app: label-studio}
                  template:
                    metadata:
                      labels: {app: label-studio}
                    spec:
                      containers:
                      - name: app
                        image: heartexlabs/label-studio:1.13.1
                """, at: "11:5"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  serviceAccountName: default
                  containers:
                  - name: notebook
                    image: quay.io/jupyter/base-notebook:2024-10-07
                """, at: "6:23"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  serviceAccountName: notebook
                  containers:
                  - name: notebook
                    image: quay.io/jupyter/base-notebook:2024-10-07
                """),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: batch-scorer
                spec:
                  automountServiceAccountToken: false
                  containers:
                  - name: scorer
                    image: registry.example.com/ml/scorer:1.0.0
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for template in PodTemplate.all(of: resource) {
            guard let spec = template.spec, spec.automountServiceAccountToken?.boolValue != false else { continue }
            let account = PodServiceAccount(spec)
            guard account.isDefault else { continue }
            report.report("pod runs as the namespace's default service account; give the workload its own ServiceAccount",
                          at: account.node ?? template.node.keyNode("spec") ?? spec.node, in: resource)
        }
    }
}
