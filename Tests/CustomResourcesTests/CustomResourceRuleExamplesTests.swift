import CustomResources
import Engine
import XCTest

/// The custom-resource rules' own examples, run like `RuleExamplesTests` runs the built-in
/// ones: through the whole pipeline with only that rule enabled, positions asserted.
final class CustomResourceRuleExamplesTests: XCTestCase {
    func findings(of rule: any Rule, in yaml: String) -> [Finding] {
        var options = CheckOptions()
        options.selection.only = [rule.metadata.id]
        let checker = Checker(rules: [rule], options: options)
        return checker.check([SourceInput(name: "example.yaml", bytes: Array(yaml.utf8))]).findings
            .filter { $0.ruleID == rule.metadata.id }
    }

    func testEveryRuleHasExamplesBothWays() {
        for rule in CustomResourceRules.all {
            let m = rule.metadata
            XCTAssertFalse(m.triggering.isEmpty, "\(m.id) has no triggering example")
            XCTAssertFalse(m.nonTriggering.isEmpty, "\(m.id) has no non-triggering example")
            XCTAssertFalse(m.rationale.isEmpty || m.remediation.isEmpty || m.summary.isEmpty, "\(m.id) metadata incomplete")
        }
    }

    func testRuleIDsAreUnique() {
        let ids = CustomResourceRules.all.map(\.metadata.id)
        XCTAssertEqual(ids.count, Set(ids).count)
    }

    func testTriggeringExamplesTrigger() {
        for rule in CustomResourceRules.all {
            for (i, example) in rule.metadata.triggering.enumerated() {
                let found = findings(of: rule, in: example.yaml)
                XCTAssertFalse(found.isEmpty, "\(rule.metadata.id) example \(i + 1) did not trigger")
                if !example.positions.isEmpty {
                    XCTAssertEqual(found.map { "\($0.position.line):\($0.position.column)" }, example.positions,
                                   "\(rule.metadata.id) example \(i + 1) positions: \(found.map(\.message))")
                }
            }
        }
    }

    func testNonTriggeringExamplesStayQuiet() {
        for rule in CustomResourceRules.all {
            for (i, example) in rule.metadata.nonTriggering.enumerated() {
                let found = findings(of: rule, in: example.yaml)
                XCTAssertEqual(found.map(\.message), [], "\(rule.metadata.id) non-triggering example \(i + 1) triggered")
            }
        }
    }
}
