import Engine
import KubeFormats
import Models

public struct InvalidImageReferenceRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "invalid-image-reference", area: "images", severity: .error,
        summary: "Container image is not a valid image reference",
        rationale: "The API server rejects an empty image, and the container runtime cannot pull a reference that breaks the distribution grammar (uppercase repository, bad tag characters, truncated digest): the pod sits in InvalidImageName.",
        remediation: "Write the image as [registry/]repository[:tag][@sha256:digest], with a lowercase repository; the finding points at the offending character.",
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
                      containers:
                      - name: server
                        image: registry.example.com/ML/triton:24.08
                      - name: exporter
                        image: "ghcr.io/acme/exporter:v1.2 "
                        imagePullPolicy: IfNotPresent
                """, at: "14:37", "16:43"),
        ],
        nonTriggering: [
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
                      containers:
                      - name: server
                        image: registry.example.com:5000/ml/triton:24.08-py3
                      - name: exporter
                        image: "ghcr.io/acme/exporter@sha256:0f3a9c1e5b7d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a1c3e5b7d9f0a"
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        Hygiene.forEachContainer(resource) { _, container in
            guard let node = container.image else { return }
            guard node.isScalar, let text = node.scalar, node.resolvedType != .null else {
                report.report("\(Hygiene.describe(container)) has no image", at: node, in: resource, container: container.name)
                return
            }
            guard case .failure(let issue) = ImageReference.parse(text) else { return }
            report.report("image \"\(text)\" is not a valid image reference: \(issue.message)",
                          at: node, offset: issue.offset, next: Hygiene.key(after: "image", in: container.node),
                          in: resource, container: container.name)
        }
    }
}
