import Engine
import Models

public struct ImageLatestTagRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "image-latest-tag", area: "images", severity: .warning,
        summary: "Container image uses the tag latest or no tag",
        rationale: "A missing tag means latest, and latest moves: two nodes can run different code under the same manifest, a rollback redeploys whatever latest is now, and nothing records which build is running.",
        remediation: "Pin an immutable version tag (trainer:2.4.1) or a digest (trainer@sha256:…); a digest pins the image even when the tag says latest.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      initContainers:
                      - name: fetch-model
                        image: registry.example.com/ml/model-fetcher
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:latest
                """, at: "14:16", "17:16"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  containers:
                  - name: jupyter
                    image: quay.io/jupyter/scipy-notebook:2024-10-07
                  - name: proxy
                    image: nginx:latest@sha256:5b2c3e8e7b4f1a0d9c6e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        Hygiene.forEachContainer(resource) { _, container in
            guard let (node, text, reference) = Hygiene.image(of: container), reference.isLatestOrUntagged else { return }
            let message = reference.tag == nil
                ? "image \"\(text)\" has no tag, so it pulls the moving tag latest; pin a version tag or a digest"
                : "image \"\(text)\" uses the moving tag latest; pin a version tag or a digest"
            report.report(message, at: node, in: resource, container: container.name)
        }
    }
}
