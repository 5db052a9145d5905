import XCTest
@testable import KubeFormats

final class LabelSelectorTests: XCTestCase {
    let pod = ["app": "web", "tier": "frontend", "env": "prod"]

    func testMatching() {
        XCTAssertTrue(LabelSelector().matches(labels: pod))
        XCTAssertTrue(LabelSelector().matches(labels: [:]))
        XCTAssertFalse(LabelSelector().matches(labels: pod, emptyMatches: false))
        XCTAssertTrue(LabelSelector(matchLabels: ["app": "web"]).matches(labels: pod))
        XCTAssertFalse(LabelSelector(matchLabels: ["app": "web", "env": "dev"]).matches(labels: pod))
        XCTAssertFalse(LabelSelector(matchLabels: ["missing": ""]).matches(labels: pod))

        func expr(_ r: LabelSelector.Requirement) -> LabelSelector { LabelSelector(matchExpressions: [r]) }
        XCTAssertTrue(expr(.init(key: "env", .in, ["prod", "staging"])).matches(labels: pod))
        XCTAssertFalse(expr(.init(key: "env", .in, ["dev"])).matches(labels: pod))
        XCTAssertFalse(expr(.init(key: "zone", .in, ["a"])).matches(labels: pod))
        XCTAssertTrue(expr(.init(key: "env", .notIn, ["dev"])).matches(labels: pod))
        XCTAssertFalse(expr(.init(key: "env", .notIn, ["prod"])).matches(labels: pod))
        XCTAssertTrue(expr(.init(key: "zone", .notIn, ["a"])).matches(labels: pod))   // absent key matches NotIn
        XCTAssertTrue(expr(.init(key: "tier", .exists)).matches(labels: pod))
        XCTAssertFalse(expr(.init(key: "zone", .exists)).matches(labels: pod))
        XCTAssertTrue(expr(.init(key: "zone", .doesNotExist)).matches(labels: pod))
        XCTAssertFalse(expr(.init(key: "app", .doesNotExist)).matches(labels: pod))
        XCTAssertFalse(expr(.init(key: "app", operator: "in", values: ["web"])).matches(labels: pod))

        let both = LabelSelector(matchLabels: ["app": "web"],
                                 matchExpressions: [.init(key: "env", .in, ["prod"]), .init(key: "canary", .doesNotExist)])
        XCTAssertTrue(both.matches(labels: pod))
        XCTAssertFalse(both.matches(labels: pod.merging(["canary": "true"]) { a, _ in a }))
    }

    func testValidation() {
        XCTAssertEqual(LabelSelector(matchLabels: ["app": "web"]).validate(), [])
        let bad = LabelSelector(
            matchLabels: ["bad key": "v", "ok": "bad value"],
            matchExpressions: [
                .init(key: "a", .in, []),
                .init(key: "b", .exists, ["x"]),
                .init(key: "c", operator: "in", values: ["x"]),
                .init(key: "d", operator: "Like", values: ["x"]),
                .init(key: "-e", .notIn, ["ok", "-bad"]),
            ])
        let issues = bad.validate()
        let summary = issues.map { "\($0.path) \($0.issue.code)" }
        XCTAssertEqual(summary, [
            "matchLabels[bad key] name.invalid-character",
            "matchLabels[ok] name.invalid-character",
            "matchExpressions[0].values selector.values-required",
            "matchExpressions[1].values selector.values-forbidden",
            "matchExpressions[2].operator selector.unknown-operator",
            "matchExpressions[3].operator selector.unknown-operator",
            "matchExpressions[4].key name.bad-edge",
            "matchExpressions[4].values[1] name.bad-edge",
        ])
        XCTAssertTrue(issues[4].issue.message.contains("did you mean 'In'"), issues[4].issue.message)
        XCTAssertEqual(issues[1].issue.offset, 3)
    }
}
