import Engine
import Models

public struct MissingServiceAccountRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "missing-service-account", area: "security", severity: .error,
        summary: "A pod names a ServiceAccount that the manifests do not define",
        rationale: "The API server's ServiceAccount admission rejects a pod whose service account does not exist. A Deployment or Job then creates no pods and only records events, usually after a rename or a typo. The rule reports only when the manifests define ServiceAccounts in that namespace (or with --strict-references), so a repository holding only part of the cluster does not raise false alarms. The namespace's `default` account always exists.",
        remediation: "Fix the serviceAccountName, or add the ServiceAccount to the manifests in the pod's namespace.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: inference
              namespace: ml-serving
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: reranker
              namespace: ml-serving
            spec:
              selector:
                matchLabels: {app: reranker}
              template:
                metadata:
                  labels: {app: reranker}
                spec:
                  serviceAccountName: inferense
                  containers:
                  - name: reranker
                    image: registry.example.com/ml/reranker:0.2.0
            """, at: "19:27")],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: inference
                  namespace: ml-serving
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: reranker
                  namespace: ml-serving
                spec:
                  selector:
                    matchLabels: {app: reranker}
                  template:
                    metadata:
                      labels: {app: reranker}
                    spec:
                      serviceAccountName: inference
                      containers:
                      - name: reranker
                        image: registry.example.com/ml/reranker:0.2.0
                """),
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: reranker
                  namespace: ml-serving
                spec:
                  selector:
                    matchLabels: {app: reranker}
                  template:
                    metadata:
                      labels: {app: reranker}
                    spec:
                      serviceAccountName: inference
                      containers:
                      - name: reranker
                        image: registry.example.com/ml/reranker:0.2.0
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        for template in set.podTemplates where set.isReported(template.owner) {
            // The namespace first: where the set defines no ServiceAccount, the pod spec (out
            // of cache by now) need not be read.
            let namespace = template.owner.namespace
            guard context.strictReferences || set.defines(kind: "ServiceAccount", namespace: namespace),
                  let spec = template.spec else { continue }
            let account = PodServiceAccount(spec)
            guard !account.isDefault, let node = account.node,
                  set.find(kind: "ServiceAccount", namespace: namespace, name: account.name) == nil else { continue }
            report.report("service account \"\(account.name)\" is not defined in namespace \(namespace ?? "<default>"); the API server rejects the pod",
                          at: node, in: template.owner)
        }
    }
}
