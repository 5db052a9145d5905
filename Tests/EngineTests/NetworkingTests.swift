import Engine
import Rules
import XCTest

/// Networking rules beyond their examples: partial-repository behaviour, context-only files,
/// selector resolution (controller labels, custom resources), named ports and parameters.
final class NetworkingTests: XCTestCase {
    func check(_ rule: any Rule, _ files: [String: String], context: [String: String] = [:], strict: Bool = false,
               parameters: [String: ParameterValue] = [:]) -> [Finding] {
        var options = CheckOptions()
        options.selection.only = [rule.metadata.id]
        options.context.strictReferences = strict
        if !parameters.isEmpty { options.context.parameters[rule.metadata.id] = parameters }
        let inputs = files.sorted { $0.key < $1.key }.map { SourceInput(name: $0.key, bytes: Array($0.value.utf8)) }
        let contextInputs = context.sorted { $0.key < $1.key }.map { SourceInput(name: $0.key, bytes: Array($0.value.utf8)) }
        return Checker(rules: [rule], options: options).check(inputs, context: contextInputs).findings
            .filter { $0.ruleID == rule.metadata.id }
    }

    func positions(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.file):\($0.position.line):\($0.position.column)" }
    }

    static func deployment(_ name: String, namespace: String = "ml", labels: String, ports: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          selector:
            matchLabels: \(labels)
          template:
            metadata:
              labels: \(labels)
            spec:
              containers:
              - name: main
                image: registry.example.com/\(name):1.0.0\(ports)

        """
    }

    static func service(_ name: String, namespace: String = "ml", selector: String, ports: String = "\n  - port: 80") -> String {
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          selector: \(selector)
          ports:\(ports)

        """
    }

    // MARK: dangling-service

    func testDanglingServiceIsQuietWithoutWorkloadsUnlessStrict() {
        let files = ["svc.yaml": Self.service("api", selector: "{app: api}")]
        XCTAssertEqual(check(DanglingServiceRule(), files), [])
        XCTAssertEqual(positions(check(DanglingServiceRule(), files, strict: true)), ["svc.yaml:7:3"])
    }

    func testDanglingServiceWithWorkloadsInTheNamespace() {
        let files = [
            "app.yaml": Self.deployment("api", labels: "{app: api}"),
            "svc.yaml": Self.service("api", selector: "{app: apii}") + "---\n" + Self.service("api2", selector: "{app: api}"),
        ]
        let found = check(DanglingServiceRule(), files)
        XCTAssertEqual(positions(found), ["svc.yaml:7:3"])
        XCTAssertEqual(found.first?.message.contains("app=apii"), true)
        // A workload in another namespace does not make this namespace's Service dangling.
        let other = ["app.yaml": Self.deployment("api", namespace: "other", labels: "{app: api}"),
                     "svc.yaml": Self.service("api", selector: "{app: apii}")]
        XCTAssertEqual(check(DanglingServiceRule(), other), [])
        XCTAssertEqual(check(DanglingServiceRule(), other, strict: true).count, 1)
    }

    func testDanglingServiceInContextOnlyFileIsNotReported() {
        let files = ["app.yaml": Self.deployment("api", labels: "{app: api}")]
        let context = ["svc.yaml": Self.service("api", selector: "{app: apii}")]
        XCTAssertEqual(check(DanglingServiceRule(), files, context: context, strict: true), [])
        // The other way round: a context-only workload satisfies a reported Service.
        let reported = ["svc.yaml": Self.service("api", selector: "{app: api}")]
        XCTAssertEqual(check(DanglingServiceRule(), reported, context: files), [])
    }

    func testControllerLabelsAndCustomResourcePodsMatch() {
        let rollout = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: ranker
              namespace: ml
            spec:
              selector:
                matchLabels: {app: ranker}
              template:
                metadata:
                  labels: {app: ranker}
                spec:
                  containers:
                  - name: ranker
                    image: registry.example.com/ranker:2.0.0

            """
        let ray = """
            apiVersion: ray.io/v1
            kind: RayCluster
            metadata:
              name: rc
              namespace: ml
            spec:
              headGroupSpec:
                template:
                  spec:
                    containers:
                    - name: ray-head
                      image: rayproject/ray:2.34.0

            """
        let files = [
            "app.yaml": Self.deployment("api", labels: "{app: api}"),
            "cr.yaml": rollout + "---\n" + ray,
            "svc.yaml": Self.service("ranker", selector: "{app: ranker, rollouts-pod-template-hash: abc}")
                + "---\n" + Self.service("head", selector: "{ray.io/node-type: head}")
                + "---\n" + Self.service("api-hash", selector: "{app: api, pod-template-hash: 5d9f}"),
        ]
        XCTAssertEqual(check(DanglingServiceRule(), files), [])
    }

    func testExternalNameAndSelectorlessServicesAreNotDangling() {
        let files = [
            "app.yaml": Self.deployment("api", labels: "{app: api}"),
            "svc.yaml": """
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: ml}
                spec:
                  type: ExternalName
                  externalName: db.example.com
                  selector: {app: nothing}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: manual, namespace: ml}
                spec:
                  selector: {}
                  ports: [{port: 5432}]
                """,
        ]
        XCTAssertEqual(check(DanglingServiceRule(), files, strict: true), [])
    }

    // MARK: service-without-endpoints / manual-endpoints-conflict

    func testServiceWithoutEndpointsIsPartial() {
        let svc = """
            apiVersion: v1
            kind: Service
            metadata: {name: warehouse, namespace: ml}
            spec:
              ports: [{port: 5432}]
            """
        XCTAssertEqual(check(ServiceWithoutEndpointsRule(), ["svc.yaml": svc]), [])
        XCTAssertEqual(positions(check(ServiceWithoutEndpointsRule(), ["svc.yaml": svc], strict: true)), ["svc.yaml:4:1"])
        let endpoints = """
            apiVersion: v1
            kind: Endpoints
            metadata: {name: warehouse, namespace: ml}
            subsets:
            - addresses: [{ip: 10.0.0.4}]
              ports: [{port: 5432}]
            """
        XCTAssertEqual(check(ServiceWithoutEndpointsRule(), ["svc.yaml": svc, "ep.yaml": endpoints], strict: true), [])
        XCTAssertEqual(check(ServiceWithoutEndpointsRule(), ["svc.yaml": svc], context: ["ep.yaml": endpoints], strict: true), [])
    }

    func testManualEndpointsConflictPointsAtEndpoints() {
        let files = [
            "svc.yaml": Self.service("warehouse", selector: "{app: warehouse}"),
            "ep.yaml": """
                apiVersion: v1
                kind: Endpoints
                metadata: {name: warehouse, namespace: ml}
                subsets:
                - addresses: [{ip: 10.0.0.4}]
                """,
        ]
        XCTAssertEqual(positions(check(ManualEndpointsConflictRule(), files)), ["ep.yaml:4:1"])
        XCTAssertEqual(check(ManualEndpointsConflictRule(), ["svc.yaml": files["svc.yaml"]!], context: ["ep.yaml": files["ep.yaml"]!]), [])
    }

    // MARK: service-target-port

    func testNamedTargetPortResolution() {
        let ports = """

                    ports:
                    - name: http
                      containerPort: 8080
                    - name: dns
                      containerPort: 5353
                      protocol: UDP
            """
        let svcPorts = """

              - name: http
                port: 80
                targetPort: http
              - name: dns-tcp
                port: 53
                targetPort: dns
              - name: dns-udp
                port: 53
                protocol: UDP
                targetPort: dns
              - name: grpc
                port: 9000
                targetPort: grpc
            """
        let files = [
            "app.yaml": Self.deployment("api", labels: "{app: api}", ports: ports),
            "svc.yaml": Self.service("api", selector: "{app: api}", ports: svcPorts),
        ]
        let found = check(ServiceTargetPortRule(), files)
        XCTAssertEqual(positions(found), ["svc.yaml:14:17", "svc.yaml:21:17"])
        XCTAssertEqual(found.first?.message.contains("UDP"), true)
        XCTAssertEqual(found.last?.message.contains("dns, http"), true)
    }

    func testNamedTargetPortOnSidecarResolves() {
        let sidecar = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: ml}
            spec:
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  labels: {app: api}
                spec:
                  initContainers:
                  - name: proxy
                    image: registry.example.com/proxy:1.0.0
                    restartPolicy: Always
                    ports: [{name: https, containerPort: 8443}]
                  containers:
                  - name: main
                    image: registry.example.com/api:1.0.0
            """
        let svc = Self.service("api", selector: "{app: api}", ports: "\n  - port: 443\n    targetPort: https")
        XCTAssertEqual(check(ServiceTargetPortRule(), ["app.yaml": sidecar, "svc.yaml": svc]), [])
    }

    func testTargetPortOfServiceSelectingCustomResourcePodsIsNotChecked() {
        let notebook = """
            apiVersion: kubeflow.org/v1
            kind: Notebook
            metadata: {name: nb, namespace: ml}
            spec:
              template:
                spec:
                  containers:
                  - name: nb
                    image: kubeflownotebookswg/jupyter-scipy:v1.9.0
            """
        let svc = Self.service("nb", selector: "{notebook-name: nb}", ports: "\n  - port: 80\n    targetPort: notebook-port")
        XCTAssertEqual(check(ServiceTargetPortRule(), ["nb.yaml": notebook, "svc.yaml": svc]), [])
        XCTAssertEqual(check(DanglingServiceRule(), ["nb.yaml": notebook, "svc.yaml": svc], strict: true), [])
    }

    // MARK: node-port-range

    func testNodePortRangeParameter() {
        let svc = """
            apiVersion: v1
            kind: Service
            metadata: {name: tb}
            spec:
              type: NodePort
              ports:
              - port: 6006
                nodePort: 20006
            """
        XCTAssertEqual(positions(check(NodePortRangeRule(), ["s.yaml": svc])), ["s.yaml:8:15"])
        XCTAssertEqual(check(NodePortRangeRule(), ["s.yaml": svc], parameters: ["nodePortRange": .string("20000-22767")]), [])
        XCTAssertEqual(check(NodePortRangeRule(), ["s.yaml": svc], parameters: ["nodePortRange": .string("20000+1000")]), [])
        // A malformed parameter falls back to the default range.
        XCTAssertEqual(check(NodePortRangeRule(), ["s.yaml": svc], parameters: ["nodePortRange": .string("all")]).count, 1)
    }

    // MARK: Ingress

    static let ingress = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: ml}
        spec:
          tls:
          - hosts: [web.example.com]
            secretName: web-tls
          rules:
          - http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: web
                    port: {number: 80}
        """

    func testDanglingIngressIsPartialForMissingServices() {
        XCTAssertEqual(check(DanglingIngressRule(), ["ing.yaml": Self.ingress]), [])
        XCTAssertEqual(positions(check(DanglingIngressRule(), ["ing.yaml": Self.ingress], strict: true)), ["ing.yaml:15:19"])
        let otherService = Self.service("api", selector: "{app: api}")
        XCTAssertEqual(positions(check(DanglingIngressRule(), ["ing.yaml": Self.ingress, "svc.yaml": otherService])),
                       ["ing.yaml:15:19"])
        // Only a context-only Ingress is wrong: nothing is reported.
        XCTAssertEqual(check(DanglingIngressRule(), ["svc.yaml": otherService], context: ["ing.yaml": Self.ingress], strict: true), [])
    }

    func testDanglingIngressPortIsCheckedWhenServiceIsPresent() {
        let svc = Self.service("web", selector: "{app: web}", ports: "\n  - name: http\n    port: 8080")
        let found = check(DanglingIngressRule(), ["ing.yaml": Self.ingress, "svc.yaml": svc])
        XCTAssertEqual(positions(found), ["ing.yaml:16:28"])
        XCTAssertEqual(found.first?.message.contains("http/8080"), true)
        let ok = Self.service("web", selector: "{app: web}", ports: "\n  - name: http\n    port: 80")
        XCTAssertEqual(check(DanglingIngressRule(), ["ing.yaml": Self.ingress, "svc.yaml": ok]), [])
    }

    func testIngressTLSSecretIsPartial() {
        let rule = IngressTLSSecretRule()
        XCTAssertEqual(check(rule, ["ing.yaml": Self.ingress]), [])
        XCTAssertEqual(positions(check(rule, ["ing.yaml": Self.ingress], strict: true)), ["ing.yaml:7:17"])
        let secret = """
            apiVersion: v1
            kind: Secret
            metadata: {name: web-tls, namespace: ml}
            type: kubernetes.io/tls
            """
        XCTAssertEqual(check(rule, ["ing.yaml": Self.ingress, "sec.yaml": secret], strict: true), [])
        XCTAssertEqual(check(rule, ["ing.yaml": Self.ingress], context: ["sec.yaml": secret], strict: true), [])
        let otherSecret = secret.replacingOccurrences(of: "web-tls", with: "pull-secret")
        XCTAssertEqual(check(rule, ["ing.yaml": Self.ingress, "sec.yaml": otherSecret]).count, 1)
        let shim = Self.ingress.replacingOccurrences(of: "metadata: {name: web, namespace: ml}",
                                                     with: "metadata: {name: web, namespace: ml, annotations: {cert-manager.io/cluster-issuer: le}}")
        XCTAssertEqual(check(rule, ["ing.yaml": shim], strict: true), [])
    }

    // MARK: NetworkPolicy

    static let policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api, namespace: ml}
        spec:
          podSelector:
            matchLabels: {app: apii}
        """

    func testDanglingNetworkPolicyIsPartial() {
        let rule = DanglingNetworkPolicyRule()
        XCTAssertEqual(check(rule, ["np.yaml": Self.policy]), [])
        XCTAssertEqual(positions(check(rule, ["np.yaml": Self.policy], strict: true)), ["np.yaml:5:3"])
        let app = Self.deployment("api", labels: "{app: api}")
        XCTAssertEqual(positions(check(rule, ["np.yaml": Self.policy, "app.yaml": app])), ["np.yaml:5:3"])
        XCTAssertEqual(check(rule, ["app.yaml": app], context: ["np.yaml": Self.policy], strict: true), [])
        let notIn = Self.policy.replacingOccurrences(
            of: "matchLabels: {app: apii}", with: "matchExpressions: [{key: app, operator: NotIn, values: [web]}]")
        XCTAssertEqual(check(rule, ["np.yaml": notIn, "app.yaml": app]), [])
    }

    func testNamespaceWithoutNetworkPolicyReportsOncePerNamespace() {
        let rule = NamespaceWithoutNetworkPolicyRule()
        let files = [
            "app.yaml": Self.deployment("api", labels: "{app: api}") + "---\n" + Self.deployment("web", labels: "{app: web}")
                + "---\n" + Self.deployment("etl", namespace: "data", labels: "{app: etl}"),
            "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: data\n",
        ]
        XCTAssertEqual(positions(check(rule, files)), ["app.yaml:5:14", "ns.yaml:4:9"])
        let covered = files.merging(["np.yaml": Self.policy.replacingOccurrences(of: "namespace: ml", with: "namespace: data")]) { a, _ in a }
        XCTAssertEqual(positions(check(rule, covered)), ["app.yaml:5:14"])
    }

    /// Node ids are per document: two Services of one List are separate documents once the
    /// checker keeps its copies, and an invalid targetPort in one must not hide a real
    /// finding in the other.
    func testTargetPortsOfServicesInOneListAreJudgedApart() {
        let list = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: a, namespace: shop}
              spec:
                selector: {app: a}
                ports: [{port: 80, targetPort: "8080"}]
            - apiVersion: v1
              kind: Service
              metadata: {name: b, namespace: shop}
              spec:
                selector: {app: b}
                ports: [{port: 80, targetPort: grpc}]
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: b, namespace: shop}
              spec:
                selector: {matchLabels: {app: b}}
                template:
                  metadata: {labels: {app: b}}
                  spec:
                    containers: [{name: b, image: b, ports: [{name: http, containerPort: 8080}]}]
            """
        let found = check(ServiceTargetPortRule(), ["list.yaml": list])
        XCTAssertEqual(found.map { "\($0.resource?.name ?? "-") \($0.position.line)" }, ["a 9", "b 15"])
    }
}
