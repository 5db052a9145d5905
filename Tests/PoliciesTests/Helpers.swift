import Engine
@testable import Policies
import XCTest

/// Loads policies from text and checks manifests with them, as `palisade check --policy` would.
func policySet(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> PolicySet {
    do throws(PolicyError) {
        return try PolicyLoader.load(text: text, file: "policy.yaml")
    } catch {
        XCTFail("policy does not load: \(error)", file: file, line: line)
        return .empty
    }
}

func loadError(_ text: String) -> PolicyError? {
    do throws(PolicyError) {
        _ = try PolicyLoader.load(text: text, file: "policy.yaml")
        return nil
    } catch {
        return error
    }
}

func check(_ set: PolicySet, _ manifests: String, only: Set<String>? = nil) -> [Finding] {
    var options = CheckOptions()
    options.selection.only = only
    return Checker(rules: set.rules, options: options)
        .check([SourceInput(name: "manifests.yaml", bytes: Array(manifests.utf8))]).findings
}

/// `line:col rule-id severity message` per finding, for compact assertions.
func summary(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.position.line):\($0.position.column) \($0.ruleID) \($0.severity) \($0.message)" }
}
