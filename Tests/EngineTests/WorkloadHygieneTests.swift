import Engine
@testable import Rules
import XCTest

/// Behaviour of the hygiene rules beyond their examples: parameters, target versions,
/// positions inside scalars and cross-resource corner cases.
final class WorkloadHygieneTests: XCTestCase {
    func run(_ rule: any Rule, _ yaml: String, parameters: [String: ParameterValue] = [:],
             kubernetesVersion: String = RuleContext.defaultKubernetesVersion, context: String? = nil) -> [Finding] {
        var options = CheckOptions()
        options.selection.only = [rule.metadata.id]
        options.context = RuleContext(parameters: [rule.metadata.id: parameters], kubernetesVersion: kubernetesVersion)
        let checker = Checker(rules: [rule], options: options)
        let contextInputs = context.map { [SourceInput(name: "context.yaml", bytes: Array($0.utf8))] } ?? []
        return checker.check([SourceInput(name: "test.yaml", bytes: Array(yaml.utf8))], context: contextInputs).findings
            .filter { $0.ruleID == rule.metadata.id }
    }

    func positions(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.position.line):\($0.position.column)" }
    }

    func pod(_ images: String...) -> String {
        var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
        for (i, image) in images.enumerated() { text += "  - name: c\(i)\n    image: \(image)\n" }
        return text
    }

    // MARK: Environment

    /// Names are compared as bytes (as the API server does) and each later duplicate points
    /// back at the first, whether the list is short (compared pairwise) or long (hashed).
    func testDuplicateEnvVarsInShortAndLongLists() {
        func pod(_ names: [String]) -> String {
            var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    env:\n"
            for n in names { text += "    - name: \(n)\n      value: x\n" }
            return text
        }
        // "é" precomposed and decomposed: equal as Swift Strings, different names to Kubernetes.
        let short = run(DuplicateEnvVarRule(), pod(["A", "B", "A", "\u{E9}", "e\u{301}", "A"]))
        XCTAssertEqual(positions(short), ["14:13", "20:13"])
        XCTAssertTrue(short.allSatisfy { $0.message.contains("(first at line 10)") }, "\(short.map(\.message))")
        let long = (0 ..< 40).map { "V\($0)" } + ["V3", "\u{E9}", "e\u{301}", "V39"]
        let found = run(DuplicateEnvVarRule(), pod(long))
        XCTAssertEqual(positions(found), ["90:13", "96:13"])
        XCTAssertEqual(found.map { $0.message.contains("first at line 16") }, [true, false])
        XCTAssertEqual(found.map { $0.message.contains("first at line 88") }, [false, true])
    }

    // MARK: Images

    func testAllowedRegistriesMatchHostsPathPrefixesAndWildcards() {
        let allowed: ParameterValue = .list(["registry.example.com", "ghcr.io/acme", "*.internal.example.com", "docker.io/library"])
        let yaml = pod("registry.example.com/ml/triton:24.08",  // host
                       "ghcr.io/acme/trainer:1.0",  // path prefix
                       "ghcr.io/acmecorp/trainer:1.0",  // not a whole path component
                       "cache.internal.example.com:5000/x:1",  // wildcard
                       "nginx:1.27",  // docker.io/library/nginx
                       "bitnami/redis:7.4",  // docker.io/bitnami, not allowed
                       "quay.io/jupyter/base-notebook:2024-10-07")
        let found = run(ImageRegistryRule(), yaml, parameters: ["allowedRegistries": allowed])
        XCTAssertEqual(positions(found), ["12:12", "18:12", "20:12"])
        XCTAssertTrue(found[0].message.contains("not an allowed registry"), found[0].message)
    }

    func testAllowedRegistriesAsSingleString() {
        let found = run(ImageRegistryRule(), pod("registry.example.com/a:1", "ghcr.io/b:1"),
                        parameters: ["allowedRegistries": .string("registry.example.com")])
        XCTAssertEqual(positions(found), ["10:12"])
    }

    func testInvalidImageIsReportedOnlyByItsOwnRule() {
        let yaml = pod("Registry.Example.com/ML/app")
        XCTAssertEqual(run(ImageLatestTagRule(), yaml), [])
        XCTAssertEqual(run(ImageDigestRule(), yaml), [])
        XCTAssertEqual(positions(run(InvalidImageReferenceRule(), yaml)), ["8:33"])
    }

    func testPullPolicyUnsetOnLatestIsFine() {
        XCTAssertEqual(run(ImagePullPolicyRule(), pod("nginx")), [])
    }

    // MARK: Positions inside scalars

    func testColumnFallsBackToValueStartWhenScalarMaySpanLines() {
        // A plain scalar with spaces and nothing after it could be folded over several lines.
        let yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
            spec:
              jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: a:1}]}}}}
              schedule: 0 2 * * 7
            """
        XCTAssertEqual(positions(run(InvalidCronScheduleRule(), yaml)), ["7:13"])
        // Escapes in double quotes make the decoded text differ from the source: no column.
        let escaped = yaml.replacingOccurrences(of: "schedule: 0 2 * * 7", with: "schedule: \"0\\t2 * * 7\"\n  suspend: false")
        XCTAssertEqual(positions(run(InvalidCronScheduleRule(), escaped)), ["7:13"])
        // Single-quoted on one line, followed by another key: exact column.
        let quoted = yaml.replacingOccurrences(of: "schedule: 0 2 * * 7", with: "schedule: '0 2 * * 7'\n  suspend: false")
        XCTAssertEqual(positions(run(InvalidCronScheduleRule(), quoted)), ["7:22"])
    }

    func testTimeZoneInScheduleIsRejected() {
        let yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
            spec:
              schedule: "CRON_TZ=Europe/Berlin 0 2 * * *"
              jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: a:1}]}}}}
            """
        let found = run(InvalidCronScheduleRule(), yaml)
        XCTAssertEqual(positions(found), ["6:14"])
        XCTAssertTrue(found[0].message.contains("timeZone"), found[0].message)
    }

    // MARK: Resources

    func testMissingRequestsRespectLimitsAndPodLevelResources() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: notebook
            spec:
              resources:
                requests: {cpu: "2"}
              containers:
              - name: jupyter
                image: quay.io/jupyter/base-notebook:2024-10-07
                resources:
                  limits: {memory: 4Gi}
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
            """
        XCTAssertEqual(run(MissingCPURequestRule(), yaml), [])
        XCTAssertEqual(run(MissingMemoryRequestRule(), yaml), [])
        XCTAssertEqual(run(MissingMemoryLimitRule(), yaml), [])
    }

    func testNegativeAndExtendedQuantities() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
                image: a:1
                resources:
                  requests: {cpu: -1, nvidia.com/gpu: 1}
            """
        XCTAssertEqual(positions(run(InvalidQuantityRule(), yaml)), ["10:23"])
        let found = run(RequestsExceedLimitsRule(), yaml)
        XCTAssertEqual(positions(found), ["10:43"])
        XCTAssertTrue(found[0].message.contains("without a limit"), found[0].message)
    }

    func testQuantitiesOutsidePods() {
        let yaml = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: datasets
            spec:
              accessModes: [ReadWriteMany]
              resources:
                requests:
                  storage: 500GB
            ---
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: gpu-quota
            spec:
              hard:
                requests.nvidia.com/gpu: "8"
                limits.memory: 1Ti
            """
        XCTAssertEqual(positions(run(InvalidQuantityRule(), yaml)), ["9:19"])
    }

    // MARK: Probes

    func testProbePortOfSidecarInitContainer() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              initContainers:
              - name: proxy
                image: envoy:1.31
                restartPolicy: Always
                ports: [{name: admin, containerPort: 9901}]
                readinessProbe: {httpGet: {path: /ready, port: admin}}
                startupProbe: {tcpSocket: {port: listener}}
              containers:
              - name: app
                image: a:1
            """
        XCTAssertEqual(positions(run(ProbePortRule(), yaml)), ["12:38"])
    }

    func testBarePodThatRunsToCompletionNeedsNoProbes() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: eval
            spec:
              restartPolicy: Never
              containers:
              - name: eval
                image: a:1
                ports: [{containerPort: 8080}]
            """
        XCTAssertEqual(run(MissingReadinessProbeRule(), yaml), [])
        XCTAssertEqual(run(MissingLivenessProbeRule(), yaml), [])
    }

    // MARK: Availability

    let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: REPLICAS
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
        """

    func testReplicasZeroIsDeliberate() {
        XCTAssertEqual(run(SingleReplicaRule(), deployment.replacingOccurrences(of: "REPLICAS", with: "0")), [])
        XCTAssertEqual(positions(run(SingleReplicaRule(), deployment.replacingOccurrences(of: "REPLICAS", with: "1"))), ["6:13"])
    }

    func testContextOnlyWorkloadsAreNotReported() {
        let found = run(SingleReplicaRule(), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
                        context: deployment.replacingOccurrences(of: "REPLICAS", with: "1"))
        XCTAssertEqual(found, [])
    }

    func testPDBPercentagesAreRoundedUpLikeTheController() {
        let pdb = """
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
            spec:
              minAvailable: MIN
              selector:
                matchLabels: {app: web}
            """
        func findings(replicas: String, min: String) -> [Finding] {
            run(PDBBlocksEvictionRule(), deployment.replacingOccurrences(of: "REPLICAS", with: replicas) + "\n"
                + pdb.replacingOccurrences(of: "MIN", with: min))
        }
        XCTAssertEqual(findings(replicas: "3", min: "\"50%\"").count, 0)  // needs 2 of 3
        XCTAssertEqual(findings(replicas: "3", min: "\"67%\"").count, 1)  // rounds up to 3 of 3
        XCTAssertEqual(findings(replicas: "2", min: "2").count, 1)
        XCTAssertEqual(findings(replicas: "0", min: "1").count, 0)  // scaled to zero: nothing to evict
    }

    func testPDBComparisonSkipsAutoscaledWorkloads() {
        let yaml = deployment.replacingOccurrences(of: "REPLICAS", with: "1") + """

            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 5
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
            spec:
              minAvailable: 1
              selector:
                matchLabels: {app: web}
            """
        XCTAssertEqual(run(PDBBlocksEvictionRule(), yaml), [])
        XCTAssertEqual(run(SingleReplicaRule(), yaml), [])
    }

    // MARK: Metadata

    func testRequiredLabelsParameter() {
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app.kubernetes.io/name: c\n"
        XCTAssertEqual(run(RequiredLabelsRule(), yaml), [])
        let found = run(RequiredLabelsRule(), yaml, parameters: ["labels": .list(["team", "app.kubernetes.io/name", "cost-center"])])
        XCTAssertEqual(positions(found), ["5:3"])
        XCTAssertTrue(found[0].message.contains("\"team\", \"cost-center\""), found[0].message)
    }

    func testDefaultNamespaceSkipsClusterScopedKinds() {
        let yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: reader
            rules: []
            ---
            apiVersion: kueue.x-k8s.io/v1beta1
            kind: ClusterQueue
            metadata:
              name: gpus
            ---
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata:
              name: fast
            provisioner: pd.csi.storage.gke.io
            """
        XCTAssertEqual(run(DefaultNamespaceRule(), yaml), [])
    }

    func testCronJobNameLengthLimit() {
        let name = String(repeating: "a", count: 53)
        let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: \(name)\n"
        XCTAssertEqual(positions(run(InvalidNameRule(), yaml)), ["4:61"])
    }

    // MARK: API versions

    func testDeprecatedVersusRemovedDependsOnTarget() {
        let yaml = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n"
        XCTAssertEqual(run(DeprecatedAPIVersionRule(), yaml, kubernetesVersion: "1.20"), [])
        let deprecated = run(DeprecatedAPIVersionRule(), yaml, kubernetesVersion: "1.22")
        XCTAssertEqual(deprecated.map(\.severity), [.warning])
        XCTAssertTrue(deprecated[0].message.contains("use batch/v1 CronJob"), deprecated[0].message)
        let removed = run(DeprecatedAPIVersionRule(), yaml, kubernetesVersion: "v1.31.2")
        XCTAssertEqual(removed.map(\.severity), [.error])
        XCTAssertEqual(positions(removed), ["1:13"])
    }
}
