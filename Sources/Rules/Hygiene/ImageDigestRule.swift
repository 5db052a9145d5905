import Engine
import Models

public struct ImageDigestRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "image-not-pinned-by-digest", area: "images", severity: .info,
        summary: "Container image is not pinned by digest",
        rationale: "Tags are mutable: a registry user can push a different image under the same tag, so a tag alone does not guarantee that every node runs the image that was tested and scanned. A digest names exactly one image.",
        remediation: "Reference the image by digest (registry/app:1.4@sha256:…); keeping the tag alongside the digest documents the version.",
        enabledByDefault: false,
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                """, at: "11:16"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1@sha256:0f3a9c1e5b7d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a1c3e5b7d9f0a
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        Hygiene.forEachContainer(resource) { _, container in
            guard let (node, text, reference) = Hygiene.image(of: container), reference.digest == nil else { return }
            report.report("image \"\(text)\" is not pinned by digest; the tag can be moved to a different image",
                          at: node, in: resource, container: container.name)
        }
    }
}
