import CustomResources
import Engine
import Models
import YAMLTree
import XCTest

/// One test per schema keyword: `spec` of a custom resource checked against `schema`.
final class SchemaKeywordTests: XCTestCase {
    /// Messages (with `line:column`) for `spec: <value>` against `properties.spec: <schema>`.
    func issues(_ schema: String, _ value: String, rules: Bool = true) -> [String] {
        let root = YAMLParser.parse(Array("{type: object, properties: {spec: \(schema)}}".utf8), file: "s.yaml")
            .documents[0].root
        let object = resources("apiVersion: x.example.com/v1\nkind: X\nmetadata: {name: a}\nspec: \(value)\n")[0]
        return CustomResourceValidator.validate(object, against: OpenAPISchema(node: root), evaluateRules: rules).map {
            "\($0.node.position.line):\($0.node.position.column) \($0.message)"
        }
    }

    func testTypes() {
        XCTAssertEqual(issues("{type: string}", "8080"), [#"4:7 spec must be a string, found the number 8080; quote it: "8080""#])
        XCTAssertEqual(issues("{type: integer}", "1.5"), ["4:7 spec must be an integer, found the number 1.5"])
        XCTAssertEqual(issues("{type: number}", "2"), [])
        XCTAssertEqual(issues("{type: boolean}", "\"true\""), [#"4:7 spec must be a boolean, found the string "true"; remove the quotes"#])
        XCTAssertEqual(issues("{type: object}", "[a]"), ["4:7 spec must be an object, found a list"])
        XCTAssertEqual(issues("{type: array}", "{a: 1}"), ["4:7 spec must be a list, found an object"])
        XCTAssertEqual(issues("{type: string}", "\"8080\""), [])
    }

    func testUnknownFieldsWithDidYouMean() {
        let schema = "{type: object, properties: {replicas: {type: integer}, template: {type: object, properties: {image: {type: string}}}}}"
        XCTAssertEqual(issues(schema, "{Replicas: 2}"), [#"4:8 unknown field "Replicas" at spec.Replicas; did you mean "replicas"?"#])
        XCTAssertEqual(issues(schema, "{replcas: 2}"), [#"4:8 unknown field "replcas" at spec.replcas; did you mean "replicas"?"#])
        XCTAssertEqual(issues(schema, "{image: x}"), [#"4:8 unknown field "image" at spec.image; did you mean "template.image"?"#])
        XCTAssertEqual(issues(schema, "{zzz: 1}"), [#"4:8 unknown field "zzz" at spec.zzz"#])
    }

    func testRequired() {
        XCTAssertEqual(issues("{type: object, required: [image], properties: {image: {type: string}}}", "{}"),
                       ["4:1 spec.image is required"])
    }

    func testEnum() {
        XCTAssertEqual(issues("{type: string, enum: [Always, Never]}", "never"),
                       [#"4:7 spec must be one of "Always", "Never", found "never"; did you mean "Never"?"#])
        XCTAssertEqual(issues("{type: integer, enum: [1, 2]}", "2"), [])
    }

    func testPatternUsesRE2() {
        XCTAssertEqual(issues("{type: string, pattern: '^[a-z]+$'}", "abc"), [])
        XCTAssertEqual(issues("{type: string, pattern: '^[a-z]+$'}", "Abc"), [#"4:7 spec "Abc" does not match the pattern ^[a-z]+$"#])
        XCTAssertEqual(issues("{type: string, pattern: '\\d{3}'}", "a123b"), [], "unanchored, as in OpenAPI")
        XCTAssertEqual(issues("{type: string, pattern: '(?=x)'}", "x"), [], "patterns RE2 cannot compile are reported on the CRD")
    }

    func testFormats() {
        XCTAssertEqual(issues("{type: integer, format: int32}", "3000000000"),
                       ["4:7 spec 3000000000 does not fit in int32 (format int32)"])
        XCTAssertEqual(issues("{type: string, format: date-time}", "\"2024-02-30T00:00:00Z\"").count, 1)
        XCTAssertEqual(issues("{type: string, format: date-time}", "\"2024-02-29T10:00:00+01:00\""), [])
        XCTAssertEqual(issues("{type: string, format: date}", "\"2023-02-29\"").count, 1)
        XCTAssertEqual(issues("{type: string, format: duration}", "1h30m"), [])
        XCTAssertEqual(issues("{type: string, format: duration}", "90 minutes").count, 1)
        XCTAssertEqual(issues("{type: string, format: uuid}", "123e4567-e89b-12d3-a456-426614174000"), [])
        XCTAssertEqual(issues("{type: string, format: ipv4}", "10.0.0.256").count, 1)
        XCTAssertEqual(issues("{type: string, format: ipv6}", "fd00::1"), [])
        XCTAssertEqual(issues("{type: string, format: cidr}", "10.0.0.0/33").count, 1)
        XCTAssertEqual(issues("{type: string, format: byte}", "aGVsbG8="), [])
        XCTAssertEqual(issues("{type: string, format: byte}", "not base64!").count, 1)
        XCTAssertEqual(issues("{type: string, format: hostname}", "-bad-.example.com").count, 1)
        XCTAssertEqual(issues("{type: string, format: made-up}", "anything"), [], "unknown formats are documentation")
    }

    func testNumericBounds() {
        XCTAssertEqual(issues("{type: integer, minimum: 1, maximum: 64}", "0"), ["4:7 spec must be at least 1, found 0"])
        XCTAssertEqual(issues("{type: integer, minimum: 1, maximum: 64}", "65"), ["4:7 spec must be at most 64, found 65"])
        XCTAssertEqual(issues("{type: number, minimum: 0, exclusiveMinimum: true}", "0"), ["4:7 spec must be greater than 0, found 0"])
        XCTAssertEqual(issues("{type: number, maximum: 1, exclusiveMaximum: true}", "1.0"), ["4:7 spec must be less than 1, found 1.0"])
        XCTAssertEqual(issues("{type: number, maximum: 1, exclusiveMaximum: true}", "0.5"), [])
    }

    func testLengths() {
        XCTAssertEqual(issues("{type: string, minLength: 2}", "a"), ["4:7 spec must be at least 2 characters long, found 1"])
        XCTAssertEqual(issues("{type: string, maxLength: 3}", "ünïcödé"), ["4:7 spec must be at most 3 characters long, found 7"])
    }

    func testItemsCountsAndUniqueness() {
        XCTAssertEqual(issues("{type: array, minItems: 1, items: {type: string}}", "[]"), ["4:7 spec must have at least 1 items, found 0"])
        XCTAssertEqual(issues("{type: array, maxItems: 1, items: {type: string}}", "[a, b]"), ["4:7 spec must have at most 1 items, found 2"])
        XCTAssertEqual(issues("{type: array, uniqueItems: true, items: {type: integer}}", "[1, 2, 1]"),
                       ["4:14 spec[2] duplicates item 0 (1); uniqueItems needs unique items"])
        XCTAssertEqual(issues("{type: array, items: {type: integer}}", "[1, x]"), ["4:11 spec[1] must be an integer, found the string \"x\""])
    }

    func testListTypes() {
        XCTAssertEqual(issues("{type: array, x-kubernetes-list-type: set, items: {type: string}}", "[a, b, a]"),
                       [#"4:14 spec[2] duplicates item 0 ("a"); a list of type set needs unique items"#])
        let map = "{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name, port], items: {type: object, properties: {name: {type: string}, port: {type: integer}}}}"
        XCTAssertEqual(issues(map, "[{name: a, port: 1}, {name: a, port: 2}]"), [])
        XCTAssertEqual(issues(map, "[{name: a, port: 1}, {name: a, port: 1}]"),
                       [#"4:35 spec[1] has a second item with name="a", port=1 (first is item 0); x-kubernetes-list-map-keys must be unique"#])
        XCTAssertEqual(issues("{type: array, x-kubernetes-list-type: atomic, items: {type: string}}", "[a, a]"), [])
    }

    func testAdditionalProperties() {
        XCTAssertEqual(issues("{type: object, additionalProperties: {type: integer}}", "{a: 1, b: x}"),
                       [#"4:17 spec.b must be an integer, found the string "x""#])
        XCTAssertEqual(issues("{type: object, additionalProperties: true}", "{anything: [1]}"), [])
        XCTAssertEqual(issues("{type: object, additionalProperties: false}", "{a: 1}"), [#"4:8 unknown field "a" at spec.a"#])
    }

    func testNullable() {
        XCTAssertEqual(issues("{type: string, nullable: true}", "null"), [])
        XCTAssertEqual(issues("{type: string}", "null"),
                       ["4:7 spec is null, but the schema does not allow null (nullable is not set); the API server drops the field"])
    }

    func testPreserveUnknownFields() {
        XCTAssertEqual(issues("{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: integer}}}",
                              "{a: 1, b: {c: d}}"), [])
        XCTAssertEqual(issues("{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: integer}}}",
                              "{a: x}").count, 1, "declared fields are still checked")
    }

    func testIntOrString() {
        XCTAssertEqual(issues("{x-kubernetes-int-or-string: true}", "8080"), [])
        XCTAssertEqual(issues("{x-kubernetes-int-or-string: true}", "50%"), [])
        XCTAssertEqual(issues("{x-kubernetes-int-or-string: true}", "1.5"),
                       [#"4:7 spec must be an integer or a string, found the number 1.5; quote it: "1.5""#])
    }

    func testEmbeddedResource() {
        let schema = "{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}"
        XCTAssertEqual(issues(schema, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {}}"), [])
        XCTAssertEqual(issues(schema, "{metadata: {name: c}}"),
                       ["4:1 spec is an embedded resource and must set apiVersion", "4:1 spec is an embedded resource and must set kind"])
        XCTAssertEqual(issues("{type: object, x-kubernetes-embedded-resource: true, properties: {data: {type: object}}}",
                              "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {}}"), [],
                       "apiVersion, kind and metadata are implied")
    }
}
