import XCTest
@testable import Authz

final class RBACModelTests: XCTestCase {
    let secretsReader = RBACRole.clusterRole("secrets-reader", rules: [rule(["get", "list"], [""], ["secrets"], line: 3)], origin: at(1))
    let nodeReader = RBACRole.clusterRole("node-reader", rules: [rule(["get"], [""], ["nodes"], line: 13), urlRule(["get"], ["/metrics"], line: 14)], origin: at(11))

    func testRoleBindingGrantsOnlyInItsNamespaceEvenForClusterRole() {
        let rb = RBACBinding.roleBinding("rb", namespace: "team", roleRef: RoleRef(kind: "ClusterRole", name: "secrets-reader"), subjects: [.user("alice")], origin: at(20))
        let model = AuthorizationModel(roles: [secretsReader], bindings: [rb], includeBuiltIns: false)
        XCTAssertTrue(model.authorize(get("secrets", ns: "team"), user: alice).allowed)
        XCTAssertFalse(model.authorize(get("secrets", ns: "other"), user: alice).allowed)
        XCTAssertFalse(model.authorize(get("secrets", verb: "list"), user: alice).allowed, "no cluster-wide list")
    }

    func testRoleBindingNeverGrantsClusterScopedOrURLs() {
        let rb = RBACBinding.roleBinding("rb", namespace: "team", roleRef: RoleRef(kind: "ClusterRole", name: "node-reader"), subjects: [.user("alice")], origin: at(20))
        let crb = RBACBinding.clusterRoleBinding("crb", clusterRole: "node-reader", subjects: [.user("bob")], origin: at(30))
        let model = AuthorizationModel(roles: [nodeReader], bindings: [rb, crb], includeBuiltIns: false)
        XCTAssertFalse(model.authorize(get("nodes"), user: alice).allowed)
        XCTAssertFalse(model.authorize(AccessRequest(verb: "get", path: "/metrics"), user: alice).allowed)
        XCTAssertTrue(model.authorize(get("nodes"), user: bob).allowed)
        XCTAssertTrue(model.authorize(AccessRequest(verb: "get", path: "/metrics"), user: bob).allowed)
    }

    func testRoleReferenceResolvesInBindingNamespace() {
        let role = RBACRole.role("r", namespace: "team", rules: [rule(["get"], [""], ["pods"])], origin: at(1))
        let good = RBACBinding.roleBinding("rb", namespace: "team", roleRef: RoleRef(kind: "Role", name: "r"), subjects: [.user("alice")], origin: at(10))
        let elsewhere = RBACBinding.roleBinding("rb", namespace: "other", roleRef: RoleRef(kind: "Role", name: "r"), subjects: [.user("alice")], origin: at(20))
        let crbToRole = RBACBinding(scope: .cluster, name: "bad", roleRef: RoleRef(kind: "Role", name: "r"), subjects: [.user("bob")], origin: at(30))
        let model = AuthorizationModel(roles: [role], bindings: [good, elsewhere, crbToRole], includeBuiltIns: false)
        XCTAssertTrue(model.authorize(get("pods", ns: "team"), user: alice).allowed)
        XCTAssertFalse(model.authorize(get("pods", ns: "other"), user: alice).allowed, "Role r does not exist in other")
        XCTAssertFalse(model.authorize(get("pods", ns: "team"), user: bob).allowed, "a ClusterRoleBinding cannot use a Role")
    }

    func testSubjects() {
        let subjects: [RBACSubject] = [
            .group("dev"),
            RBACSubject(kind: "ServiceAccount", name: "local", origin: at(5)),
            .serviceAccount("remote", namespace: "infra"),
            RBACSubject(kind: "Robot", name: "alice"),
        ]
        let rb = RBACBinding.roleBinding("rb", namespace: "team", roleRef: RoleRef(kind: "ClusterRole", name: "secrets-reader"), subjects: subjects, origin: at(20))
        let model = AuthorizationModel(roles: [secretsReader], bindings: [rb], includeBuiltIns: false)
        let request = get("secrets", ns: "team")
        XCTAssertTrue(model.authorize(request, user: alice).allowed, "alice is in dev")
        XCTAssertFalse(model.authorize(request, user: .user("alice")).allowed, "unknown kinds match nobody")
        XCTAssertTrue(model.authorize(request, user: .serviceAccount(namespace: "team", name: "local")).allowed, "SA namespace defaults to the binding's")
        XCTAssertFalse(model.authorize(request, user: .serviceAccount(namespace: "other", name: "local")).allowed)
        XCTAssertTrue(model.authorize(request, user: .serviceAccount(namespace: "infra", name: "remote")).allowed)
        XCTAssertFalse(model.authorize(request, user: .user("Alice", groups: ["Dev"])).allowed, "case-sensitive")
    }

    func testServiceAccountWithoutNamespaceInClusterRoleBindingMatchesNothing() {
        let crb = RBACBinding.clusterRoleBinding("crb", clusterRole: "secrets-reader", subjects: [RBACSubject(kind: "ServiceAccount", name: "default")], origin: at(20))
        let model = AuthorizationModel(roles: [secretsReader], bindings: [crb], includeBuiltIns: false)
        XCTAssertFalse(model.authorize(get("secrets", ns: "default"), user: .serviceAccount(namespace: "default", name: "default")).allowed)
        XCTAssertFalse(model.authorize(get("secrets", ns: "x"), user: UserInfo(name: "system:serviceaccount::default", groups: [])).allowed)
        XCTAssertTrue(model.whoCan(get("secrets", ns: "default")).isEmpty)
    }

    func testAggregationIsTransitiveAndReplacesHandWrittenRules() {
        let top = RBACRole.clusterRole("top", rules: [rule(["delete"], [""], ["nodes"], line: 2)], aggregationSelectors: [LabelSelector(matchLabels: ["to-top": "true"])], origin: at(1))
        let middle = RBACRole.clusterRole("middle", labels: ["to-top": "true"], rules: [], aggregationSelectors: [LabelSelector(matchExpressions: [.init(key: "to-middle", operator: "Exists")])], origin: at(10))
        let leaf = RBACRole.clusterRole("leaf", labels: ["to-middle": "yes"], rules: [rule(["get"], [""], ["secrets"], line: 22)], origin: at(20))
        let other = RBACRole.clusterRole("other", labels: ["to-top": "false"], rules: [rule(["get"], [""], ["pods"])], origin: at(30))
        let model = AuthorizationModel(roles: [top, middle, leaf, other], includeBuiltIns: false)
        let topRules = model.clusterRole(named: "top")!.rules
        XCTAssertEqual(topRules.map(\.rule.resources), [["secrets"]])
        XCTAssertEqual(topRules.first?.aggregatedFrom, ["middle", "leaf"])
        let crb = RBACBinding.clusterRoleBinding("b", clusterRole: "top", subjects: [.user("alice")], origin: at(40))
        let withBinding = AuthorizationModel(roles: [top, middle, leaf, other], bindings: [crb], includeBuiltIns: false)
        let decision = withBinding.authorize(get("secrets", ns: "x"), user: alice)
        XCTAssertTrue(decision.allowed)
        XCTAssertEqual(decision.evidence[0].steps.map(\.kind), [.binding, .subject, .role, .aggregatedFrom, .aggregatedFrom, .rule])
        XCTAssertEqual(decision.evidence[0].steps.last?.origin, at(22))
        XCTAssertFalse(withBinding.authorize(get("nodes", verb: "delete"), user: alice).allowed, "hand-written rules are replaced")
    }

    func testAggregationDeduplicatesRules() {
        let agg = RBACRole.clusterRole("agg", rules: [], aggregationSelectors: [LabelSelector(matchLabels: ["x": "1"])], origin: at(1))
        let a = RBACRole.clusterRole("a", labels: ["x": "1"], rules: [rule(["get"], [""], ["pods"], line: 5)], origin: at(4))
        let b = RBACRole.clusterRole("b", labels: ["x": "1"], rules: [rule(["get"], [""], ["pods"], line: 9)], origin: at(8))
        let model = AuthorizationModel(roles: [agg, b, a], includeBuiltIns: false)
        XCTAssertEqual(model.clusterRole(named: "agg")!.rules.map(\.aggregatedFrom), [["a"]])
    }

    func testBuiltInRoles() {
        let rb = RBACBinding.roleBinding("devs-edit", namespace: "team", roleRef: RoleRef(kind: "ClusterRole", name: "edit"), subjects: [.group("dev")], origin: at(1))
        let model = AuthorizationModel(bindings: [rb])
        XCTAssertTrue(model.authorize(get("secrets", ns: "team"), user: alice).allowed)
        XCTAssertTrue(model.authorize(get("pods/exec", ns: "team", verb: "create"), user: alice).allowed)
        XCTAssertFalse(model.authorize(get("roles", group: "rbac.authorization.k8s.io", ns: "team", verb: "create"), user: alice).allowed, "edit cannot write roles")
        XCTAssertTrue(model.authorize(get("configmaps", ns: "team", verb: "list"), user: alice).allowed, "view flows into edit")
        let evidence = model.authorize(get("configmaps", ns: "team", verb: "list"), user: alice).evidence[0]
        XCTAssertEqual(evidence.steps.filter { $0.kind == .aggregatedFrom }.map(\.summary), ["aggregated from ClusterRole view", "aggregated from ClusterRole system:aggregate-to-view"])
        XCTAssertTrue(evidence.steps.dropFirst(2).allSatisfy(\.isBuiltIn))
        XCTAssertTrue(model.authorize(AccessRequest(verb: "get", path: "/version"), user: .anonymous).allowed, "public info")
        XCTAssertFalse(model.authorize(AccessRequest(verb: "get", path: "/apis"), user: .anonymous).allowed)
        XCTAssertTrue(model.authorize(AccessRequest(verb: "get", path: "/apis"), user: bob).allowed, "discovery")
        XCTAssertTrue(model.authorize(get("nodes", verb: "delete"), user: .user("root", groups: ["system:masters"])).allowed)
        XCTAssertFalse(model.authorize(get("secrets", ns: "team"), user: bob).allowed)
        let view = model.clusterRole(named: "view")!
        XCTAssertFalse(view.rules.contains { $0.rule.resources.contains("secrets") }, "view excludes secrets")
        XCTAssertTrue(model.clusterRole(named: "admin")!.rules.contains { $0.rule.resources.contains("rolebindings") })
    }

    func testInputOverridesBuiltIn() {
        let myView = RBACRole.clusterRole("view", rules: [rule(["get"], [""], ["secrets"], line: 2)], origin: at(1))
        let rb = RBACBinding.roleBinding("v", namespace: "team", roleRef: RoleRef(kind: "ClusterRole", name: "view"), subjects: [.user("bob")], origin: at(10))
        let model = AuthorizationModel(roles: [myView], bindings: [rb])
        XCTAssertTrue(model.authorize(get("secrets", ns: "team"), user: bob).allowed)
        XCTAssertFalse(model.authorize(get("pods", ns: "team"), user: bob).allowed)
    }

    func testWhoCanWithEvidence() {
        let rb = RBACBinding.roleBinding("rb", namespace: "team", roleRef: RoleRef(kind: "ClusterRole", name: "secrets-reader"),
                                         subjects: [RBACSubject(kind: "ServiceAccount", name: "app", origin: at(23)), .group("system:authenticated", origin: at(24))], origin: at(20))
        let crb = RBACBinding.clusterRoleBinding("crb", clusterRole: "secrets-reader", subjects: [.user("alice", origin: at(33))], origin: at(30))
        let model = AuthorizationModel(roles: [secretsReader], bindings: [rb, crb])
        let result = model.whoCan(get("secrets", ns: "team"))
        let subjects = result.map(\.subject.description)
        XCTAssertEqual(subjects, ["Group system:authenticated", "Group system:masters", "ServiceAccount team/app", "User alice", "User system:kube-controller-manager"])
        let authenticated = result[0]
        XCTAssertEqual(authenticated.audience, .allAuthenticated)
        XCTAssertEqual(authenticated.evidence[0].steps.map(\.origin), [at(20), at(24), at(1), at(3)])
        XCTAssertTrue(result[1].evidence[0].isBuiltIn)
        XCTAssertEqual(model.whoCan(get("secrets", ns: "other")).map(\.subject.description), ["Group system:masters", "User alice", "User system:kube-controller-manager"])
        let anywhere = model.whoCan(get("secrets"), anyNamespace: true)
        XCTAssertEqual(anywhere.first { $0.subject.name == "app" }?.evidence.map(\.scope), ["team"])
        XCTAssertEqual(model.whoCan(AccessRequest(verb: "get", path: "/version")).map(\.subject.name), ["system:authenticated", "system:masters", "system:unauthenticated"])
    }
}
