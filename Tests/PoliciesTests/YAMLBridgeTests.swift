import CEL
@testable import Policies
import XCTest
import YAMLTree

final class YAMLBridgeTests: XCTestCase {
    func object(_ yaml: String) -> CELValue {
        YAMLCEL.value(YAMLParser.parse(Array(yaml.utf8), file: "t.yaml").documents[0].root)
    }

    func eval(_ expression: String, _ yaml: String) -> Result<CELValue, CELError> {
        let program = try! CELProgram.compile(expression)
        return program.evaluate(["object": object(yaml)])
    }

    func assertTrue(_ expression: String, _ yaml: String, file: StaticString = #filePath, line: UInt = #line) {
        switch eval(expression, yaml) {
        case .success(.bool(true)): break
        case .success: XCTFail("\(expression) is not true", file: file, line: line)
        case .failure(let e): XCTFail("\(expression): \(e)", file: file, line: line)
        }
    }

    func testScalarsAreTypedByYAML11Rules() {
        let yaml = "a: 3\nb: 1.5\nc: yes\nd: ~\ne: \"3\"\nf: 0x10\ng: plain text\nh: 010\ni: 99999999999999999999\n"
        assertTrue("type(object.a) == int && type(object.b) == double && type(object.c) == bool", yaml)
        assertTrue("object.d == null && type(object.e) == string && object.e == '3'", yaml)
        assertTrue("object.f + object.h == 24", yaml)
        assertTrue("object.g == 'plain text'", yaml)
        assertTrue("type(object.i) == double", yaml)
    }

    func testMapsAreLazyAndMissingKeysAreErrors() {
        let yaml = "metadata:\n  labels:\n    app.kubernetes.io/name: web\nspec:\n  containers:\n  - name: a\n  - name: b\n"
        assertTrue("object.metadata.labels['app.kubernetes.io/name'] == 'web'", yaml)
        assertTrue("!has(object.spec.replicas) && has(object.spec.containers)", yaml)
        assertTrue("object.spec.containers.map(c, c.name) == ['a', 'b']", yaml)
        assertTrue("size(object.spec.containers) == 2 && size(object) == 2", yaml)
        assertTrue("object.?spec.?replicas.orValue(1) == 1", yaml)
        guard case .failure(let e) = eval("object.spec.replicas > 1", yaml) else { return XCTFail("expected an error") }
        XCTAssertEqual(e, .noSuchKey("replicas"))
    }

    /// `has()` on a YAML mapping answers from its keys (`hasKey`) without converting the value;
    /// the answer must be the one a lookup gives: present for null values, aliases and the first
    /// of duplicate keys, absent for missing ones, at any depth.
    func testPresenceAnswersAsALookupWould() {
        let yaml = "a: null\nb: &x {c: 1}\nd: *x\ne: 1\ne: 2\nf: {g: {h: []}}\n"
        assertTrue("has(object.a) && has(object.b.c) && has(object.d.c) && has(object.e)", yaml)
        assertTrue("!has(object.z) && !has(object.b.z) && has(object.f.g.h) && !has(object.f.g.i)", yaml)
        guard case .hostMap(let m) = object(yaml) else { return XCTFail("expected a map") }
        for key in ["a", "b", "d", "e", "f", "z", ""] {
            XCTAssertEqual(m.hasKey(key), m.lookup(key) != nil, key)
        }
    }

    func testKeysIterateInSourceOrderOnce() {
        assertTrue("object.map(k, k) == ['b', 'a']", "b: 1\na: 2\n")
        assertTrue("'a' in object && !('c' in object)", "b: 1\na: 2\n")
    }

    func testDeeplyNestedListsStayBounded() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        guard case .hostMap(let m) = object("a: " + deep + "\n"), case .list? = m.value(forKey: "a") else {
            return XCTFail("expected a list")
        }
    }
}
