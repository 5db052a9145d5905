import CustomResources
import Engine
import Models
import YAMLTree
import XCTest

/// One test per `x-kubernetes-validations` feature.
final class ValidationRuleTests: XCTestCase {
    func issues(_ schema: String, _ value: String) -> [String] {
        let root = YAMLParser.parse(Array("{type: object, properties: {spec: \(schema)}}".utf8), file: "s.yaml")
            .documents[0].root
        let object = resources("apiVersion: x.example.com/v1\nkind: X\nmetadata: {name: a}\nspec: \(value)\n")[0]
        return CustomResourceValidator.validate(object, against: OpenAPISchema(node: root)).filter { $0.kind == .validationRule }
            .map { "\($0.node.position.line):\($0.node.position.column) \($0.message)" }
    }

    let replicas = "type: object, properties: {replicas: {type: integer}, minAvailable: {type: integer}, name: {type: string}}"

    func testSelfAtTheDeclaringNodeWithMessage() {
        let schema = "{\(replicas), x-kubernetes-validations: [{rule: 'self.replicas <= 64', message: too many replicas}]}"
        XCTAssertEqual(issues(schema, "{replicas: 65}"), ["4:1 spec: too many replicas"])
        XCTAssertEqual(issues(schema, "{replicas: 64}"), [])
    }

    func testRuleOnAScalarAndDefaultMessage() {
        let schema = "{type: object, properties: {name: {type: string, x-kubernetes-validations: [{rule: 'self.startsWith(\"ml-\")'}]}}}"
        XCTAssertEqual(issues(schema, "{name: web}"), [#"4:14 spec.name: failed rule: self.startsWith("ml-")"#])
    }

    func testRulesOnListItemsAndMapValues() {
        let list = "{type: array, items: {type: integer, x-kubernetes-validations: [{rule: 'self % 2 == 0', message: must be even}]}}"
        XCTAssertEqual(issues(list, "[2, 3]"), ["4:11 spec[1]: must be even"])
        let map = "{type: object, additionalProperties: {type: string, x-kubernetes-validations: [{rule: 'size(self) < 4', message: short}]}}"
        XCTAssertEqual(issues(map, "{a: abc, b: abcd}"), ["4:19 spec.b: short"])
    }

    func testMessageExpressionFieldPathAndReason() {
        let schema = """
            {\(replicas), x-kubernetes-validations: [{rule: 'self.minAvailable <= self.replicas', \
            messageExpression: "'minAvailable ' + string(self.minAvailable) + ' > replicas ' + string(self.replicas)", \
            fieldPath: .minAvailable, reason: FieldValueInvalid}]}
            """
        XCTAssertEqual(issues(schema, "{replicas: 2, minAvailable: 3}"),
                       ["4:35 spec.minAvailable: minAvailable 3 > replicas 2 (FieldValueInvalid)"])
    }

    func testMessageExpressionFailureFallsBackToMessage() {
        let schema = "{\(replicas), x-kubernetes-validations: [{rule: 'self.replicas < 2', message: fallback, messageExpression: 'self.nope'}]}"
        XCTAssertEqual(issues(schema, "{replicas: 3}"), ["4:1 spec: fallback"])
    }

    func testTransitionRulesAreSkippedOnCreateUnlessOptionalOldSelf() {
        let transition = "{\(replicas), x-kubernetes-validations: [{rule: 'self.replicas >= oldSelf.replicas', message: no scale down}]}"
        XCTAssertEqual(issues(transition, "{replicas: 1}"), [])
        let optional = """
            {\(replicas), x-kubernetes-validations: [{rule: 'oldSelf.hasValue() || self.replicas > 1', \
            message: new jobs need two replicas, optionalOldSelf: true}]}
            """
        XCTAssertEqual(issues(optional, "{replicas: 1}"), ["4:1 spec: new jobs need two replicas"])
    }

    func testRuntimeErrorsAndNonBoolResults() {
        let missing = "{\(replicas), x-kubernetes-validations: [{rule: 'self.replicas > 0'}]}"
        XCTAssertEqual(issues(missing, "{name: a}"), ["4:1 spec: rule self.replicas > 0 failed: no such key: replicas"])
        let notBool = "{\(replicas), x-kubernetes-validations: [{rule: 'self.replicas'}]}"
        XCTAssertEqual(issues(notBool, "{replicas: 1}"), ["4:1 spec: rule self.replicas returned int, not a bool"])
    }

    func testRootRulesSeeTheWholeObject() {
        let root = YAMLParser.parse(Array("""
            {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}},
             x-kubernetes-validations: [{rule: "self.metadata.name.startsWith('ml-')", message: name must start with ml-}]}
            """.utf8), file: "s.yaml").documents[0].root
        let object = resources("apiVersion: x.example.com/v1\nkind: X\nmetadata: {name: web}\nspec: {}\n")[0]
        XCTAssertEqual(CustomResourceValidator.validate(object, against: OpenAPISchema(node: root)).map(\.message),
                       ["<root>: name must start with ml-"])
    }
}
