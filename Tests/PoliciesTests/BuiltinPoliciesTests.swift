import Engine
import Foundation
@testable import Policies
import XCTest

/// The built-in policies through the same generic mechanism as the Swift rules' examples.
final class BuiltinPoliciesTests: XCTestCase {
    func testAtLeastFiveBuiltInPoliciesWithExamplesBothWays() {
        let rules = BuiltinPolicies.all.filter { $0.metadata.id != PolicyErrorRule.id }
        XCTAssertGreaterThanOrEqual(rules.count, 5)
        for rule in rules {
            let m = rule.metadata
            XCTAssertFalse(m.triggering.isEmpty, "\(m.id) has no triggering example")
            XCTAssertFalse(m.nonTriggering.isEmpty, "\(m.id) has no non-triggering example")
            XCTAssertFalse(m.rationale.isEmpty || m.remediation.isEmpty || m.summary.isEmpty, "\(m.id) metadata incomplete")
            // The generic RuleExamplesTests runs the examples; here: each says where its finding is.
            for (i, example) in m.triggering.enumerated() {
                XCTAssertFalse(example.positions.isEmpty, "\(m.id) fail example \(i + 1) gives no position (at:)")
            }
        }
        XCTAssertEqual(BuiltinPolicies.all.last?.metadata.id, PolicyErrorRule.id)
    }

    /// Built-in rules keep the bare ids of the Swift rules they replaced; the same file loaded
    /// as a user policy gets `policy-name/rule-id`, so it never collides with the built-ins.
    func testBuiltinIDsAreBareAndUserIDsQualified() throws {
        let ids = BuiltinPolicies.policies.ruleIDs
        XCTAssertTrue(ids.contains("job-missing-ttl"), "\(ids)")
        for id in ids { XCTAssertFalse(id.contains("/"), id) }
        let source = try XCTUnwrap(BuiltinPolicies.sources.first { $0.file == "policies/jobs.yaml" })
        let user = try PolicyLoader.load(text: source.text, file: "team/jobs.yaml")
        XCTAssertEqual(user.ruleIDs.first, "jobs/job-missing-ttl")
        XCTAssertNoThrow(try BuiltinPolicies.policies.merging(user))
        // Two built-in policies with the same rule id cannot ship.
        let again = try PolicyLoader.load(text: source.text, file: "policies/jobs-copy.yaml", builtin: true)
        XCTAssertThrowsError(try BuiltinPolicies.policies.merging(again))
        // policy-error is reserved.
        let reserved = """
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          rules:
          - {id: policy-error, expression: "true", message: m}
        """
        XCTAssertThrowsError(try PolicyLoader.load(text: reserved, file: "p.yaml", builtin: true))
    }

    /// `scripts/embed-policies.sh` must have been run after editing `policies/`.
    func testEmbeddedSourcesMatchPolicyFolder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("policies")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(BuiltinPolicies.sources.map(\.file), names.map { "policies/" + $0 },
                       "run scripts/embed-policies.sh")
        for source in BuiltinPolicies.sources {
            let text = try String(contentsOf: root.appendingPathComponent(source.file), encoding: .utf8)
            XCTAssertEqual(source.text + "\n", text, "\(source.file) changed: run scripts/embed-policies.sh")
        }
    }

    func testMessagesNameTheContainer() {
        let yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: a}
        spec:
          containers:
          - {name: ok, image: "nginx:1.27"}
          - {name: trainer, image: "trainer:1.0", resources: {limits: {nvidia.com/gpu: 2}}}
        """
        XCTAssertEqual(summary(check(BuiltinPolicies.policies, yaml, only: ["gpu-toleration"])), [
            "1:1 gpu-toleration info container trainer requests nvidia.com/gpu but the pod has no toleration for the nvidia.com/gpu taint",
        ])
    }
}
