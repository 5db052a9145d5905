import Engine
import Models

public struct DanglingServiceRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "dangling-service", area: "networking", severity: .warning,
        summary: "A Service's selector matches no pod template in its namespace",
        rationale: "A Service sends traffic only to pods its selector matches. When no workload's pod template carries the selected labels the Service has no endpoints, and clients get connection refused or time out; the usual cause is a label renamed on one side only. Labels that controllers add to their pods (pod-template-hash, statefulset.kubernetes.io/pod-name, job-name, …) count as present, and pods of custom resources (Rollouts, Kubeflow jobs, Ray clusters, KServe) are matched leniently because their operators add labels. The check runs only for namespaces where the checked manifests define workloads, so a repository holding only Services stays quiet; --strict-references checks every namespace.",
        remediation: "Make spec.selector a subset of the labels in the target workload's spec.template.metadata.labels, or remove the selector if the Service's endpoints are managed by hand.",
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: model-server
              namespace: ml-serving
            spec:
              selector:
                matchLabels:
                  app: model-server
              template:
                metadata:
                  labels:
                    app: model-server
                spec:
                  containers:
                  - name: server
                    image: registry.example.com/model-server:2.3.1
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: model-server
              namespace: ml-serving
            spec:
              selector:
                app: modelserver
              ports:
              - port: 8080
            """, at: "25:3")],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: etcd
                  namespace: ml-serving
                spec:
                  serviceName: etcd
                  selector:
                    matchLabels:
                      app: etcd
                  template:
                    metadata:
                      labels:
                        app: etcd
                    spec:
                      containers:
                      - name: etcd
                        image: quay.io/coreos/etcd:v3.5.15
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: etcd-0
                  namespace: ml-serving
                spec:
                  selector:
                    app: etcd
                    statefulset.kubernetes.io/pod-name: etcd-0
                  ports:
                  - port: 2379
                """),
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: model-server
                  namespace: ml-serving
                spec:
                  selector:
                    app: model-server
                  ports:
                  - port: 8080
                """),
        ])

    public var sharedResults: [String] { [PodIndex.sharedResult] }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let services = set.ofKind("Service")
        guard !services.isEmpty else { return }
        let index = PodIndex.shared(by: set)
        for resource in services where set.isReported(resource) {
            guard let service = Service(resource), !service.isExternalName, service.hasSelector,
                  let selectorNode = service.selectorNode else { continue }
            guard context.strictReferences || index.definesWorkloads(in: resource.namespace) else { continue }
            let selector = service.selector
            guard !index.selectsAny(selector, in: resource.namespace) else { continue }
            report.report("selector \(selector.summary) matches no pod template in \(describeNamespace(resource.namespace)); the Service has no endpoints",
                          at: service.spec?.keyNode("selector") ?? selectorNode, in: resource)
        }
    }
}
