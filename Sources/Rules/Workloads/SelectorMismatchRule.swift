import Engine
import Models

public struct SelectorMismatchRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(Self.kinds) }

    static let kinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]

    public let metadata = RuleMetadata(
        id: "selector-mismatch", area: "workloads", severity: .error,
        summary: "spec.selector does not match the pod template's labels",
        rationale: "The API server rejects a Deployment, StatefulSet, DaemonSet or ReplicaSet whose selector does not select its own pod template (`selector does not match template labels`), and apps/v1 requires a selector. The usual cause is a label renamed in one place only.",
        remediation: "Make spec.selector.matchLabels a subset of spec.template.metadata.labels (and remember the selector is immutable after creation).",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: website
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                """, at: "6:3"),
            RuleExample("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                spec:
                  template:
                    metadata:
                      labels: {app: agent}
                """, at: "5:1"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                    tier: frontend
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard Self.kinds.contains(resource.kind), resource.apiVersion == "apps/v1", let spec = resource.spec,
              spec.isMapping else { return }
        guard let selectorNode = spec["selector"], selectorNode.isMapping else {
            report.report("\(resource.kind) has no spec.selector; apps/v1 requires one",
                          at: resource.node.keyNode("spec") ?? resource.node, in: resource)
            return
        }
        let selector = LabelSelector(selector: selectorNode)
        guard let template = PodTemplate(of: resource) else { return }
        let labels = template.labels.dictionary
        if selector.isEmpty {
            report.report("spec.selector is empty; it must select the pod template's labels",
                          at: spec.keyNode("selector") ?? selectorNode, in: resource)
        } else if !selector.matches(labels) {
            let wanted = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let have = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            report.report(
                "spec.selector (\(wanted.joined(separator: ","))) does not match template labels (\(have.isEmpty ? "none" : have.joined(separator: ",")))",
                at: spec.keyNode("selector") ?? selectorNode, in: resource)
        }
    }
}
