import Engine
import Models

public struct UndeclaredTargetPortRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "service-target-port-undeclared", area: "networking", severity: .info,
        summary: "A Service's numeric targetPort is not a declared containerPort of the selected containers",
        rationale: "Kubernetes forwards a numeric targetPort whether or not a container declares it, so this is not an error: containerPort is documentation. But when the selected containers do declare their ports and none is the target, a typo (8008 for 8080) is likely. Containers that declare no ports at all are not reported.",
        remediation: "Declare the port in the container's ports list, or correct the targetPort (when omitted it equals port). The finding points at targetPort, or at port when targetPort is omitted.",
        enabledByDefault: false,
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: notebook
            spec:
              selector:
                matchLabels:
                  app: notebook
              template:
                metadata:
                  labels:
                    app: notebook
                spec:
                  containers:
                  - name: jupyter
                    image: quay.io/jupyter/scipy-notebook:2024-10-07
                    ports:
                    - containerPort: 8888
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: notebook
            spec:
              selector:
                app: notebook
              ports:
              - port: 80
                targetPort: 8889
              - name: lab
                port: 8080
            """, at: "29:17", "31:11")],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: notebook
            spec:
              selector:
                matchLabels:
                  app: notebook
              template:
                metadata:
                  labels:
                    app: notebook
                spec:
                  containers:
                  - name: jupyter
                    image: quay.io/jupyter/scipy-notebook:2024-10-07
                    ports:
                    - containerPort: 8888
                  - name: proxy
                    image: registry.example.com/auth-proxy:3.1.0
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: notebook
            spec:
              selector:
                app: notebook
              ports:
              - port: 80
                targetPort: 8888
            """)])

    public var sharedResults: [String] { [PodIndex.sharedResult] }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        guard !set.ofKind("Service").isEmpty else { return }
        let index = PodIndex.shared(by: set)
        for (service, pods) in index.servicesWithKnownPods(in: set) where !service.isHeadless {
            var declared: Set<Int64> = []
            for pod in pods {
                for container in pod.spec?.servingContainers ?? [] { declared.formUnion(container.portNumbers) }
            }
            guard !declared.isEmpty else { continue }
            for port in service.ports {
                guard case .number(let n)? = port.target, !declared.contains(n),
                      let at = port.targetPortNode ?? port.portNode else { continue }
                let list = declared.sorted().prefix(8).map(String.init).joined(separator: ", ")
                report.report("targetPort \(n) is not a declared containerPort of the selected containers (they declare \(list))",
                              at: at, in: service.resource)
            }
        }
    }
}
