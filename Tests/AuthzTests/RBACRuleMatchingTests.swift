import XCTest
@testable import Authz

final class RBACRuleMatchingTests: XCTestCase {
    func testStarVerbsGroupsResources() {
        let r = rule(["*"], ["*"], ["*"])
        XCTAssertTrue(r.allows(get("pods", ns: "a")))
        XCTAssertTrue(r.allows(get("deployments/scale", group: "apps", ns: "a", verb: "update")))
        XCTAssertTrue(r.allows(get("anything", group: "example.com", verb: "frobnicate")))
        XCTAssertFalse(r.allows(AccessRequest(verb: "get", path: "/healthz")), "resource rules never match URLs")
    }

    func testVerbAndGroupMustMatch() {
        let r = rule(["get", "list"], [""], ["pods"])
        XCTAssertTrue(r.allows(get("pods", ns: "a")))
        XCTAssertFalse(r.allows(get("pods", ns: "a", verb: "delete")))
        XCTAssertFalse(r.allows(get("pods", group: "metrics.k8s.io", ns: "a")))
        XCTAssertTrue(rule(["get"], ["*"], ["pods"]).allows(get("pods", group: "metrics.k8s.io")))
    }

    func testResourceComparedWithSubresource() {
        let r = rule(["create"], [""], ["pods"])
        XCTAssertTrue(r.allows(get("pods", ns: "a", verb: "create")))
        XCTAssertFalse(r.allows(get("pods/exec", ns: "a", verb: "create")), "pods does not cover pods/exec")
        XCTAssertTrue(rule(["create"], [""], ["pods/exec"]).allows(get("pods/exec", ns: "a", verb: "create")))
        XCTAssertFalse(rule(["create"], [""], ["pods/exec"]).allows(get("pods", ns: "a", verb: "create")))
    }

    func testStarSlashSubresourceMatchesAnyResourcesSubresource() {
        let r = rule(["update"], ["*"], ["*/scale"])
        XCTAssertTrue(r.allows(get("deployments/scale", group: "apps", ns: "a", verb: "update")))
        XCTAssertTrue(r.allows(get("replicationcontrollers/scale", ns: "a", verb: "update")))
        XCTAssertFalse(r.allows(get("deployments", group: "apps", ns: "a", verb: "update")))
        XCTAssertFalse(r.allows(get("deployments/status", group: "apps", ns: "a", verb: "update")))
    }

    func testSubresourceWildcardsAreLiterals() {
        let podsStar = rule(["*"], [""], ["pods/*"])
        XCTAssertFalse(podsStar.allows(get("pods/exec", ns: "a", verb: "create")))
        XCTAssertFalse(podsStar.allows(get("pods/log", ns: "a")))
        XCTAssertFalse(podsStar.allows(get("pods", ns: "a")))
        let starStar = rule(["*"], ["*"], ["*/*"])
        XCTAssertFalse(starStar.allows(get("pods/exec", ns: "a", verb: "create")))
        XCTAssertFalse(starStar.allows(get("pods", ns: "a")))
        // Only a request whose subresource is literally "*" matches, as a literal.
        XCTAssertTrue(podsStar.allows(get("pods/*", ns: "a")))
    }

    func testResourceNames() {
        let any = rule(["get"], [""], ["secrets"])
        XCTAssertTrue(any.allows(get("secrets", ns: "a", name: "x")))
        XCTAssertTrue(any.allows(get("secrets", ns: "a")))
        let named = rule(["get", "list", "create"], [""], ["secrets"], names: ["x"])
        XCTAssertTrue(named.allows(get("secrets", ns: "a", name: "x")))
        XCTAssertFalse(named.allows(get("secrets", ns: "a", name: "y")))
        XCTAssertFalse(named.allows(get("secrets", ns: "a", verb: "list")), "a list has no name")
        XCTAssertFalse(named.allows(get("secrets", ns: "a", verb: "create")), "a create has no name")
    }

    func testNonResourceURLs() {
        let r = urlRule(["get"], ["/healthz", "/apis/*"])
        XCTAssertTrue(r.allows(AccessRequest(verb: "get", path: "/healthz")))
        XCTAssertFalse(r.allows(AccessRequest(verb: "get", path: "/healthz/ready")), "exact match only without *")
        XCTAssertTrue(r.allows(AccessRequest(verb: "get", path: "/apis/")))
        XCTAssertTrue(r.allows(AccessRequest(verb: "get", path: "/apis/apps/v1")))
        XCTAssertFalse(r.allows(AccessRequest(verb: "get", path: "/apis")))
        XCTAssertFalse(r.allows(AccessRequest(verb: "post", path: "/healthz")))
        XCTAssertFalse(r.allows(get("pods", ns: "a")), "URL rules never match resources")
        XCTAssertTrue(urlRule(["*"], ["*"]).allows(AccessRequest(verb: "delete", path: "/anything")))
        XCTAssertTrue(urlRule(["get"], ["/api*"]).allows(AccessRequest(verb: "get", path: "/api2/foo")), "prefix, not path segment")
    }

    func testLabelSelector() {
        let sel = LabelSelector(matchLabels: ["a": "1"], matchExpressions: [
            .init(key: "b", operator: "In", values: ["x", "y"]),
            .init(key: "c", operator: "DoesNotExist"),
        ])
        XCTAssertTrue(sel.matches(["a": "1", "b": "x"]))
        XCTAssertFalse(sel.matches(["a": "1", "b": "z"]))
        XCTAssertFalse(sel.matches(["a": "1", "b": "x", "c": ""]))
        XCTAssertFalse(sel.matches(["b": "x"]))
        XCTAssertTrue(LabelSelector().matches([:]), "an empty selector matches everything")
        XCTAssertTrue(LabelSelector(matchExpressions: [.init(key: "k", operator: "NotIn", values: ["v"])]).matches([:]))
        XCTAssertTrue(LabelSelector(matchExpressions: [.init(key: "k", operator: "Exists")]).matches(["k": ""]))
        XCTAssertFalse(LabelSelector(matchExpressions: [.init(key: "k", operator: "Bogus")]).matches(["k": ""]))
    }

    func testIdentities() {
        let sa = UserInfo.serviceAccount(namespace: "ns", name: "app")
        XCTAssertEqual(sa.name, "system:serviceaccount:ns:app")
        XCTAssertEqual(Set(sa.groups), ["system:serviceaccounts", "system:serviceaccounts:ns", "system:authenticated"])
        XCTAssertEqual(UserInfo.anonymous.name, "system:anonymous")
        XCTAssertEqual(UserInfo.anonymous.groups, ["system:unauthenticated"])
        XCTAssertEqual(UserInfo.user("x").groups, ["system:authenticated"])
        XCTAssertEqual(UserInfo.impersonating("system:serviceaccount:ns:app"), sa)
        XCTAssertEqual(UserInfo.impersonating("system:anonymous"), .anonymous)
        XCTAssertEqual(UserInfo.impersonating("x", groups: ["g"]).groups, ["g", "system:authenticated"])
        XCTAssertNil(Identity.splitServiceAccountUsername("system:serviceaccount:ns"))
        XCTAssertNil(Identity.splitServiceAccountUsername("system:serviceaccount:a:b:c"))
        XCTAssertEqual(SubjectRef.user("system:serviceaccount:kube-system:default"), .serviceAccount(namespace: "kube-system", name: "default"))
    }
}
