import CustomResources
import Engine
import XCTest

/// Checks of CRD manifests: structural schemas, storage versions, CEL rules that do not compile.
final class CRDManifestTests: XCTestCase {
    let rules: [any Rule] = [CRDStructuralSchemaRule(), CRDStorageVersionRule(), CRDInvalidValidationRuleRule()]

    func testBrokenCRDFixture() throws {
        let found = runChecks(rules, ["crd.yaml": try fixture("broken-crd.yaml")])
        let spec = "openAPIV3Schema.properties.spec"
        XCTAssertEqual(found.map { "\($0.position) [\($0.ruleID)] \($0.message)" }, [
            "19:14 [crd-storage-version] version v1 is a second storage version (v1beta1 is one already); exactly one may be",
            "27:46 [crd-structural-schema] \(spec).properties.image: pattern does not compile: error parsing regexp: invalid or unsupported Perl syntax: (?!",
            "28:15 [crd-structural-schema] \(spec).properties.resources: every schema node needs a type (or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields)",
            "29:17 [crd-structural-schema] \(spec).properties.resources: $ref is not allowed in a structural schema",
            "32:17 [crd-structural-schema] \(spec).properties.ports: uniqueItems cannot be true (quadratic to check); use x-kubernetes-list-type: set",
            "33:41 [crd-structural-schema] \(spec).properties.ports: x-kubernetes-list-type: map needs x-kubernetes-list-map-keys",
            "38:17 [crd-structural-schema] \(spec).properties.env: properties and additionalProperties are mutually exclusive",
            "39:15 [crd-structural-schema] \(spec).properties.idleTimeout: every schema node needs a type (or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields)",
            "41:21 [crd-invalid-validation-rule] rule at \(spec) does not compile: unexpected end of expression at column 50 of the expression",
            "42:21 [crd-invalid-validation-rule] rule at \(spec) does not compile: expected ')' but found end of expression at line 3, column 1 of the expression",
            "46:34 [crd-invalid-validation-rule] messageExpression at \(spec) does not compile: expected ')' but found end of expression at column 45 of the expression",
        ])
    }

    func crd(versions: String) -> String {
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: xs.x.example.com}
        spec:
          group: x.example.com
          names: {kind: X, plural: xs}
          scope: Namespaced
          versions:
        \(versions)
        """
    }

    func messages(_ yaml: String) -> [String] {
        runChecks(rules, ["crd.yaml": yaml]).map { "\($0.position) \($0.message)" }
    }

    func testStorageVersionMissingAndServedVersionWithoutSchema() {
        XCTAssertEqual(messages(crd(versions: "  - {name: v1, served: true, storage: false}")), [
            "8:3 no version is marked storage: true; exactly one must be",
            "9:12 served version v1 has no schema.openAPIV3Schema; apiextensions.k8s.io/v1 requires one",
        ])
    }

    func testTypesItemsRootAndListMapKeys() {
        let yaml = crd(versions: """
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      port: {type: integer, x-kubernetes-int-or-string: true}
                      hosts: {type: array}
                      kind2: {type: text}
                      rules:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items: {type: object, properties: {host: {type: string}}}
                      either:
                        type: object
                        anyOf:
                        - required: [a]
                        - required: [b]
                        properties: {a: {type: string}, b: {type: string}}
            """)
        XCTAssertEqual(messages(yaml), [
            "16:24 openAPIV3Schema.properties.port: type must not be set with x-kubernetes-int-or-string: true",
            "17:25 openAPIV3Schema.properties.hosts: type array needs items",
            "18:25 openAPIV3Schema.properties.kind2: type \"text\" is not one of array, boolean, integer, number, object, string",
            "22:41 openAPIV3Schema.properties.rules: list map key \"name\" is not a property of the items",
        ], "anyOf branches need no type")
        let root = crd(versions: "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: array, items: {type: string}}}}")
        XCTAssertEqual(messages(root), ["9:78 openAPIV3Schema: the root type must be object"])
    }

    func testCompileErrorsNameUnknownVariablesAndFunctions() {
        let yaml = crd(versions: """
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    x-kubernetes-validations:
                    - rule: spec.replicas > 1
                    - rule: self.spec.replicas.frobnicate()
                    - rule: "self.spec.replicas >= oldSelf.spec.replicas"
            """)
        XCTAssertEqual(messages(yaml), [
            "16:17 rule at openAPIV3Schema does not compile: undeclared reference to 'spec.replicas' at column 5 of the expression",
            "17:17 rule at openAPIV3Schema does not compile: undeclared reference to 'frobnicate' at column 30 of the expression",
        ], "self and oldSelf are declared")
    }
}
