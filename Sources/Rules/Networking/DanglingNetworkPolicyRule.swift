import Engine
import Models

public struct DanglingNetworkPolicyRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "dangling-network-policy", area: "networking", severity: .warning,
        summary: "A NetworkPolicy's podSelector matches no pod template in its namespace",
        rationale: "A NetworkPolicy isolates only the pods its podSelector selects. When no workload in the namespace carries the selected labels the policy protects nothing, and the pods it was written for stay open to every peer. An empty podSelector selects every pod of the namespace and is fine. Checked only in namespaces where the manifests define workloads, or with --strict-references; pods of custom resources are matched leniently.",
        remediation: "Make spec.podSelector match the labels of the workload's spec.template.metadata.labels, or use podSelector: {} to cover every pod of the namespace.",
        triggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: fine-tune
              namespace: ml-training
            spec:
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: fine-tune
                spec:
                  restartPolicy: Never
                  containers:
                  - name: trainer
                    image: registry.example.com/trainer:1.8.0
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: trainer-egress
              namespace: ml-training
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: finetune
              policyTypes: [Egress]
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.0/8
            """, at: "23:3")],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: fine-tune
                  namespace: ml-training
                spec:
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: fine-tune
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: trainer
                        image: registry.example.com/trainer:1.8.0
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: trainer-egress
                  namespace: ml-training
                spec:
                  podSelector:
                    matchExpressions:
                    - key: app.kubernetes.io/name
                      operator: In
                      values: [fine-tune, evaluate]
                  policyTypes: [Egress]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: default-deny
                  namespace: ml-training
                spec:
                  podSelector: {}
                  policyTypes: [Ingress, Egress]
                """),
            RuleExample("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: trainer-egress
                  namespace: ml-training
                spec:
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/name: finetune
                  policyTypes: [Egress]
                """),
        ])

    public var sharedResults: [String] { [PodIndex.sharedResult] }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let policies = set.ofKind("NetworkPolicy").filter { set.isReported($0) }
        guard !policies.isEmpty else { return }
        let index = PodIndex.shared(by: set)
        for resource in policies {
            guard let policy = NetworkPolicy(resource), let selectorNode = policy.podSelectorNode,
                  !policy.selectsAllPods else { continue }
            guard context.strictReferences || index.definesWorkloads(in: resource.namespace) else { continue }
            let selector = policy.podSelector
            // An invalid operator makes the policy invalid; the schema rules report that.
            guard selector.invalidOperators.isEmpty,
                  !index.selectsAny(selector, in: resource.namespace) else { continue }
            report.report("podSelector \(selector.summary) matches no pod template in \(describeNamespace(resource.namespace)); the policy isolates nothing",
                          at: policy.spec?.keyNode("podSelector") ?? selectorNode, in: resource)
        }
    }
}
