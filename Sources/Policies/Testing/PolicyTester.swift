import Engine
import Foundation  // Paths of test files; not used while evaluating.
import YAMLTree

/// A `PolicyTest` document: policies to load and cases with expected outcomes.
struct PolicyTestDocument: Sendable {
    let node: YAMLNode
}

/// Results of `palisade policy test`.
public struct PolicyTestReport: Sendable {
    public struct Result: Sendable {
        /// `file: policy/rule fail example 1`, `file: case 2 (deployment.yaml) expects team-policy/replicas fail`.
        public var name: String
        public var passed: Bool
        /// Why it failed: the findings that were or were not there.
        public var detail: String?
    }

    public var results: [Result] = []
    public var passedCount: Int { results.filter(\.passed).count }
    public var failedCount: Int { results.count - passedCount }
    /// True when every test passed (and there was at least one).
    public var succeeded: Bool { failedCount == 0 && !results.isEmpty }

    /// One line per test, details under failures, and a summary line.
    public var text: String {
        var out = ""
        for r in results {
            out += (r.passed ? "PASS " : "FAIL ") + r.name + "\n"
            if let d = r.detail, !r.passed { out += d.split(separator: "\n").map { "     " + $0 + "\n" }.joined() }
        }
        out += "\(passedCount) passed, \(failedCount) failed\n"
        return out
    }
}

/// Runs policy examples and `PolicyTest` cases through the same checker as `palisade check`.
public enum PolicyTester {
    /// Loads `paths` (policy files, test files, folders); runs the inline examples of every
    /// native policy rule found and every case of every `PolicyTest`.
    public static func run(paths: [String]) throws(PolicyError) -> PolicyTestReport {
        let set = try PolicyLoader.load(paths: paths)
        var report = PolicyTestReport()
        runExamples(of: set, into: &report)
        for test in set.tests {
            try runTest(test, defaultPolicies: set, into: &report)
        }
        return report
    }

    /// Inline examples: `fail` examples must produce a finding of the rule (at the positions
    /// given with `at:`), `pass` examples none (and no `policy-error`).
    static func runExamples(of set: PolicySet, into report: inout PolicyTestReport) {
        for rule in set.rules {
            let m = rule.metadata
            for (i, example) in m.triggering.enumerated() {
                let found = findings(set, rule: m.id, yaml: example.yaml, file: "\(m.id) fail example \(i + 1)")
                let hits = found.filter { $0.ruleID == m.id }
                let positions = hits.map { "\($0.position)" }
                let expected = example.positions.isEmpty ? "a finding" : "findings at " + example.positions.joined(separator: ", ")
                let passed = !hits.isEmpty && (example.positions.isEmpty || positions == example.positions)
                report.results.append(.init(name: "\(m.id) fail example \(i + 1)", passed: passed,
                                            detail: passed ? nil : describe("expected \(expected), got", found)))
            }
            for (i, example) in m.nonTriggering.enumerated() where m.id != PolicyErrorRule.id {
                let found = findings(set, rule: m.id, yaml: example.yaml, file: "\(m.id) pass example \(i + 1)")
                report.results.append(.init(name: "\(m.id) pass example \(i + 1)", passed: found.isEmpty,
                                            detail: describe("expected no finding, got", found)))
            }
        }
    }

    static func findings(_ set: PolicySet, rule: String?, yaml: String, file: String) -> [Finding] {
        findings(set, rule: rule, inputs: [SourceInput(name: file, bytes: Array(yaml.utf8))])
    }

    /// Findings of `rule` (all policy rules when nil) and of `policy-error`.
    static func findings(_ set: PolicySet, rule: String?, inputs: [SourceInput]) -> [Finding] {
        var options = CheckOptions()
        options.selection.only = Set((rule.map { [$0] } ?? set.ruleIDs) + [PolicyErrorRule.id])
        return Checker(rules: set.rules, options: options).check(inputs).findings
    }

    static func describe(_ prefix: String, _ findings: [Finding]) -> String {
        if findings.isEmpty { return prefix + " none" }
        return prefix + ":\n" + findings.map { "\($0.file):\($0.position) \($0.severity) [\($0.ruleID)] \($0.message)" }
            .joined(separator: "\n")
    }
}
