import Engine
import Models

public struct DuplicateServicePortRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["Service"]) }

    public let metadata = RuleMetadata(
        id: "duplicate-service-port", area: "networking", severity: .error,
        summary: "A Service lists the same port, port name or nodePort twice",
        rationale: "The API server rejects a Service whose ports repeat a name, a port number with the same protocol, or a nodePort with the same protocol (`Duplicate value`). In merged Helm values or kustomize patches the duplicate is easy to miss, and the whole Service fails to apply.",
        remediation: "Remove or renumber the repeated entry; the same number may appear twice only with different protocols (53/TCP and 53/UDP). The finding points at the second occurrence.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: ray-head
              namespace: ml-ray
            spec:
              selector:
                ray.io/node-type: head
              ports:
              - name: dashboard
                port: 8265
              - name: client
                port: 10001
              - name: dashboard
                port: 8266
              - name: serve
                port: 10001
            """, at: "14:11", "17:11")],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Service
            metadata:
              name: dns-cache
            spec:
              selector:
                app: dns-cache
              ports:
              - name: dns
                port: 53
                protocol: UDP
              - name: dns-tcp
                port: 53
                protocol: TCP
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let service = Service(resource) else { return }
        let ports = service.ports
        guard ports.count > 1 else { return }
        var names: [String: Int] = [:]
        var numbers: [String: Int] = [:]
        var nodePorts: [String: Int] = [:]
        for port in ports {
            if let name = port.name, let nameNode = port.nameNode {
                if let line = names[name] {
                    report.report("port name \"\(name)\" is used twice (also on line \(line))", at: nameNode, in: resource)
                } else {
                    names[name] = nameNode.position.line
                }
            }
            let proto = port.protocolName
            if let n = port.port, let node = port.portNode {
                let key = "\(n)/\(proto)"
                if let line = numbers[key] {
                    report.report("port \(key) is listed twice (also on line \(line))", at: node, in: resource)
                } else {
                    numbers[key] = node.position.line
                }
            }
            if let node = port.nodePortNode, let n = node.intValue, n != 0 {
                let key = "\(n)/\(proto)"
                if let line = nodePorts[key] {
                    report.report("nodePort \(key) is used twice (also on line \(line))", at: node, in: resource)
                } else {
                    nodePorts[key] = node.position.line
                }
            }
        }
    }
}
