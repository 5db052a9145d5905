import Policies
import XCTest

/// `authorizer` in ValidatingAdmissionPolicies is answered from the repository's RBAC/ABAC.
final class AuthorizerTests: XCTestCase {
    /// Workloads may only run as service accounts that cannot read Secrets cluster-wide.
    let policy = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: no-secret-readers}
        spec:
          matchConstraints:
            resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
          validations:
          - expression: >-
              !authorizer.serviceAccount(object.metadata.namespace, object.spec.?serviceAccountName.orValue('default'))
                .group('').resource('secrets').namespace(object.metadata.namespace).check('list').allowed()
            messageExpression: "'service account ' + object.spec.?serviceAccountName.orValue('default') + ' can list Secrets'"
          - expression: "!authorizer.group('').resource('pods').check('create').allowed()"
            message: the requesting user is unknown offline, so this check is always denied
        """

    let manifests = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: secret-reader}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: trainer-secrets, namespace: ml}
        subjects: [{kind: ServiceAccount, name: trainer, namespace: ml}]
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: train, namespace: ml}
        spec:
          serviceAccountName: trainer
          containers: [{name: t, image: "t:1"}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: serve, namespace: ml}
        spec:
          serviceAccountName: server
          containers: [{name: s, image: "s:1"}]
        """

    func testServiceAccountChecksUseTheModel() throws {
        let set = try PolicyLoader.load(text: policy, file: "vap.yaml")
        let findings = check(set, manifests).filter { $0.ruleID == "no-secret-readers" }
        XCTAssertEqual(findings.map(\.message), ["service account trainer can list Secrets"])
        XCTAssertEqual(findings.first?.resource?.name, "train")
    }

    func testNonResourcePathsAndDecisionAccessors() throws {
        let text = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: metrics}
            spec:
              matchConstraints:
                resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
              validations:
              - expression: >-
                  authorizer.serviceAccount('ml', 'train').path('/metrics').check('get').allowed() &&
                  authorizer.serviceAccount('ml', 'train').path('/metrics').check('get').reason() != '' &&
                  !authorizer.serviceAccount('ml', 'train').path('/metrics').check('get').errored()
                message: cannot read metrics
            """
        let set = try PolicyLoader.load(text: text, file: "vap.yaml")
        let granted = manifests + """

            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: metrics}
            rules: [{nonResourceURLs: ["/metrics"], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: metrics}
            subjects: [{kind: ServiceAccount, name: train, namespace: ml}]
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics}
            """
        XCTAssertEqual(check(set, granted).filter { $0.ruleID == "metrics" }.count, 0)
        XCTAssertEqual(check(set, manifests).filter { $0.ruleID == "metrics" }.count, 2)
    }
}
