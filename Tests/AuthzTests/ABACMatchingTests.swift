import XCTest
@testable import Authz

final class ABACMatchingTests: XCTestCase {
    func policy(_ json: String) -> ABACPolicy {
        let line = #"{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":"# + json + "}"
        let result = ABACPolicyFile.parse(bytes: Array(line.utf8), file: "p")
        XCTAssertEqual(result.diagnostics, [])
        return result.policies[0]
    }

    func legacy(_ json: String) -> ABACPolicy {
        ABACPolicyFile.parse(bytes: Array(json.utf8), file: "p").policies[0]
    }

    func testReadonlyAllowsOnlyGetListWatch() {
        let p = policy(#"{"user":"alice","readonly":true,"namespace":"*","resource":"*","apiGroup":"*"}"#)
        for verb in ["get", "list", "watch"] { XCTAssertTrue(p.allows(get("pods", ns: "a", verb: verb), user: alice)) }
        for verb in ["create", "update", "patch", "delete", "deletecollection", "proxy"] {
            XCTAssertFalse(p.allows(get("pods", ns: "a", verb: verb), user: alice))
        }
        let all = policy(#"{"user":"alice","namespace":"*","resource":"*","apiGroup":"*"}"#)
        XCTAssertTrue(all.allows(get("pods", ns: "a", verb: "escalate"), user: alice))
    }

    func testStarMatchesAnything() {
        let p = policy(#"{"user":"alice","namespace":"*","resource":"*","apiGroup":"*"}"#)
        XCTAssertTrue(p.allows(get("nodes"), user: alice), "namespace * includes cluster-scoped requests")
        XCTAssertTrue(p.allows(get("widgets", group: "example.com", ns: "x"), user: alice))
        XCTAssertFalse(p.allows(AccessRequest(verb: "get", path: "/version"), user: alice), "no nonResourcePath")
        XCTAssertFalse(p.allows(get("pods", ns: "a"), user: bob))
    }

    func testOmittedFieldsMatchOnlyEmpty() {
        let p = policy(#"{"user":"alice","resource":"nodes"}"#)
        XCTAssertTrue(p.allows(get("nodes"), user: alice), "no namespace: cluster-scoped requests")
        XCTAssertFalse(p.allows(get("nodes", ns: "a"), user: alice))
        XCTAssertFalse(p.allows(get("nodes", group: "metrics.k8s.io"), user: alice), "no apiGroup: core group only")
        let pods = policy(#"{"user":"alice","resource":"pods"}"#)
        XCTAssertFalse(pods.allows(get("pods", ns: "a"), user: alice))
        XCTAssertTrue(pods.allows(get("pods", verb: "list"), user: alice), "all-namespace list has namespace \"\"")
        let apps = policy(#"{"user":"alice","namespace":"a","resource":"deployments","apiGroup":"apps"}"#)
        XCTAssertTrue(apps.allows(get("deployments", group: "apps", ns: "a"), user: alice))
        XCTAssertFalse(apps.allows(get("deployments", group: "extensions", ns: "a"), user: alice))
        XCTAssertFalse(apps.allows(get("deployments", group: "apps", ns: "b"), user: alice))
    }

    func testStarSubjectMeansAllAuthenticated() {
        for p in [policy(#"{"user":"*","namespace":"*","resource":"pods"}"#), policy(#"{"group":"*","namespace":"*","resource":"pods"}"#)] {
            XCTAssertEqual(p.effective.group, "system:authenticated")
            XCTAssertTrue(p.allows(get("pods", ns: "a"), user: bob))
            XCTAssertTrue(p.allows(get("pods", ns: "a"), user: .serviceAccount(namespace: "a", name: "b")))
            XCTAssertFalse(p.allows(get("pods", ns: "a"), user: .anonymous))
        }
        let anon = policy(#"{"group":"system:unauthenticated","namespace":"*","resource":"pods"}"#)
        XCTAssertTrue(anon.allows(get("pods", ns: "a"), user: .anonymous))
        XCTAssertFalse(anon.allows(get("pods", ns: "a"), user: bob))
    }

    func testUserAndGroupMustBothMatch() {
        let p = policy(#"{"user":"alice","group":"dev","namespace":"*","resource":"pods"}"#)
        XCTAssertTrue(p.allows(get("pods", ns: "a"), user: alice))
        XCTAssertFalse(p.allows(get("pods", ns: "a"), user: .user("alice")))
        XCTAssertFalse(p.allows(get("pods", ns: "a"), user: .user("carol", groups: ["dev"])))
    }

    func testSubresourcesAreIgnored() {
        let p = policy(#"{"user":"alice","namespace":"*","resource":"pods"}"#)
        XCTAssertTrue(p.allows(get("pods/exec", ns: "a", verb: "create"), user: alice))
        XCTAssertTrue(p.allows(get("pods/log", ns: "a"), user: alice))
        XCTAssertFalse(p.allows(get("services/proxy", ns: "a"), user: alice))
    }

    func testNonResourcePath() {
        let p = policy(#"{"user":"alice","nonResourcePath":"/foo/*"}"#)
        XCTAssertTrue(p.allows(AccessRequest(verb: "get", path: "/foo/"), user: alice))
        XCTAssertTrue(p.allows(AccessRequest(verb: "post", path: "/foo/a/b"), user: alice))
        XCTAssertFalse(p.allows(AccessRequest(verb: "get", path: "/foo"), user: alice))
        XCTAssertFalse(p.allows(AccessRequest(verb: "get", path: "/foobar"), user: alice))
        XCTAssertFalse(p.allows(get("pods", ns: "a"), user: alice))
        let exact = policy(#"{"user":"alice","nonResourcePath":"/version","readonly":true}"#)
        XCTAssertTrue(exact.allows(AccessRequest(verb: "get", path: "/version"), user: alice))
        XCTAssertFalse(exact.allows(AccessRequest(verb: "post", path: "/version"), user: alice))
        XCTAssertFalse(exact.allows(AccessRequest(verb: "get", path: "/version/"), user: alice))
        let star = policy(#"{"user":"alice","nonResourcePath":"*"}"#)
        XCTAssertTrue(star.allows(AccessRequest(verb: "get", path: "/anything"), user: alice))
    }

    func testLegacyDefaults() {
        let everything = legacy("{}")
        XCTAssertEqual(everything.effective, ABACRule(user: "", group: "system:authenticated", readonly: false, apiGroup: "*", namespace: "*", resource: "*", nonResourcePath: "*"))
        XCTAssertTrue(everything.allows(get("secrets", group: "x", ns: "a", verb: "delete"), user: bob))
        XCTAssertTrue(everything.allows(AccessRequest(verb: "post", path: "/x"), user: bob))
        XCTAssertFalse(everything.allows(get("secrets", ns: "a"), user: .anonymous))
        let bobRO = legacy(#"{"user":"bob","readonly":true,"namespace":"projectCaribou"}"#)
        XCTAssertTrue(bobRO.allows(get("pods", ns: "projectCaribou"), user: bob))
        XCTAssertTrue(bobRO.allows(get("deployments", group: "apps", ns: "projectCaribou"), user: bob), "legacy lines cover every API group")
        XCTAssertFalse(bobRO.allows(get("pods", ns: "other"), user: bob))
        XCTAssertFalse(bobRO.allows(AccessRequest(verb: "get", path: "/version"), user: bob), "a namespace disables the implicit path *")
        XCTAssertFalse(bobRO.allows(get("pods", ns: "projectCaribou"), user: alice))
        let star = legacy(#"{"user":"*","resource":"pods"}"#)
        XCTAssertEqual(star.effective.group, "system:authenticated")
        XCTAssertEqual(star.effective.user, "")
        XCTAssertTrue(star.allows(get("pods", ns: "any"), user: bob))
    }

    func testV1beta1WithoutSubjectMatchesNobody() {
        let p = policy(#"{"namespace":"*","resource":"*","apiGroup":"*","nonResourcePath":"*"}"#)
        XCTAssertFalse(p.effective.canEverMatch)
        for user in [alice, bob, .anonymous, .serviceAccount(namespace: "a", name: "b")] {
            XCTAssertFalse(p.allows(get("pods", ns: "a"), user: user))
            XCTAssertFalse(p.allows(AccessRequest(verb: "get", path: "/"), user: user))
        }
    }

    func testModelWhoCanAndCanIWithABAC() {
        let text = """
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"system:serviceaccount:kube-system:default","namespace":"*","resource":"*","apiGroup":"*"}}
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"alice","group":"dev","namespace":"team","resource":"pods"}}
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"group":"*","readonly":true,"nonResourcePath":"*"}}
        """
        let policies = ABACPolicyFile.parse(bytes: Array(text.utf8), file: "abac.jsonl").policies
        let model = AuthorizationModel(abacPolicies: policies, includeBuiltIns: false)
        let exec = get("pods/exec", ns: "team", verb: "create")
        let who = model.whoCan(exec)
        XCTAssertEqual(who.map(\.subject.description), ["ServiceAccount kube-system/default", "User alice"])
        XCTAssertEqual(who[1].requiredGroup, "dev")
        XCTAssertEqual(who[1].evidence[0].steps[0].origin, Origin(file: "abac.jsonl", line: 2, column: 1))
        let decision = model.authorize(exec, user: .serviceAccount(namespace: "kube-system", name: "default"))
        XCTAssertTrue(decision.allowed)
        XCTAssertEqual(decision.evidence.map(\.authorizer), [.abac])
        XCTAssertFalse(model.authorize(exec, user: .user("alice")).allowed)
        let version = model.whoCan(AccessRequest(verb: "get", path: "/version"))
        XCTAssertEqual(version.map(\.subject.description), ["Group system:authenticated"], "the SA line has no nonResourcePath")
        XCTAssertEqual(version.first?.audience, .allAuthenticated)
    }
}
