import XCTest
@testable import YAMLTree

/// `firstValues(in:of:)` is what model types read their fields through: for every key of the
/// set it must find exactly what `node[key]` finds, whatever the mapping holds.
final class KeySetTests: XCTestCase {
    private let names = ["name", "image", "ports", "env", "aXbYc", "aZbWc", "k"]

    private func found(_ node: YAMLNode) -> [String: UInt32] {
        var result: [String: UInt32] = [:]
        node.document.firstValues(in: node.id, of: KeySet(names)) { k, value in
            XCTAssertNil(result[names[k]], "key \(names[k]) reported twice")
            result[names[k]] = value
        }
        return result
    }

    private func assertAgreesWithSubscript(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let stream = YAMLParser.parse(Array(text.utf8), file: "k.yaml")
        let root = try XCTUnwrap(stream.documents.first).root
        let viaSet = found(root)
        for name in names {
            XCTAssertEqual(viaSet[name], root[name]?.id, "key \(name) in \(text.debugDescription)", file: file, line: line)
        }
    }

    func testFindsWhatTheSubscriptFinds() throws {
        try assertAgreesWithSubscript("name: a\nimage: b\nports: [1]\nother: x\n")
        // Same print, different bytes; a key absent from the set with a set key's print.
        try assertAgreesWithSubscript("aXbYc: 1\naZbWc: 2\naQbQc: 3\n")
        // Duplicates: the first pair wins (the parser reports the second).
        try assertAgreesWithSubscript("name: first\nimage: x\nname: second\n")
        // Merge keys, aliases, non-scalar and quoted keys, empty values.
        try assertAgreesWithSubscript("base: &b {image: fromMerge, env: [1]}\nobj:\n  <<: *b\n  image: own\n")
        try assertAgreesWithSubscript("<<: {image: merged, k: v}\nname: n\n")
        try assertAgreesWithSubscript("? [name]\n: 1\n\"name\": quoted\n'k': single\nenv:\nports: ~\n")
        try assertAgreesWithSubscript("x: &a 1\nname: *a\n")
    }

    func testNotAMappingFindsNothing() throws {
        for text in ["- name: a\n", "just a scalar\n"] {
            let root = try XCTUnwrap(YAMLParser.parse(Array(text.utf8), file: "k.yaml").documents.first).root
            XCTAssertTrue(found(root).isEmpty, text)
        }
    }
}

/// `StringTable` hands out its own string for matching bytes and nothing else; `scalar(in:)`
/// reads the same text as `scalar` either way.
final class StringTableTests: XCTestCase {
    private let table = StringTable(["rbac.authorization.k8s.io/v1", "app.kubernetes.io/name", "short", "app.kubernetes.io/namf"])

    private func lookup(_ text: String) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { table.string(for: $0) }
    }

    func testFindsOnlyExactlyMatchingLongStrings() {
        XCTAssertEqual(lookup("rbac.authorization.k8s.io/v1"), "rbac.authorization.k8s.io/v1")
        XCTAssertEqual(lookup("app.kubernetes.io/name"), "app.kubernetes.io/name")
        XCTAssertEqual(lookup("app.kubernetes.io/namf"), "app.kubernetes.io/namf")
        XCTAssertNil(lookup("app.kubernetes.io/namg"))
        XCTAssertNil(lookup("rbac.authorization.k8s.io/v2"))
        XCTAssertNil(lookup("short"), "strings of 15 bytes or fewer are not kept")
        XCTAssertNil(lookup(""))
        XCTAssertNil(lookup(String(repeating: "x", count: 200)))
    }

    func testScalarInTableReadsTheSameText() throws {
        let text = "a: rbac.authorization.k8s.io/v1\nb: app.kubernetes.io/other\nc: x\nd: [1]\n"
        let root = try XCTUnwrap(YAMLParser.parse(Array(text.utf8), file: "t.yaml").documents.first).root
        for key in ["a", "b", "c", "d"] {
            XCTAssertEqual(root[key]?.scalar(in: table), root[key]?.scalar, key)
        }
    }
}
