import Engine
import Models

public struct MissingNameRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "missing-name", area: "metadata", severity: .error,
        summary: "metadata.name is missing or empty",
        rationale: "Every object needs a name (or generateName, which only `kubectl create` honours). Without one, `kubectl apply` fails and cross-resource checks cannot refer to the object.",
        remediation: "Set metadata.name.",
        triggering: [
            RuleExample("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {app: web}\n", at: "3:1"),
            RuleExample("apiVersion: v1\nkind: ConfigMap\ndata: {}\n", at: "1:1"),
        ],
        nonTriggering: [
            RuleExample("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"),
            RuleExample("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n"),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard resource.name == nil else { return }
        if let generated = resource.metadata.node?["generateName"]?.scalar, !generated.isEmpty { return }
        if let nameNode = resource.metadata.node?["name"] {
            report.report("metadata.name is empty", at: nameNode, in: resource)
        } else if let meta = resource.node.keyNode("metadata") {
            report.report("metadata.name is missing", at: meta, in: resource)
        } else {
            report.report("metadata is missing, so the object has no name", at: resource.node, in: resource)
        }
    }
}
