import Engine
import Models

public struct DuplicateContainerNameRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "duplicate-container-name", area: "workloads", severity: .error,
        summary: "Two containers of a pod have the same name (init, regular and ephemeral containers share one name space)",
        rationale: "Container names must be unique across a pod's init, regular and ephemeral containers. The API server rejects the pod (`Duplicate value`). Duplicates usually come from copy-pasting a sidecar or merging Helm or Kustomize patches.",
        remediation: "Rename one of the containers. The finding points at the later duplicate.",
        triggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: fine-tune
            spec:
              template:
                spec:
                  restartPolicy: Never
                  initContainers:
                  - name: fetch
                    image: registry.example.com/ml/fetcher:1.2.0
                  containers:
                  - name: train
                    image: registry.example.com/ml/trainer:3.1.0
                  - name: fetch
                    image: registry.example.com/ml/uploader:1.0.0
            """, at: "15:15")],
        nonTriggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: fine-tune
            spec:
              template:
                spec:
                  restartPolicy: Never
                  initContainers:
                  - name: fetch
                    image: registry.example.com/ml/fetcher:1.2.0
                  containers:
                  - name: train
                    image: registry.example.com/ml/trainer:3.1.0
                  - name: upload
                    image: registry.example.com/ml/uploader:1.0.0
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            let containers = spec.allContainers
            if containers.count < 2 { continue }
            var seen: [String: Container] = [:]
            for container in containers {
                guard let node = container.nameNode, let name = node.scalar, !name.isEmpty else { continue }
                if let first = seen[name] {
                    let line = first.nameNode?.position.line ?? first.node.position.line
                    report.report("\(container.kind.rawValue) name \"\(name)\" is already used by the \(first.kind.rawValue) at line \(line); the API server rejects the pod",
                                  at: node, in: resource, container: name)
                } else {
                    seen[name] = container
                }
            }
        }
    }
}
