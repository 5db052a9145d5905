import Engine
import Rules
import XCTest

/// Runs every rule's own examples through the whole pipeline: triggering examples must
/// produce a finding of that rule (at the declared positions), the others must not.
final class RuleExamplesTests: XCTestCase {
    /// Rules whose trigger cannot be written as manifest text; each is covered elsewhere.
    static let withoutTriggeringExample: [String: String] = [
        "unreadable-file": "needs a file without read permission; EndToEndTests.testUnreadableFileIsAFindingAndOthersAreChecked",
        "abac-invalid-utf8": "needs invalid UTF-8 bytes, which a Swift String cannot hold; RBACRulesTests.testInvalidUTF8InAnABACLine",
        "stale-baseline-entry": "needs a baseline file; EndToEndTests.CIIntegrationTests.testBaselineHidesKnownFindingsAndReportsStaleEntries",
    ]

    func findings(of rule: any Rule, in yaml: String) -> [Finding] {
        var options = CheckOptions()
        options.selection.only = [rule.metadata.id]
        let checker = Checker(rules: [rule], options: options)
        return checker.check([SourceInput(name: "example.yaml", bytes: Array(yaml.utf8))]).findings
            .filter { $0.ruleID == rule.metadata.id }
    }

    func testEveryRuleHasExamplesBothWays() {
        for rule in BuiltinRules.all {
            let m = rule.metadata
            if Self.withoutTriggeringExample[m.id] == nil {
                XCTAssertFalse(m.triggering.isEmpty, "\(m.id) has no triggering example")
            }
            XCTAssertFalse(m.nonTriggering.isEmpty, "\(m.id) has no non-triggering example")
            XCTAssertFalse(m.rationale.isEmpty || m.remediation.isEmpty || m.summary.isEmpty, "\(m.id) metadata incomplete")
        }
    }

    func testRuleIDsAreUnique() {
        let ids = BuiltinRules.all.map(\.metadata.id)
        XCTAssertEqual(ids.count, Set(ids).count)
    }

    func testTriggeringExamplesTrigger() {
        for rule in BuiltinRules.all {
            for (i, example) in rule.metadata.triggering.enumerated() {
                let found = findings(of: rule, in: example.yaml)
                XCTAssertFalse(found.isEmpty, "\(rule.metadata.id) example \(i + 1) did not trigger")
                if !example.positions.isEmpty {
                    XCTAssertEqual(found.map { "\($0.position.line):\($0.position.column)" }, example.positions,
                                   "\(rule.metadata.id) example \(i + 1) positions")
                }
            }
        }
    }

    func testNonTriggeringExamplesStayQuiet() {
        for rule in BuiltinRules.all {
            for (i, example) in rule.metadata.nonTriggering.enumerated() {
                let found = findings(of: rule, in: example.yaml)
                XCTAssertEqual(found.map(\.message), [], "\(rule.metadata.id) non-triggering example \(i + 1) triggered")
            }
        }
    }
}
