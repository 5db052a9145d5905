import Engine
import RuleCatalogue
import XCTest

/// Runs every shipped rule's own examples through the whole pipeline: the Swift rules, the
/// custom-resource rules and the built-in policies (`policies/`, whose examples live in the
/// policy files). Triggering examples must produce a finding of that rule (at the declared
/// positions), the others must not; neither may make a policy fail at runtime.
final class RuleExamplesTests: XCTestCase {
    /// Rules whose trigger cannot be written as manifest text; each is covered elsewhere.
    static let withoutTriggeringExample: [String: String] = [
        "unreadable-file": "needs a file without read permission; EndToEndTests.testUnreadableFileIsAFindingAndOthersAreChecked",
        "abac-invalid-utf8": "needs invalid UTF-8 bytes, which a Swift String cannot hold; RBACRulesTests.testInvalidUTF8InAnABACLine",
        "stale-baseline-entry": "needs a baseline file; EndToEndTests.CIIntegrationTests.testBaselineHidesKnownFindingsAndReportsStaleEntries",
        "policy-error": "needs a policy that fails at runtime; PoliciesTests.NativePolicyTests.testRuntimeErrorsArePolicyErrorFindingsAndDoNotStopTheRun",
    ]

    static let policyError = "policy-error"

    /// Findings of `rule` and of `policy-error` (which reports the runtime errors of policy rules).
    func findings(of rule: any Rule, in example: RuleExample) -> (hits: [Finding], policyErrors: [Finding]) {
        var options = CheckOptions()
        options.selection.only = [rule.metadata.id, Self.policyError]
        if !example.parameters.isEmpty { options.context.parameters[rule.metadata.id] = example.parameters }
        let yaml = example.yaml
        let found = Checker(rules: RuleCatalogue.builtin, options: options)
            .check([SourceInput(name: "example.yaml", bytes: Array(yaml.utf8))]).findings
        return (found.filter { $0.ruleID == rule.metadata.id }, found.filter { $0.ruleID == Self.policyError })
    }

    func testEveryRuleHasExamplesBothWays() {
        for rule in RuleCatalogue.builtin {
            let m = rule.metadata
            if Self.withoutTriggeringExample[m.id] == nil {
                XCTAssertFalse(m.triggering.isEmpty, "\(m.id) has no triggering example")
            }
            XCTAssertFalse(m.nonTriggering.isEmpty, "\(m.id) has no non-triggering example")
            XCTAssertFalse(m.rationale.isEmpty || m.remediation.isEmpty || m.summary.isEmpty, "\(m.id) metadata incomplete")
        }
    }

    func testRuleIDsAreUnique() {
        let ids = RuleCatalogue.builtin.map(\.metadata.id)
        XCTAssertEqual(ids.count, Set(ids).count, "\(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
    }

    func testTriggeringExamplesTrigger() {
        for rule in RuleCatalogue.builtin {
            for (i, example) in rule.metadata.triggering.enumerated() {
                let (found, errors) = findings(of: rule, in: example)
                XCTAssertFalse(found.isEmpty, "\(rule.metadata.id) example \(i + 1) did not trigger")
                XCTAssertEqual(errors.map(\.message), [], "\(rule.metadata.id) example \(i + 1)")
                if !example.positions.isEmpty {
                    XCTAssertEqual(found.map { "\($0.position.line):\($0.position.column)" }, example.positions,
                                   "\(rule.metadata.id) example \(i + 1) positions")
                }
            }
        }
    }

    func testNonTriggeringExamplesStayQuiet() {
        for rule in RuleCatalogue.builtin {
            for (i, example) in rule.metadata.nonTriggering.enumerated() {
                let (found, errors) = findings(of: rule, in: example)
                XCTAssertEqual((found + errors).map(\.message), [], "\(rule.metadata.id) non-triggering example \(i + 1) triggered")
            }
        }
    }
}
