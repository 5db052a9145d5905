import Engine
import Models

public struct ImagePullPolicyRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "image-pull-policy-mismatch", area: "images", severity: .warning,
        summary: "imagePullPolicy IfNotPresent or Never with a latest or untagged image",
        rationale: "With a moving tag (latest, or no tag) the pull policy decides which build runs. IfNotPresent keeps whatever latest each node pulled first, so nodes drift apart and a new push never reaches nodes that already have the tag; Never runs whatever happens to be on the node, or fails with ErrImageNeverPull. Left unset, Kubernetes defaults these images to Always, which is why only an explicit IfNotPresent or Never is reported.",
        remediation: "Pin a version tag or digest (then IfNotPresent is safe), or remove imagePullPolicy so the default Always applies to the moving tag.",
        triggering: [
            RuleExample("""
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
                      - name: server
                        image: registry.example.com/ml/embeddings:latest
                        imagePullPolicy: IfNotPresent
                      - name: exporter
                        image: registry.example.com/ml/exporter
                        imagePullPolicy: Never
                """, at: "15:26", "18:26"),
        ],
        nonTriggering: [
            RuleExample("""
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
                      - name: server
                        image: registry.example.com/ml/embeddings:3.1.0
                        imagePullPolicy: IfNotPresent
                      - name: exporter
                        image: registry.example.com/ml/exporter:latest
                        imagePullPolicy: Always
                      - name: sidecar
                        image: registry.example.com/ml/sidecar
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        Hygiene.forEachContainer(resource) { _, container in
            guard let policy = container.imagePullPolicy, let value = policy.scalar,
                  value == "IfNotPresent" || value == "Never",
                  let (_, text, reference) = Hygiene.image(of: container), reference.isLatestOrUntagged else { return }
            let what = reference.tag == nil ? "untagged image \"\(text)\"" : "image \"\(text)\""
            let effect = value == "Never"
                ? "runs whatever copy of latest is already on the node, or fails to start"
                : "keeps whichever latest each node pulled first, so nodes drift apart"
            report.report("imagePullPolicy \(value) with \(what) \(effect); pin a version or use Always",
                          at: policy, in: resource, container: container.name)
        }
    }
}
