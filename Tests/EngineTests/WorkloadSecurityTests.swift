import Engine
@testable import Rules
import XCTest

/// Security rules beyond their examples: effective security context, Windows pods, versioned
/// sysctls, partial-repository references, parameters and the hardened fixture.
final class WorkloadSecurityTests: XCTestCase {
    static let securityRules = WorkloadSecurityRules.all

    func run(_ rules: [any Rule], _ yaml: String, context: String? = nil, enableAll: Bool = true,
             configure: (inout CheckOptions) -> Void = { _ in }) -> [Finding] {
        var options = CheckOptions()
        if enableAll { options.selection.enabled = Set(rules.map(\.metadata.id)) }
        configure(&options)
        let checker = Checker(rules: rules, options: options)
        let contextInputs = context.map { [SourceInput(name: "context.yaml", bytes: Array($0.utf8))] } ?? []
        return checker.check([SourceInput(name: "test.yaml", bytes: Array(yaml.utf8))], context: contextInputs).findings
    }

    func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.ruleID)@\($0.position.line):\($0.position.column)" }
    }

    func testHardenedFixtureIsCleanWithEverySecurityRuleEnabled() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("fixtures/security/hardened-inference.yaml"), encoding: .utf8)
        XCTAssertEqual(summary(run(Self.securityRules, text)), [])
    }

    func testRestrictedPodIsCleanUnderDefaults() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: restricted
            spec:
              securityContext:
                runAsNonRoot: true
                seccompProfile: {type: RuntimeDefault}
              containers:
              - name: app
                image: registry.example.com/ml/app:1.0.0
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities: {drop: [ALL]}
            """
        XCTAssertEqual(summary(run(Self.securityRules, yaml, enableAll: false)), [])
    }

    func testContainerSettingsOverridePodSettings() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: mixed
            spec:
              securityContext:
                runAsNonRoot: false
                runAsUser: 0
                seccompProfile: {type: Unconfined}
              containers:
              - name: fixed
                image: app:1.0
                securityContext:
                  runAsNonRoot: true
                  runAsUser: 1000
                  seccompProfile: {type: RuntimeDefault}
              - name: inherits
                image: app:1.0
            """
        let found = run([RunAsRootRule(), SeccompUnconfinedRule()], yaml)
        // The pod-level values are reported once (for the container that inherits them).
        XCTAssertEqual(summary(found), ["run-as-root@8:16", "seccomp-unconfined@9:28"])
        XCTAssertNil(found[0].container)
    }

    func testNullAndEmptySecurityContextsCountAsUnset() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: nulls
            spec:
              securityContext:
              containers:
              - name: app
                image: app:1.0
                securityContext:
                  privileged: null
                  runAsUser: null
            """
        XCTAssertEqual(summary(run([PrivilegedContainerRule(), RunAsRootRule()], yaml)), ["run-as-root@6:3"])
    }

    func testWindowsPodsSkipLinuxOnlyControls() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: win
            spec:
              os: {name: windows}
              securityContext:
                runAsNonRoot: true
              containers:
              - name: app
                image: mcr.microsoft.com/windows/servercore:ltsc2022
            """
        XCTAssertEqual(summary(run(Self.securityRules.filter { $0.metadata.id != "default-service-account"
                                                              && $0.metadata.id != "automount-service-account-token" }, yaml)), [])
    }

    func testSafeSysctlsFollowTheTargetKubernetesVersion() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: tuned
            spec:
              securityContext:
                sysctls:
                - {name: net.ipv4.tcp_rmem, value: "4096 87380 16777216"}
                - {name: net/core/somaxconn, value: "1024"}
              containers:
              - name: app
                image: app:1.0
            """
        XCTAssertEqual(summary(run([UnsafeSysctlsRule()], yaml) { $0.context.kubernetesVersion = "1.31" }),
                       ["unsafe-sysctls@8:14", "unsafe-sysctls@9:14"])
        XCTAssertEqual(summary(run([UnsafeSysctlsRule()], yaml) { $0.context.kubernetesVersion = "1.32" }),
                       ["unsafe-sysctls@9:14"])
        let allowed = run([UnsafeSysctlsRule()], yaml) {
            $0.context.kubernetesVersion = "1.32"
            $0.context.parameters = ["unsafe-sysctls": ["allowedUnsafeSysctls": .list(["net.core.*"])]]
        }
        XCTAssertEqual(summary(allowed), [])
    }

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: scorer
          namespace: ml
        spec:
          selector:
            matchLabels: {app: scorer}
          template:
            metadata:
              labels: {app: scorer}
            spec:
              serviceAccountName: scorer
              containers:
              - name: scorer
                image: scorer:1.0
        """

    func testMissingServiceAccountNeedsEvidenceOrStrictReferences() {
        XCTAssertEqual(summary(run([MissingServiceAccountRule()], Self.deployment)), [])
        XCTAssertEqual(summary(run([MissingServiceAccountRule()], Self.deployment) { $0.context.strictReferences = true }),
                       ["missing-service-account@13:27"])
        // A ServiceAccount elsewhere in the namespace is evidence; one in another namespace is not.
        let other = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: other, namespace: ml}\n"
        XCTAssertEqual(summary(run([MissingServiceAccountRule()], Self.deployment, context: other)),
                       ["missing-service-account@13:27"])
        let elsewhere = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: scorer, namespace: prod}\n"
        XCTAssertEqual(summary(run([MissingServiceAccountRule()], Self.deployment, context: elsewhere)), [])
        // Defined in a --context file: resolves, and context files get no findings of their own.
        let defined = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: scorer, namespace: ml}\n"
        XCTAssertEqual(summary(run([MissingServiceAccountRule()], Self.deployment, context: defined)), [])
    }

    func testAutomountHonoursTheServiceAccount() {
        let optOut = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: scorer, namespace: ml}\nautomountServiceAccountToken: false\n"
        XCTAssertEqual(summary(run([AutomountServiceAccountTokenRule()], Self.deployment, context: optOut)), [])
        XCTAssertEqual(summary(run([AutomountServiceAccountTokenRule()], Self.deployment)),
                       ["automount-service-account-token@12:5"])
    }

    func testHostPathParametersAndCleaning() {
        XCTAssertEqual(HostPaths.clean("/var//lib/./kubelet/../kubelet/"), "/var/lib/kubelet")
        XCTAssertEqual(HostPaths.clean("/../etc"), "/etc")
        XCTAssertNotNil(HostPaths.sensitivity(of: "/var/run/containerd/containerd.sock"))
        XCTAssertNotNil(HostPaths.sensitivity(of: "/proc/1/root"))
        XCTAssertNil(HostPaths.sensitivity(of: "/etc/localtime"))
        XCTAssertNil(HostPaths.sensitivity(of: "/var/lib/kubelet-plugins"))
        XCTAssertNil(HostPaths.sensitivity(of: "/procfs"))
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: cache
            spec:
              containers:
              - name: app
                image: app:1.0
              volumes:
              - name: a
                hostPath: {path: /mnt/models/llama}
              - name: b
                hostPath: {path: /data}
            """
        let found = run([HostPathVolumeRule()], yaml) {
            $0.context.parameters = ["host-path-volume": ["allowedHostPaths": .list(["/mnt/models/"])]]
        }
        XCTAssertEqual(summary(found), ["host-path-volume@13:22"])
    }

    func testAllowedCapabilitiesParameter() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: rdma
            spec:
              containers:
              - name: app
                image: app:1.0
                securityContext:
                  capabilities:
                    add: [IPC_LOCK, SYS_ADMIN, NOT_A_CAP]
            """
        XCTAssertEqual(summary(run([DangerousCapabilitiesRule()], yaml)),
                       ["dangerous-capabilities@11:15", "dangerous-capabilities@11:25", "dangerous-capabilities@11:36"])
        let found = run([DangerousCapabilitiesRule()], yaml) {
            $0.context.parameters = ["dangerous-capabilities": ["allowedCapabilities": .list(["cap_ipc_lock"])]]
        }
        XCTAssertEqual(summary(found), ["dangerous-capabilities@11:25", "dangerous-capabilities@11:36"])
        XCTAssertEqual(found.map(\.severity), [.error, .warning])
    }

    func testSidecarPortsClashWithRegularContainersButInitContainersDoNot() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: ports
            spec:
              initContainers:
              - name: warmup
                image: app:1.0
                ports: [{containerPort: 8080}]
              - name: proxy
                image: envoy:1.31
                restartPolicy: Always
                ports: [{containerPort: 9090, name: admin}]
              containers:
              - name: app
                image: app:1.0
                ports: [{containerPort: 8080}, {containerPort: 9090, name: admin}]
            """
        XCTAssertEqual(summary(run([DuplicateContainerPortRule()], yaml)),
                       ["duplicate-container-port@17:52", "duplicate-container-port@17:64"])
    }
}
