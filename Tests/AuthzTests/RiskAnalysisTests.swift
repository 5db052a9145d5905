import XCTest
@testable import Authz

final class RiskAnalysisTests: XCTestCase {
    func issues(roles: [RBACRole] = [], bindings: [RBACBinding] = [], abac: String = "") -> [AuthzIssue] {
        let policies = ABACPolicyFile.parse(bytes: Array(abac.utf8), file: "abac.jsonl").policies
        return RiskAnalysis(model: AuthorizationModel(roles: roles, bindings: bindings, abacPolicies: policies)).issues()
    }

    func ids(_ issues: [AuthzIssue]) -> [String] { issues.map(\.id) }

    func clusterRole(_ name: String, _ rules: [PolicyRule], line: Int = 1) -> RBACRole {
        .clusterRole(name, rules: rules, origin: at(line))
    }

    func crb(_ role: String, _ subjects: [RBACSubject] = [.user("alice")], line: Int = 100) -> RBACBinding {
        .clusterRoleBinding("crb-\(role)", clusterRole: role, subjects: subjects, origin: at(line))
    }

    func rb(_ role: String, kind: String = "ClusterRole", ns: String = "team", _ subjects: [RBACSubject] = [.user("alice")], line: Int = 200) -> RBACBinding {
        .roleBinding("rb-\(role)", namespace: ns, roleRef: RoleRef(kind: kind, name: role), subjects: subjects, origin: at(line))
    }

    func testClusterAdmin() {
        let found = issues(bindings: [crb("cluster-admin"), rb("cluster-admin")])
        XCTAssertEqual(found.map { "\($0.id):\($0.severity)" }, ["rbac-cluster-admin-binding:error", "rbac-cluster-admin-binding:warning"])
        let star = clusterRole("star", [rule(["*"], ["*"], ["*"], line: 3)])
        let equivalent = issues(roles: [star], bindings: [crb("star")])
        XCTAssertEqual(ids(equivalent), ["rbac-cluster-admin-equivalent"], "subsumes the other permissions")
        XCTAssertEqual(equivalent[0].related, [at(1), at(3)])
        let notQuite = clusterRole("core-star", [rule(["*"], [""], ["*"])])
        XCTAssertFalse(ids(issues(roles: [notQuite], bindings: [crb("core-star")])).contains("rbac-cluster-admin-equivalent"))
        XCTAssertEqual(ids(issues(roles: [star])), ["rbac-cluster-admin-equivalent"], "unbound roles are reported")
        XCTAssertEqual(issues(roles: [star])[0].severity, .info)
    }

    func testSensitivePermissionsEachFireWithScopeSeverity() {
        let cases: [(String, PolicyRule)] = [
            ("rbac-secret-read", rule(["list"], [""], ["secrets"])),
            ("rbac-workload-create", rule(["patch"], ["apps"], ["deployments"])),
            ("rbac-pod-exec", rule(["create"], [""], ["pods/exec"])),
            ("rbac-pod-attach", rule(["get"], [""], ["pods/attach"])),
            ("rbac-pod-portforward", rule(["create"], [""], ["pods/portforward"])),
            ("rbac-pod-ephemeral-containers", rule(["patch"], [""], ["pods/ephemeralcontainers"])),
            ("rbac-token-create", rule(["create"], [""], ["serviceaccounts/token"])),
            ("rbac-escalate", rule(["escalate"], ["rbac.authorization.k8s.io"], ["roles", "clusterroles"])),
            ("rbac-bind", rule(["bind"], ["rbac.authorization.k8s.io"], ["roles"])),
            ("rbac-impersonate", rule(["impersonate"], [""], ["groups"])),
            ("rbac-node-proxy", rule(["get"], [""], ["nodes/proxy"])),
            ("rbac-webhook-write", rule(["update"], ["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"])),
            ("rbac-pv-create", rule(["create"], [""], ["persistentvolumes"])),
            ("rbac-broad-delete", rule(["delete"], ["*"], ["*"])),
        ]
        for (id, r) in cases {
            let role = clusterRole("r", [r])
            let cluster = issues(roles: [role], bindings: [crb("r")]).filter { $0.id == id }
            XCTAssertEqual(cluster.count, 1, id)
            XCTAssertEqual(cluster.first?.origin, at(100), id)
            let namespaced = issues(roles: [role], bindings: [rb("r")]).filter { $0.id == id }
            let clusterScoped = ["rbac-node-proxy", "rbac-webhook-write", "rbac-pv-create", "rbac-impersonate"].contains(id)
            if clusterScoped {
                XCTAssertEqual(namespaced.count, 0, "\(id) cannot be granted by a RoleBinding")
            } else {
                XCTAssertEqual(namespaced.count, 1, id)
                XCTAssertLessThanOrEqual(namespaced.first?.severity ?? .error, cluster.first?.severity ?? .info, id)
            }
        }
        let both = clusterRole("csr", [rule(["update"], ["certificates.k8s.io"], ["certificatesigningrequests/approval"], line: 2),
                                       rule(["approve"], ["certificates.k8s.io"], ["signers"], names: ["kubernetes.io/kube-apiserver-client"], line: 3)])
        let csr = issues(roles: [both], bindings: [crb("csr")]).filter { $0.id == "rbac-csr-approval" }
        XCTAssertEqual(csr.count, 1)
        XCTAssertEqual(csr[0].related, [at(1), at(2), at(3)])
        let half = clusterRole("csr", [rule(["update"], ["certificates.k8s.io"], ["certificatesigningrequests/approval"])])
        XCTAssertFalse(ids(issues(roles: [half], bindings: [crb("csr")])).contains("rbac-csr-approval"))
    }

    func testNotFiring() {
        let harmless = clusterRole("reader", [rule(["get", "list"], [""], ["pods", "configmaps"]), rule(["create"], [""], ["pods/eviction"]),
                                              rule(["get"], [""], ["pods/*"]), rule(["create"], [""], ["pods/log"])])
        let found = ids(issues(roles: [harmless], bindings: [crb("reader"), rb("view")]))
        XCTAssertEqual(found, ["rbac-subresource-wildcard-literal"])
        let named = clusterRole("named", [rule(["get"], [""], ["secrets"], names: ["one"])])
        XCTAssertEqual(issues(roles: [named], bindings: [crb("named")]).first { $0.id == "rbac-secret-read" }?.severity, .warning, "names lower the severity")
        XCTAssertTrue(issues(bindings: [RBACBinding.clusterRoleBinding("empty", clusterRole: "edit", subjects: [], origin: at(1))]).isEmpty)
    }

    func testBuiltInRolesThroughInputBindings() {
        let found = issues(bindings: [rb("edit")])
        XCTAssertTrue(Set(ids(found)).isSuperset(of: ["rbac-secret-read", "rbac-pod-exec", "rbac-workload-create", "rbac-token-create"]))
        XCTAssertTrue(found.first { $0.id == "rbac-secret-read" }!.message.contains("via built-in ClusterRole edit"))
        XCTAssertTrue(found.allSatisfy { !$0.related.contains(Origin.builtIn) })
        XCTAssertTrue(issues().isEmpty, "built-in bindings are not judged")
    }

    func testSubjects() {
        let pods = clusterRole("pod-reader", [rule(["get"], [""], ["pods"])])
        func subjectIssue(_ subject: RBACSubject, scope: RBACBinding? = nil) -> [String] {
            ids(issues(roles: [pods], bindings: [scope ?? crb("pod-reader", [subject])]))
        }
        XCTAssertEqual(subjectIssue(.user("system:anonymous")), ["rbac-subject-anonymous"])
        XCTAssertEqual(subjectIssue(.group("system:unauthenticated")), ["rbac-subject-anonymous"])
        XCTAssertEqual(subjectIssue(.group("system:authenticated")), ["rbac-subject-all-authenticated"])
        XCTAssertEqual(subjectIssue(.group("system:serviceaccounts")), ["rbac-subject-all-serviceaccounts"])
        XCTAssertEqual(subjectIssue(.group("system:serviceaccounts:team")), ["rbac-subject-all-serviceaccounts"])
        XCTAssertEqual(subjectIssue(.serviceAccount("default", namespace: "team")), ["rbac-default-serviceaccount"])
        XCTAssertEqual(subjectIssue(.user("system:serviceaccount:team:default")), ["rbac-default-serviceaccount"])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [rb("pod-reader", [RBACSubject(kind: "ServiceAccount", name: "default")])])), ["rbac-default-serviceaccount"])
        XCTAssertEqual(subjectIssue(.serviceAccount("app", namespace: "team")), [])
        XCTAssertEqual(subjectIssue(.group("developers")), [])
        let secrets = clusterRole("s", [rule(["get"], [""], ["secrets"])])
        let severe = issues(roles: [secrets], bindings: [crb("s", [.group("system:authenticated")])]).first { $0.id == "rbac-subject-all-authenticated" }
        XCTAssertEqual(severe?.severity, .error)
        XCTAssertTrue(severe?.message.contains("read Secrets") ?? false)
    }

    func testIntegrity() {
        let pods = clusterRole("pod-reader", [rule(["get"], [""], ["pods"])])
        XCTAssertEqual(ids(issues(bindings: [crb("nope")])), ["rbac-missing-role"])
        XCTAssertEqual(ids(issues(bindings: [rb("nope", kind: "Role")])), ["rbac-missing-role"])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [crb("pod-reader")])), [])
        let role = RBACRole.role("r", namespace: "team", rules: [rule(["get"], [""], ["pods"])], origin: at(1))
        XCTAssertEqual(ids(issues(roles: [role], bindings: [RBACBinding(scope: .cluster, name: "x", roleRef: RoleRef(kind: "Role", name: "r"), subjects: [.user("a")], origin: at(9))])), ["rbac-clusterrolebinding-to-role"])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [RBACBinding(scope: .cluster, name: "x", roleRef: RoleRef(kind: "ClusterRole", name: "pod-reader", apiGroup: "rbac"), subjects: [.user("a")], origin: at(9))])), ["rbac-invalid-roleref"])
        let nodes = clusterRole("nodes", [rule(["get"], [""], ["nodes"]), urlRule(["get"], ["/metrics"])])
        XCTAssertEqual(ids(issues(roles: [nodes], bindings: [rb("nodes")])), ["rbac-rolebinding-grants-nothing"])
        XCTAssertEqual(ids(issues(roles: [nodes], bindings: [crb("nodes")])), [])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [rb("pod-reader")])), [])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [crb("pod-reader", [RBACSubject(kind: "ServiceAccount", name: "app", origin: at(7))])])), ["rbac-serviceaccount-without-namespace"])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [rb("pod-reader", [RBACSubject(kind: "ServiceAccount", name: "app")])])), [])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [crb("pod-reader", [RBACSubject(kind: "ServiceAccount", name: "app", namespace: "a", apiGroup: "rbac.authorization.k8s.io")])])), ["rbac-subject-wrong-apigroup"])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [crb("pod-reader", [RBACSubject(kind: "User", name: "u", apiGroup: "")])])), [])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [crb("pod-reader", [RBACSubject(kind: "Group", name: "g", apiGroup: "v1")])])), ["rbac-subject-wrong-apigroup"])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [crb("pod-reader", [RBACSubject(kind: "user", name: "u")])])), ["rbac-subject-unknown-kind"])
        XCTAssertEqual(ids(issues(roles: [pods], bindings: [crb("pod-reader", [RBACSubject(kind: "User", name: "u", namespace: "x")])])), ["rbac-subject-namespace-ignored"])
        var fieldRule = rule(["get"], [""], ["pods/*", "*/*"], line: 4)
        fieldRule.fieldOrigins[.resources] = Origin(file: "rbac.yaml", line: 6, column: 7)
        let wild = issues(roles: [clusterRole("w", [fieldRule])], bindings: [crb("w")])
        XCTAssertEqual(ids(wild), ["rbac-subresource-wildcard-literal"])
        XCTAssertEqual(wild[0].origin, Origin(file: "rbac.yaml", line: 6, column: 7))
        let urlRole = RBACRole.role("u", namespace: "team", rules: [urlRule(["get"], ["/healthz"])], origin: at(1))
        XCTAssertEqual(ids(issues(roles: [urlRole])), ["rbac-nonresource-in-role"])
        let mixed = clusterRole("m", [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"], nonResourceURLs: ["/x"], origin: at(2))])
        XCTAssertEqual(ids(issues(roles: [mixed], bindings: [crb("m")])), ["rbac-rule-mixes-nonresource"])
        let names = clusterRole("n", [rule(["create", "list"], [""], ["configmaps"], names: ["x"]), rule(["get", "watch"], [""], ["configmaps"], names: ["y"])])
        let dead = issues(roles: [names], bindings: [crb("n")])
        XCTAssertEqual(dead.map { "\($0.id):\($0.severity)" }, ["rbac-resourcenames-ineffective:warning", "rbac-resourcenames-ineffective:info"])
        XCTAssertEqual(ids(issues(roles: [clusterRole("ok", [rule(["get", "update"], [""], ["configmaps"], names: ["x"])])], bindings: [crb("ok")])), [])
        let agg = RBACRole.clusterRole("agg", rules: [rule(["get"], [""], ["pods"], line: 5)], aggregationSelectors: [LabelSelector(matchLabels: ["x": "y"])], origin: at(4))
        XCTAssertEqual(ids(issues(roles: [agg], bindings: [crb("agg")])), ["rbac-aggregated-rules-overwritten"])
    }

    func testAggregationIntoBuiltInView() {
        let sneaky = RBACRole.clusterRole("crd-viewer", labels: ["rbac.authorization.k8s.io/aggregate-to-view": "true"], rules: [rule(["get"], [""], ["secrets"], line: 8)], origin: at(5))
        let found = issues(roles: [sneaky])
        XCTAssertEqual(ids(found), ["rbac-secret-read"])
        XCTAssertEqual(found[0].severity, .warning)
        XCTAssertTrue(found[0].message.contains("aggregated into ClusterRole admin, edit, view"), found[0].message)
    }

    func abacLine(_ spec: String) -> String {
        #"{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":"# + spec + "}"
    }

    func testABAC() {
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"alice","namespace":"*","resource":"*","apiGroup":"*"}"#))), ["abac-full-access"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"alice","namespace":"*","resource":"*","apiGroup":"*","readonly":true}"#))),
                       ["abac-node-proxy", "abac-pod-attach", "abac-pod-exec", "abac-pod-portforward", "abac-secret-read"],
                       "readonly still allows GET on every subresource, and exec, attach, portforward and nodes/proxy can be used with GET")
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"system:serviceaccount:kube-system:default","namespace":"*","resource":"*","apiGroup":"*"}"#))), ["abac-serviceaccount-full-access"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"*","readonly":true,"nonResourcePath":"/version"}"#))), ["abac-all-authenticated"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"group":"system:unauthenticated","readonly":true,"nonResourcePath":"/healthz"}"#))), ["abac-unauthenticated"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"alice","nonResourcePath":"*"}"#))), ["abac-nonresource-wildcard"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"namespace":"*","resource":"*"}"#))), ["abac-never-matches"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"alice","namespace":"*"}"#))), ["abac-never-matches"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"alice","namespace":"team","resource":"pods"}"#))), ["abac-pod-attach", "abac-pod-ephemeral-containers", "abac-pod-exec", "abac-pod-portforward", "abac-workload-create"])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"alice","namespace":"team","resource":"configmaps","readonly":true}"#))), [])
        XCTAssertEqual(ids(issues(abac: abacLine(#"{"user":"alice","resource":"secrets","readonly":true}"#))), ["abac-secret-read"], "no namespace still lists secrets of all namespaces")
        XCTAssertEqual(Set(ids(issues(abac: "{}"))), ["abac-legacy-line", "abac-full-access", "abac-all-authenticated", "abac-nonresource-wildcard"])
        XCTAssertEqual(ids(issues(abac: #"{"user":"bob","readonly":true,"namespace":"projectCaribou","resource":"configmaps"}"#)), ["abac-legacy-line"])
    }
}
