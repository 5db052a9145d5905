@testable import Policies
import XCTest

/// Policies that cannot be used are errors with file:line:column, and for CEL the column
/// inside the expression with a caret.
final class LoaderErrorTests: XCTestCase {
    func testCompileErrorHasPolicyPositionAndExpressionColumn() throws {
        let error = try XCTUnwrap(loadError("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          rules:
          - id: r
            message: m
            expression: object.spec.replicas >= && true
        """))
        print(error.description)
        XCTAssertEqual(error.file, "policy.yaml")
        XCTAssertEqual(error.position.line, 8)
        XCTAssertEqual(error.position.column, 17)
        XCTAssertEqual(error.expressionError?.column, 25)
        XCTAssertTrue(error.description.hasPrefix("policy.yaml:8:17: spec.rules[0].expression does not compile: "), error.description)
        XCTAssertTrue(error.description.hasSuffix("object.spec.replicas >= && true\n                        ^"), error.description)
    }

    func testUndeclaredVariableIsACompileError() throws {
        let error = try XCTUnwrap(loadError("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          rules:
          - {id: r, message: m, expression: "params.x == 1"}
        """))
        XCTAssertTrue(error.message.contains("undeclared reference to 'params.x'"), error.message)
        XCTAssertEqual(error.position.line, 6)
    }

    func testShapeErrors() throws {
        let cases: [(String, String)] = [
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules: []\n",
             "policy.yaml:5:3: spec.rules must list at least one rule"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true'}\n",
             "policy.yaml:6:5: spec.rules[0] needs message or messageExpression"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true', message: m, severity: fatal}\n",
             "policy.yaml:6:55: spec.rules[0].severity must be error, warning or info"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  match: {kind: [Pod]}\n  rules:\n  - {id: r, expression: 'true', message: m}\n",
             "policy.yaml:5:11: unknown field spec.match.kind; expected one of apiGroups, exclude, kinds, labelSelector, namespaces"),
            ("apiVersion: palisade.dev/v1\nkind: Policie\n",
             "policy.yaml:2:7: unknown kind 'Policie' for palisade.dev/v1; expected Policy or PolicyTest"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p\n",
             "policy.yaml:4:1: YAML: "),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true', message: m}\n  - {id: r, expression: 'true', message: m}\n",
             "policy.yaml:7:5: duplicate rule id 'r'"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true', message: m, reportAt: name}\n",
             "policy.yaml:6:55: spec.rules[0].reportAt must be key or value"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true', message: m, fieldPath: {Job: 'spec.[x'}}\n",
             "policy.yaml:6:62: fieldPath must be a dotted path"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true', message: m, examples: {fail: [{at: '5', object: {kind: Pod}}]}}\n",
             "policy.yaml:6:68: example.at: '5' is not line:column"),
            ("apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true', message: m, examples: {pass: [{at: '5:1', object: {kind: Pod}}]}}\n",
             "policy.yaml:6:64: unknown field example.at; expected one of object"),
        ]
        for (text, expected) in cases {
            let error = try XCTUnwrap(loadError(text), expected)
            XCTAssertTrue(error.description.hasPrefix(expected), "\(error.description) vs \(expected)")
        }
    }

    func testAdmissionPolicyErrors() throws {
        let policy = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: v}
        spec:
          matchConstraints:
            resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]
          validations:
          - expression: "object.spec.replicas <= params.max &&"
        """
        let error = try XCTUnwrap(loadError(policy))
        XCTAssertEqual(error.position.line, 8)
        XCTAssertTrue(error.message.hasPrefix("spec.validations[0].expression does not compile"), error.message)

        let binding = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: b}
        spec:
          policyName: v
          validationActions: [Deny, Warn]
        """
        XCTAssertEqual(try XCTUnwrap(loadError(binding)).message, "spec.validationActions must not combine Deny and Warn")
    }

    func testDuplicatePolicyNamesAreRejectedWhenMerging() throws {
        let text = "apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules:\n  - {id: r, expression: 'true', message: m}\n"
        let a = policySet(text)
        XCTAssertThrowsError(try a.merging(a))
        XCTAssertThrowsError(try a.checkUniqueIDs(reserved: ["p/r"]))
        XCTAssertNoThrow(try a.checkUniqueIDs(reserved: ["other"]))
    }

    func testMissingPathIsAnError() {
        XCTAssertThrowsError(try PolicyLoader.load(paths: ["/nonexistent/policies"]))
    }
}

