import Engine
import Foundation
@testable import Policies
import XCTest

/// The built-in policies through the same generic mechanism as the Swift rules' examples.
final class BuiltinPoliciesTests: XCTestCase {
    func findings(of rule: any Rule, in yaml: String) -> [Finding] {
        var options = CheckOptions()
        options.selection.only = [rule.metadata.id, PolicyErrorRule.id]
        return Checker(rules: BuiltinPolicies.all, options: options)
            .check([SourceInput(name: "example.yaml", bytes: Array(yaml.utf8))]).findings
    }

    func testAtLeastFiveBuiltInPoliciesWithExamplesBothWays() {
        let rules = BuiltinPolicies.all.filter { $0.metadata.id != PolicyErrorRule.id }
        XCTAssertGreaterThanOrEqual(rules.count, 5)
        for rule in rules {
            let m = rule.metadata
            XCTAssertFalse(m.triggering.isEmpty, "\(m.id) has no triggering example")
            XCTAssertFalse(m.nonTriggering.isEmpty, "\(m.id) has no non-triggering example")
            XCTAssertFalse(m.rationale.isEmpty || m.remediation.isEmpty || m.summary.isEmpty, "\(m.id) metadata incomplete")
        }
        XCTAssertEqual(BuiltinPolicies.all.last?.metadata.id, PolicyErrorRule.id)
    }

    func testTriggeringExamplesTriggerAndOthersStayQuiet() {
        for rule in BuiltinPolicies.all {
            let id = rule.metadata.id
            for (i, example) in rule.metadata.triggering.enumerated() {
                let found = findings(of: rule, in: example.yaml)
                XCTAssertEqual(found.filter { $0.ruleID == id }.count, 1, "\(id) fail example \(i + 1): \(summary(found))")
                XCTAssertEqual(found.filter { $0.ruleID == PolicyErrorRule.id }.map(\.message), [], id)
            }
            for (i, example) in rule.metadata.nonTriggering.enumerated() {
                let found = findings(of: rule, in: example.yaml)
                XCTAssertEqual(summary(found), [], "\(id) pass example \(i + 1)")
            }
        }
    }

    func testIDsDoNotCollideWithSwiftRules() throws {
        // The Swift rules are not visible from here without Rules; the lead wires both; check the
        // ids against the naming scheme instead: every policy rule id is `policy/rule`.
        for id in BuiltinPolicies.policies.ruleIDs { XCTAssertTrue(id.contains("/"), id) }
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
        XCTAssertEqual(summary(check(BuiltinPolicies.policies, yaml, only: ["gpu-workloads/gpu-toleration"])), [
            "1:1 gpu-workloads/gpu-toleration info container trainer requests nvidia.com/gpu but the pod has no toleration for the nvidia.com/gpu taint",
        ])
    }
}
