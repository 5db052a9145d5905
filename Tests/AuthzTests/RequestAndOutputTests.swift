import Foundation
import XCTest
@testable import Authz

final class RequestAndOutputTests: XCTestCase {
    func testParseRequest() {
        XCTAssertEqual(AccessRequest.parse(verb: "create", resource: "pods/exec", namespace: "a"),
                       AccessRequest(verb: "create", resource: "pods", subresource: "exec", namespace: "a"))
        XCTAssertEqual(AccessRequest.parse(verb: "get", resource: "deployments").apiGroup, "apps")
        XCTAssertEqual(AccessRequest.parse(verb: "get", resource: "widgets", apiGroup: "example.com").apiGroup, "example.com")
        XCTAssertEqual(AccessRequest.parse(verb: "get", resource: "widgets").apiGroup, "")
        XCTAssertEqual(AccessRequest.parse(verb: "delete", resource: "namespaces", name: "prod").namespace, "prod")
        XCTAssertTrue(AccessRequest.parse(verb: "get", resource: "nodes").isClusterScopedResource)
        XCTAssertEqual(AccessRequest.parse(verb: "get", resource: "secrets", namespace: "a", name: "x").description, "get secrets named x in namespace a")
    }

    func testTextAndJSONOutput() throws {
        let rb = RBACBinding.roleBinding("rb", namespace: "team", roleRef: RoleRef(kind: "ClusterRole", name: "edit"), subjects: [.group("dev", origin: at(9))], origin: at(1))
        let model = AuthorizationModel(bindings: [rb])
        let decision = model.authorize(.parse(verb: "get", resource: "secrets", namespace: "team"), user: alice)
        XCTAssertEqual(decision.description, """
        yes
          RoleBinding team/rb (rbac.yaml:1:1) → subject Group dev (alice is a member) (rbac.yaml:9:1) → ClusterRole edit (built-in) → aggregated from ClusterRole system:aggregate-to-edit (built-in) → rule verbs=[get,list,watch] apiGroups=[""] resources=[pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy] (built-in)
        """)
        XCTAssertTrue(model.authorize(.parse(verb: "get", resource: "secrets", namespace: "x"), user: alice).description.hasPrefix("no:"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(decision), as: UTF8.self)
        XCTAssertTrue(json.contains(#""authorizer":"RBAC""#), json)
        XCTAssertTrue(json.contains(#""allowed":true"#), json)
        let whoJSON = String(decoding: try encoder.encode(model.whoCan(AccessRequest(verb: "get", path: "/version"))), as: UTF8.self)
        XCTAssertTrue(whoJSON.contains(#""audience":"allAuthenticated""#), whoJSON)
        _ = try encoder.encode(SubjectReport.build(model))
        _ = try encoder.encode(RiskAnalysis(model: model).issues())
        let who = model.whoCan(.parse(verb: "get", resource: "secrets", namespace: "team"))
        XCTAssertTrue(who.map(\.description).joined().contains("Group dev"))
        XCTAssertTrue(model.whoCan(AccessRequest(verb: "get", path: "/version")).first!.description.contains("[every authenticated user]"))
    }
}
