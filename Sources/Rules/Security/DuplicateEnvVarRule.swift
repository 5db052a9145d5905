import Engine
import Models
import YAMLTree

public struct DuplicateEnvVarRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "duplicate-env-var", area: "workloads", severity: .warning,
        summary: "A container defines the same environment variable twice",
        rationale: "When env lists a name twice, the later entry silently wins, so the earlier value, often the one a reviewer reads, is dead. `env` is merged by name in strategic merge patches, so `kubectl apply` and Kustomize patches can also drop or swap one of the duplicates, and the server's last-applied state no longer matches the file.",
        remediation: "Keep one definition of the variable. The finding points at the later duplicate, the one that takes effect.",
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: tgi
            spec:
              selector:
                matchLabels: {app: tgi}
              template:
                metadata:
                  labels: {app: tgi}
                spec:
                  containers:
                  - name: tgi
                    image: ghcr.io/huggingface/text-generation-inference:2.4.0
                    env:
                    - name: MAX_BATCH_SIZE
                      value: "32"
                    - name: HF_HUB_OFFLINE
                      value: "1"
                    - name: MAX_BATCH_SIZE
                      value: "8"
            """, at: "20:17")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: tgi
            spec:
              containers:
              - name: tgi
                image: ghcr.io/huggingface/text-generation-inference:2.4.0
                env:
                - name: MAX_BATCH_SIZE
                  value: "32"
              - name: sidecar
                image: registry.example.com/ml/metrics:1.0.0
                env:
                - name: MAX_BATCH_SIZE
                  value: "32"
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            for container in spec.allContainers {
                let env = container.env
                if env.count < 2 { continue }
                // Names compared as bytes, as the API server compares them. A container has a
                // few variables: each is compared with the earlier ones, with no String or
                // dictionary per container; a long list goes through a dictionary.
                let linear = env.count <= 32
                var names: [YAMLNode] = []
                if linear { names.reserveCapacity(env.count) }
                var seen: [[UInt8]: YAMLNode] = [:]
                for item in env {
                    guard let node = item["name"], node.isScalar else { continue }
                    let first: YAMLNode?
                    if linear {
                        first = names.first { $0.scalarBytesEqual(node) }
                        names.append(node)
                    } else {
                        let key = node.withScalarBytes { Array($0) }
                        first = seen[key]
                        if first == nil { seen[key] = node }
                    }
                    if let first {
                        report.report("\(PodSecurityView.describe(container)) defines env var \"\(node.scalar ?? "")\" again (first at line \(first.position.line)); this later value wins",
                                      at: node, in: resource, container: container.name)
                    }
                }
            }
        }
    }
}
