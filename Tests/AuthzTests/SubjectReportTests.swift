import XCTest
@testable import Authz

final class SubjectReportTests: XCTestCase {
    func testReportSortedByRiskWithScopes() {
        let secrets = RBACRole.clusterRole("secrets", rules: [rule(["get"], [""], ["secrets"], line: 2)], origin: at(1))
        let bindings = [
            RBACBinding.roleBinding("a", namespace: "b-ns", roleRef: RoleRef(kind: "ClusterRole", name: "secrets"), subjects: [.user("alice")], origin: at(10)),
            RBACBinding.roleBinding("a", namespace: "a-ns", roleRef: RoleRef(kind: "ClusterRole", name: "secrets"), subjects: [.user("alice")], origin: at(20)),
            RBACBinding.clusterRoleBinding("ops", clusterRole: "edit", subjects: [.group("ops")], origin: at(30)),
            RBACBinding.clusterRoleBinding("pods", clusterRole: "view", subjects: [.user("viewer")], origin: at(40)),
        ]
        let abac = ABACPolicyFile.parse(bytes: Array(#"{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"root","namespace":"*","resource":"*","apiGroup":"*"}}"#.utf8), file: "abac.jsonl").policies
        let report = SubjectReport.build(AuthorizationModel(roles: [secrets], bindings: bindings, abacPolicies: abac))
        XCTAssertEqual(report.rows.map(\.subject.description), ["User root", "Group ops", "User alice"], "cluster-admin outranks any combination")
        XCTAssertEqual(report.rows[0].entries.map(\.permission), ["cluster-admin-equivalent"])
        let alice = report.rows[2]
        XCTAssertEqual(alice.entries.count, 1)
        XCTAssertFalse(alice.entries[0].clusterWide)
        XCTAssertEqual(alice.entries[0].namespaces, ["a-ns", "b-ns"])
        XCTAssertEqual(alice.entries[0].evidence.map(\.origin), [at(10), at(20)])
        XCTAssertTrue(report.rows[1].entries.allSatisfy(\.clusterWide))
        XCTAssertTrue(report.rows[1].entries.contains { $0.permission == "secret-read" })
        XCTAssertTrue(report.description.contains("User alice (risk 3)"), report.description)
        XCTAssertFalse(SubjectReport.build(AuthorizationModel(), includeBuiltInBindings: false).rows.contains { _ in true })
        XCTAssertEqual(SubjectReport.build(AuthorizationModel(), includeBuiltInBindings: true).rows.first?.subject, .group("system:masters"))
    }
}
