import Engine
import Models

public struct NodePortRangeRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["Service"]) }

    static let id = "node-port-range"
    static let defaultRange: ClosedRange<Int64> = 30000...32767

    /// A NodePort Service on `nodePort`: 30606 is inside the default range and outside a
    /// narrower one; 6006 is below it, and inside a cluster's wider one.
    static func tensorboard(nodePort: Int) -> String {
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: tensorboard
        spec:
          type: NodePort
          selector:
            app: tensorboard
          ports:
          - port: 6006
            nodePort: \(nodePort)
        """
    }

    public let metadata = RuleMetadata(
        id: NodePortRangeRule.id, area: "networking", severity: .error,
        summary: "A nodePort is outside the cluster's NodePort range or set on a Service that cannot have one",
        rationale: "The API server allocates node ports only from --service-node-port-range (30000-32767 unless the cluster changes it) and rejects a Service asking for a port outside it. A nodePort on a ClusterIP or ExternalName Service is rejected too (`may not be used when type is 'ClusterIP'`).",
        remediation: "Remove nodePort to let the cluster allocate one, or pick a port inside the range; set the nodePortRange parameter (for example \"30000-32767\") if your cluster uses another range. On a ClusterIP Service, drop nodePort or change the type to NodePort.",
        parameters: [RuleParameter("nodePortRange", "the cluster's --service-node-port-range, as FIRST-LAST", default: "30000-32767",
                                    kind: .portRange)],
        triggering: [
            RuleExample(NodePortRangeRule.tensorboard(nodePort: 6006), at: "11:15"),
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: tensorboard
                spec:
                  selector:
                    app: tensorboard
                  ports:
                  - port: 6006
                    nodePort: 30606
                """, at: "10:15"),
            // A cluster started with --service-node-port-range=20000-22767.
            RuleExample(NodePortRangeRule.tensorboard(nodePort: 30606), parameters: ["nodePortRange": .string("20000-22767")], at: "11:15"),
        ],
        nonTriggering: [
            RuleExample(NodePortRangeRule.tensorboard(nodePort: 30606)),
            RuleExample(NodePortRangeRule.tensorboard(nodePort: 6006), parameters: ["nodePortRange": .string("6000-8000")]),
        ])

    /// Parses "FIRST-LAST" (also "FIRST+COUNT" as kube-apiserver accepts); nil if malformed.
    static func parseRange(_ text: String) -> ClosedRange<Int64>? {
        RuleParameter.portRange(text).map { Int64($0.lowerBound) ... Int64($0.upperBound) }
    }

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let service = Service(resource) else { return }
        let ports = service.ports
        guard ports.contains(where: { $0.nodePortNode != nil }) else { return }
        let range = context.parameter(Self.id, "nodePortRange")?.stringValue.flatMap(Self.parseRange) ?? Self.defaultRange
        let type = service.type
        for port in ports {
            guard let node = port.nodePortNode, let n = node.intValue, n != 0 else { continue }
            if type == "ClusterIP" || type == "ExternalName" {
                report.report("nodePort \(n) is set on a \(type) Service; only NodePort and LoadBalancer Services have node ports",
                              at: node, in: resource)
            } else if !range.contains(n) {
                report.report("nodePort \(n) is outside the NodePort range \(range.lowerBound)-\(range.upperBound); the API server rejects it",
                              at: node, in: resource)
            }
        }
    }
}
