import Engine
@testable import Policies
import XCTest

final class AdmissionPolicyTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/policies").path

    func fixtureSet() throws -> PolicySet {
        try PolicyLoader.load(paths: [Self.fixtures + "/policy"])
    }

    func checkFixture(_ name: String) throws -> [String] {
        let path = Self.fixtures + "/manifests/" + name
        let set = try fixtureSet()
        return summary(Checker(rules: set.rules, options: CheckOptions())
            .check([SourceInput(name: name, path: path)]).findings)
    }

    func testFixtureFindings() throws {
        XCTAssertEqual(try checkFixture("storefront.yaml"), [
            "7:1 allowed-registries error image docker.io/library/checkout:2.1.0 is not from an allowed registry (registry.example.com/, mirror.gcr.io/)",
            "7:1 replica-limit warning Deployment checkout asks for 8 replicas; at most 5 are allowed in storefront",
            "28:3 internal-load-balancers/internal-annotation error a Service labelled exposure=internal gets a public load balancer (no networking.gke.io/load-balancer-type Internal annotation)",
        ])
        XCTAssertEqual(try checkFixture("training.yaml"), [
            "13:1 training-jobs/deadline error Job train-resnet in training namespace ml-training sets no activeDeadlineSeconds",
        ])
    }

    let deployment = """
    apiVersion: v1
    kind: Namespace
    metadata: {name: prod, labels: {environment: production}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: prod, labels: {app: web}}
    spec:
      replicas: 3
    """

    func vap(validations: String = "  - expression: object.spec.replicas <= 2\n    message: too many replicas\n",
             extra: String = "", failurePolicy: String = "Fail") -> String {
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: limit}
        spec:
          failurePolicy: \(failurePolicy)
        \(extra)  matchConstraints:
            resourceRules:
            - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
          validations:
        \(validations)
        """
    }

    func binding(_ actions: String, extra: String = "", name: String = "limit-binding") -> String {
        """
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: \(name)}
        spec:
          policyName: limit
          validationActions: \(actions)
        \(extra)
        """
    }

    func testValidationActionsGiveSeverity() {
        XCTAssertEqual(summary(check(policySet(vap()), deployment)), ["5:1 limit error too many replicas"], "unbound: Deny")
        XCTAssertEqual(summary(check(policySet(vap() + binding("[Deny]")), deployment)), ["5:1 limit error too many replicas"])
        XCTAssertEqual(summary(check(policySet(vap() + binding("[Warn]")), deployment)), ["5:1 limit warning too many replicas"])
        XCTAssertEqual(summary(check(policySet(vap() + binding("[Audit]")), deployment)), ["5:1 limit info too many replicas"])
        XCTAssertEqual(policySet(vap() + binding("[Warn, Audit]")).rules[0].metadata.severity, .warning)
    }

    /// A severity configured for the policy (`rules: {limit: {severity: info}}`) applies to its
    /// findings at the policy's own severity, as for every rule; a milder action of another
    /// binding keeps its own.
    func testConfiguredSeverityOverridesTheActionsSeverity() {
        func checked(_ policies: String, severity: Severity) -> [String] {
            var options = CheckOptions()
            options.selection.severities["limit"] = severity
            let findings = Checker(rules: policySet(policies).rules, options: options)
                .check([SourceInput(name: "manifests.yaml", bytes: Array(deployment.utf8))]).findings
            return summary(findings)
        }
        XCTAssertEqual(checked(vap() + binding("[Deny]"), severity: .info), ["5:1 limit info too many replicas"])
        XCTAssertEqual(checked(vap(), severity: .warning), ["5:1 limit warning too many replicas"])
        let twoBindings = vap() + binding("[Deny]") + binding("[Audit]", name: "audit-binding")
        XCTAssertEqual(checked(twoBindings, severity: .warning).sorted(),
                       ["5:1 limit info too many replicas", "5:1 limit warning too many replicas"])
    }

    func testMatchingByResourceScopeAndSelectors() {
        let excluded = vap(extra: "") .replacingOccurrences(
            of: "  validations:", with: "    excludeResourceRules:\n    - {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'], resourceNames: [web]}\n  validations:")
        XCTAssertEqual(summary(check(policySet(excluded), deployment)), [])
        let otherNamespaces = binding("[Deny]", extra: "  matchResources:\n    namespaceSelector: {matchLabels: {environment: staging}}\n")
        XCTAssertEqual(summary(check(policySet(vap() + otherNamespaces), deployment)), [])
        let objectSelector = binding("[Deny]", extra: "  matchResources:\n    objectSelector: {matchLabels: {app: web}}\n")
        XCTAssertEqual(summary(check(policySet(vap() + objectSelector), deployment)).count, 1)
        let clusterOnly = vap().replacingOccurrences(of: "resources: [deployments]}", with: "resources: [deployments], scope: Cluster}")
        XCTAssertEqual(summary(check(policySet(clusterOnly), deployment)), [])
        let subresource = vap().replacingOccurrences(of: "resources: [deployments]}", with: "resources: [deployments/scale]}")
        XCTAssertEqual(summary(check(policySet(subresource), deployment)), [])
        let allSub = vap().replacingOccurrences(of: "resources: [deployments]}", with: "resources: ['*/*']}")
        XCTAssertEqual(summary(check(policySet(allSub), deployment)).count, 1)
    }

    func testCustomResourcesMatchThroughTheirCRD() {
        let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgetz}
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: a}
        size: 10
        """
        let policy = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: widget-size}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [example.com], apiVersions: [v1], operations: [CREATE], resources: [widgetz], scope: Namespaced}
          validations:
          - expression: object.size < 5 && request.resource.resource == 'widgetz' && request.operation == 'CREATE' && oldObject == null
            message: too big
        """
        XCTAssertEqual(summary(check(policySet(policy), crd)), ["9:1 widget-size error too big"])
        // Without the CRD the REST mapper's guess (widgets) does not match `widgetz`.
        XCTAssertEqual(summary(check(policySet(policy), String(crd.split(separator: "---\n")[1]))), [])
    }

    func testParamsByNameSelectorAndNotFoundAction() {
        let withParams = vap(validations: "  - expression: object.spec.replicas <= int(params.data.max)\n    messageExpression: \"'max ' + params.data.max\"\n",
                             extra: "  paramKind: {apiVersion: v1, kind: ConfigMap}\n")
        let params = """

        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: limits, namespace: prod, labels: {kind: limits}}
        data: {max: "2"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: loose, namespace: prod, labels: {kind: limits}}
        data: {max: "10"}
        """
        // By name, in the object's namespace (paramRef.namespace unset, ConfigMap is namespaced).
        let byName = withParams + binding("[Deny]", extra: "  paramRef: {name: limits, parameterNotFoundAction: Deny}\n")
        XCTAssertEqual(summary(check(policySet(byName), deployment + params)), ["5:1 limit error max 2"])
        // By selector: evaluated once per param object; each failure is reported.
        let bySelector = withParams + binding("[Deny]", extra: "  paramRef:\n    selector: {matchLabels: {kind: limits}}\n    parameterNotFoundAction: Deny\n")
        XCTAssertEqual(summary(check(policySet(bySelector), deployment + params)), ["5:1 limit error max 2"])
        // Not found: Deny is a policy error, Allow passes.
        XCTAssertEqual(summary(check(policySet(byName), deployment)),
                       ["5:1 policy-error error ValidatingAdmissionPolicy limit (binding limit-binding): binding limit-binding: no params object ConfigMap 'limits' in namespace prod"])
        let allow = withParams + binding("[Deny]", extra: "  paramRef: {name: limits, parameterNotFoundAction: Allow}\n")
        XCTAssertEqual(summary(check(policySet(allow), deployment)), [])
        // Params may live in the policy files themselves.
        XCTAssertEqual(summary(check(policySet(byName + params), deployment)), ["5:1 limit error max 2"])
    }

    func testFailurePolicyAndMatchConditions() {
        let erroring = "  - expression: object.spec.missing > 1\n    message: m\n"
        XCTAssertEqual(summary(check(policySet(vap(validations: erroring)), deployment)),
                       ["5:1 policy-error error ValidatingAdmissionPolicy limit (binding limit (unbound)): validations[0]: no such key: missing"])
        XCTAssertEqual(summary(check(policySet(vap(validations: erroring, failurePolicy: "Ignore")), deployment)), [])
        let skip = vap(extra: "  matchConditions:\n  - {name: big, expression: object.spec.replicas > 5}\n")
        XCTAssertEqual(summary(check(policySet(skip), deployment)), [])
        let conditionError = vap(extra: "  matchConditions:\n  - {name: broken, expression: object.nope}\n")
        XCTAssertEqual(summary(check(policySet(conditionError), deployment)).first?.contains("matchCondition 'broken': no such key: nope"), true)
    }

    func testMessageExpressionFallsBackToMessage() {
        let v = "  - expression: 'false'\n    message: static\n    messageExpression: \"object.nope\"\n"
        XCTAssertEqual(summary(check(policySet(vap(validations: v)), deployment)), ["5:1 limit error static"])
        let blank = "  - expression: 'false'\n    messageExpression: \"'  '\"\n"
        XCTAssertEqual(summary(check(policySet(vap(validations: blank)), deployment)), ["5:1 limit error failed expression: false"])
    }

    func testVariablesAreLazyAndSeeEarlierOnes() {
        let v = """
          - expression: variables.b == 6
            message: m
        """
        let extra = "  variables:\n  - {name: a, expression: object.spec.replicas}\n  - {name: b, expression: variables.a * 2}\n  - {name: unused, expression: object.nope}\n"
        XCTAssertEqual(summary(check(policySet(vap(validations: v + "\n", extra: extra)), deployment)), [])
    }

    func testNamespaceObjectAndRequest() {
        let v = """
          - expression: namespaceObject.metadata.labels.environment == 'production' && request.namespace == 'prod' && request.name == 'web' && request.kind.kind == 'Deployment' && request.resource.group == 'apps'
            message: m
        """
        XCTAssertEqual(summary(check(policySet(vap(validations: v + "\n")), deployment)), [])
    }
}
