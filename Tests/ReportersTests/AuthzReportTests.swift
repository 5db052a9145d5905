import Authz
import Foundation
import Reporters
import XCTest

/// Text and JSON of `who-can`, `can-i`, `rbac report` and `abac to-rbac` on a small model built in code.
final class AuthzReportTests: XCTestCase {
    static func origin(_ line: Int) -> Origin { Origin(file: "rbac.yaml", line: line, column: 1) }

    static let model: AuthorizationModel = {
        let reader = RBACRole.clusterRole("secret-reader", rules: [
            PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["secrets"], origin: Origin(file: "rbac.yaml", line: 6, column: 3)),
        ], origin: origin(1))
        let binding = RBACBinding.clusterRoleBinding(
            "trainer-reads-secrets", clusterRole: "secret-reader",
            subjects: [.serviceAccount("trainer", namespace: "ml-prod", origin: Origin(file: "rbac.yaml", line: 15, column: 3))],
            origin: origin(11))
        let abac = ABACPolicy(user: "alice", apiGroup: "*", namespace: "*", resource: "*",
                              origin: Origin(file: "policy.jsonl", line: 2, column: 1))
        return AuthorizationModel(roles: [reader], bindings: [binding], abacPolicies: [abac])
    }()

    static let request = AccessRequest.parse(verb: "get", resource: "secrets", namespace: "ml-prod")

    func testWhoCanText() {
        let result = WhoCanResult(request: Self.request, anyNamespace: false, subjects: Self.model.whoCan(Self.request), showBuiltIn: false)
        XCTAssertEqual(AuthzText.whoCan(result), """
            Who can get secrets in namespace ml-prod: 2 subjects (and 2 only through built-in bindings such as system:masters; --show-built-in lists them)

            ServiceAccount ml-prod/trainer
              via RBAC, cluster-wide:
                rbac.yaml:11: ClusterRoleBinding trainer-reads-secrets
                rbac.yaml:15: subject ServiceAccount ml-prod/trainer
                rbac.yaml:1: ClusterRole secret-reader
                rbac.yaml:6: rule verbs=[get,list] apiGroups=[""] resources=[secrets]

            User alice
              via ABAC, cluster-wide:
                policy.jsonl:2: ABAC line 2 (v1beta1): user=alice namespace=* resource=* apiGroup=*

            """)
        let all = WhoCanResult(request: Self.request, anyNamespace: false, subjects: Self.model.whoCan(Self.request), showBuiltIn: true)
        XCTAssertTrue(AuthzText.whoCan(all).contains("Group system:masters"))
        XCTAssertTrue(AuthzText.whoCan(all).contains("built-in: ClusterRole cluster-admin"))
    }

    func testWhoCanJSONIsDeterministicAndValid() throws {
        let result = WhoCanResult(request: Self.request, anyNamespace: false, subjects: Self.model.whoCan(Self.request), showBuiltIn: false)
        let json = AuthzJSON.whoCan(result)
        XCTAssertEqual(json, AuthzJSON.whoCan(result))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let subjects = try XCTUnwrap(object["subjects"] as? [[String: Any]])
        XCTAssertEqual(subjects.count, 2)
        XCTAssertEqual((subjects[0]["subject"] as? [String: Any])?["name"] as? String, "trainer")
        XCTAssertEqual(object["builtInSubjectsHidden"] as? Int, 2)
        XCTAssertTrue(json.hasPrefix("{\n  \"request\": {\n    \"verb\": \"get\",\n    \"apiGroup\": \"\",\n    \"resource\": \"secrets\""), json)
        XCTAssertTrue(json.contains("\"origin\": {\n                \"file\": \"rbac.yaml\",\n                \"line\": 11,"), json)
    }

    func testCanIYesAndNo() throws {
        let yes = Self.model.authorize(Self.request, user: .impersonating("system:serviceaccount:ml-prod:trainer"))
        XCTAssertTrue(AuthzText.canI(yes).hasPrefix("yes: system:serviceaccount:ml-prod:trainer (groups: system:serviceaccounts, system:serviceaccounts:ml-prod, system:authenticated) may get secrets in namespace ml-prod\n  via RBAC, cluster-wide:\n    rbac.yaml:11: ClusterRoleBinding trainer-reads-secrets\n"))
        let no = Self.model.authorize(Self.request, user: .impersonating("bob", groups: ["ml-team"]))
        XCTAssertEqual(AuthzText.canI(no), "no: nothing in these manifests or the built-in roles allows bob (groups: ml-team, system:authenticated) to get secrets in namespace ml-prod\n")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(AuthzJSON.canI(no).utf8)) as? [String: Any])
        XCTAssertEqual(json["allowed"] as? Bool, false)
        XCTAssertEqual((json["user"] as? [String: Any])?["groups"] as? [String], ["ml-team", "system:authenticated"])
        XCTAssertTrue(AuthzJSON.canI(yes).hasPrefix("{\n  \"allowed\": true,\n"))
    }

    func testReportTableSortedByRisk() throws {
        let report = SubjectReport.build(Self.model)
        XCTAssertEqual(AuthzText.report(report), """
            RISK  SUBJECT                         SEVERITY  PERMISSION                  SCOPE         EVIDENCE
             300  User alice                      error     all verbs on all resources  cluster-wide  policy.jsonl:2
              30  ServiceAccount ml-prod/trainer  error     read Secrets                cluster-wide  rbac.yaml:11
            2 subjects with sensitive permissions

            """)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(AuthzJSON.report(report).utf8)) as? [String: Any])
        let rows = try XCTUnwrap(json["subjects"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["risk"] as? Int }, [300, 30])
        XCTAssertEqual(AuthzText.report(SubjectReport.build(AuthorizationModel())), "No subject holds a sensitive permission through these manifests.\n")
    }

    func testConversionJSON() throws {
        let conversion = ABACToRBAC.convert(Self.model.abacPolicies)
        let text = AuthzJSON.conversion(conversion, diagnostics: [])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["roles"] as? Int, 1)
        XCTAssertEqual(json["bindings"] as? Int, 1)
        XCTAssertEqual(json["yaml"] as? String, conversion.yaml)
    }

    func testDescribeRequests() {
        XCTAssertEqual(AuthzText.describe(AccessRequest(verb: "get", path: "/metrics")), "get /metrics")
        XCTAssertEqual(AuthzText.describe(.parse(verb: "get", resource: "nodes/proxy")), "get nodes/proxy (cluster-scoped)")
        XCTAssertEqual(AuthzText.describe(.parse(verb: "create", resource: "jobs", namespace: "ml-prod")), "create jobs (batch) in namespace ml-prod")
    }
}
