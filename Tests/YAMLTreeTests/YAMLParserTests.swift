import XCTest
@testable import YAMLTree

final class YAMLParserTests: XCTestCase {
    private func parse(_ text: String, limits: ParseLimits = .default) -> YAMLStream {
        YAMLParser.parse(Array(text.utf8), file: "t.yaml", limits: limits)
    }

    func testPositionsAreOneBasedForKeysAndValues() throws {
        let stream = parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n")
        XCTAssertEqual(stream.diagnostics, [])
        let root = try XCTUnwrap(stream.documents.first?.root)
        XCTAssertEqual(root.position, SourcePosition(line: 1, column: 1))
        let name = try XCTUnwrap(root["metadata"]?["name"])
        XCTAssertEqual(name.scalar, "web")
        XCTAssertEqual(name.position, SourcePosition(line: 4, column: 9))
        XCTAssertEqual(root["metadata"]?.keyNode("name")?.position, SourcePosition(line: 4, column: 3))
        XCTAssertEqual(name.file, "t.yaml")
    }

    func testColumnsCountCharactersNotBytes() throws {
        let stream = parse("a: \"é€\"\nb: x\n  # c\nc: [ü, z]\n")
        let root = try XCTUnwrap(stream.documents.first?.root)
        XCTAssertEqual(root["c"]?.items[1].position, SourcePosition(line: 4, column: 8))
    }

    func testCRLFLineEndingsKeepPositions() throws {
        let stream = parse("a: 1\r\nb:\r\n  c: 2\r\n")
        let root = try XCTUnwrap(stream.documents.first?.root)
        XCTAssertEqual(root["b"]?["c"]?.position, SourcePosition(line: 3, column: 6))
    }

    func testMultiDocumentStreamsSkipEmptyDocuments() {
        let stream = parse("---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n")
        XCTAssertEqual(stream.documents.count, 2)
        XCTAssertEqual(stream.documents.map(\.index), [0, 1])
        XCTAssertEqual(stream.documents[1].root["b"]?.position.line, 7)
    }

    func testEmptyFileAndOnlySeparator() {
        XCTAssertEqual(parse("").documents.count, 0)
        XCTAssertEqual(parse("").diagnostics, [])
        XCTAssertEqual(parse("---\n").documents.count, 0)
    }

    func testScalarStylesAndTags() throws {
        let root = try XCTUnwrap(parse("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: !!str yes\n")
            .documents.first?.root)
        XCTAssertEqual(root["a"]?.style, .plain)
        XCTAssertEqual(root["b"]?.style, .singleQuoted)
        XCTAssertEqual(root["c"]?.style, .doubleQuoted)
        XCTAssertEqual(root["d"]?.style, .literal)
        XCTAssertEqual(root["d"]?.scalar, "lit\n")
        XCTAssertEqual(root["e"]?.tag, "tag:yaml.org,2002:str")
        XCTAssertEqual(root["e"]?.resolvedType, .string)
    }

    func testAliasesResolveToTheAnchoredNode() throws {
        let root = try XCTUnwrap(parse("base: &b {x: 1}\nuse: *b\n").documents.first?.root)
        XCTAssertEqual(root["use"]?["x"]?.scalar, "1")
    }

    func testMergeKeysKeepOwnKeysFirst() throws {
        let root = try XCTUnwrap(parse("d: &d {a: 1, b: 2}\nm:\n  <<: *d\n  b: 3\n").documents.first?.root)
        let m = try XCTUnwrap(root["m"])
        XCTAssertEqual(m["a"]?.scalar, "1")
        XCTAssertEqual(m["b"]?.scalar, "3")
        XCTAssertNil(m["<<"])
        XCTAssertEqual(m.pairs.count, 2)
    }

    func testAliasBombBecomesADiagnosticNotAHang() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1 ... 9 {
            let prev = "*a\(i - 1)"
            text += "a\(i): &a\(i) [\(Array(repeating: prev, count: 10).joined(separator: ", "))]\n"
        }
        text += "---\nok: 1\n"
        let stream = parse(text)
        XCTAssertEqual(stream.diagnostics.map(\.kind), [.aliasBomb])
        // The later document is still read.
        XCTAssertEqual(stream.documents.count, 1)
        XCTAssertEqual(stream.documents[0].root["ok"]?.scalar, "1")
    }

    func testUnknownAnchorIsReported() {
        let stream = parse("a: *nope\n")
        XCTAssertEqual(stream.diagnostics.first?.kind, .unknownAnchor)
        XCTAssertEqual(stream.diagnostics.first?.position, SourcePosition(line: 1, column: 4))
    }

    func testDuplicateKeysReportBothPositions() {
        let stream = parse("metadata:\n  name: a\n  labels: {}\n  name: b\n")
        XCTAssertEqual(stream.diagnostics.count, 1)
        let d = stream.diagnostics[0]
        XCTAssertEqual(d.kind, .duplicateKey)
        XCTAssertEqual(d.position, SourcePosition(line: 4, column: 3))
        XCTAssertEqual(d.related, SourcePosition(line: 2, column: 3))
        XCTAssertTrue(d.message.contains("\"name\""))
    }

    func testDuplicateKeysInLargeMappings() {
        var text = ""
        for i in 0 ..< 40 { text += "k\(i): \(i)\n" }
        text += "k7: again\n"
        let stream = parse(text)
        XCTAssertEqual(stream.diagnostics.map(\.position), [SourcePosition(line: 41, column: 1)])
    }

    func testSyntaxErrorKeepsEarlierDocuments() {
        let stream = parse("a: 1\n---\nb: [1, 2\nc: 3\n")
        XCTAssertEqual(stream.documents.count, 1)
        XCTAssertEqual(stream.diagnostics.count, 1)
        XCTAssertEqual(stream.diagnostics[0].kind, .syntax)
        XCTAssertEqual(stream.diagnostics[0].position.line, 4)
    }

    func testTabIndentationIsASyntaxError() {
        let stream = parse("a:\n\tb: 1\n")
        XCTAssertEqual(stream.diagnostics.first?.kind, .syntax)
        XCTAssertEqual(stream.diagnostics.first?.position, SourcePosition(line: 2, column: 1))
    }

    func testUnclosedQuoteIsASyntaxError() {
        let stream = parse("a: \"open\nb: 1\n")
        XCTAssertEqual(stream.diagnostics.first?.kind, .syntax)
        XCTAssertTrue(stream.diagnostics.first?.message.contains("quoted scalar") ?? false)
    }

    func testInvalidUTF8IsAnEncodingDiagnosticWithPosition() {
        var bytes = Array("a: ok\nb: ".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n".utf8)
        let stream = YAMLParser.parse(bytes, file: "bad.yaml")
        XCTAssertEqual(stream.diagnostics.first?.kind, .encoding)
        // The position is the first byte of the broken sequence (0xC3), not the byte libyaml
        // stopped at.
        XCTAssertEqual(stream.diagnostics.first?.position, SourcePosition(line: 2, column: 4))
        XCTAssertTrue(stream.diagnostics.first?.message.contains("trailing") ?? false)
    }

    func testNULByteMeansBinary() {
        let stream = YAMLParser.parse([0x61, 0x3A, 0x00, 0x01], file: "bin")
        XCTAssertEqual(stream.diagnostics.first?.kind, .encoding)
        XCTAssertTrue(stream.diagnostics.first?.message.contains("binary") ?? false)
    }

    func testUTF16WithBOMIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a: b\nc: d\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let stream = YAMLParser.parse(bytes, file: "u16.yaml")
        XCTAssertEqual(stream.diagnostics, [])
        XCTAssertEqual(stream.documents.first?.root["c"]?.scalar, "d")
        XCTAssertEqual(stream.documents.first?.root["c"]?.position, SourcePosition(line: 2, column: 4))
    }

    func testDepthLimit() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let stream = parse(deep)
        XCTAssertEqual(stream.diagnostics.first?.kind, .limit)
        XCTAssertTrue(stream.documents.isEmpty)
    }

    func testFileSizeAndDocumentLimits() {
        let big = parse(String(repeating: "a", count: 100), limits: ParseLimits(maxFileBytes: 10))
        XCTAssertEqual(big.diagnostics.first?.kind, .limit)
        let many = parse(String(repeating: "---\na: 1\n", count: 20), limits: ParseLimits(maxDocuments: 5))
        XCTAssertEqual(many.documents.count, 5)
        XCTAssertEqual(many.diagnostics.first?.kind, .limit)
        let scalar = parse("a: " + String(repeating: "x", count: 100), limits: ParseLimits(maxScalarBytes: 50))
        XCTAssertEqual(scalar.diagnostics.first?.kind, .limit)
    }

    func testHelmSourceComments() {
        let text = "---\n# Source: chart/templates/svc.yaml\napiVersion: v1\nkind: Service\n---\n# Source: chart/templates/dep.yaml\nkind: Deployment\n"
        let stream = parse(text)
        XCTAssertEqual(stream.documents.map(\.sourceComment), ["chart/templates/svc.yaml", "chart/templates/dep.yaml"])
    }

    func testJSONIsAccepted() throws {
        let root = try XCTUnwrap(parse("{\"kind\": \"Pod\",\n \"spec\": {\"x\": [1, true]}}").documents.first?.root)
        XCTAssertEqual(root["spec"]?["x"]?.items[1].resolvedType, .bool)
        XCTAssertEqual(root["spec"]?.position, SourcePosition(line: 2, column: 10))
    }

    func testPositionOfByteOffset() {
        let bytes = Array("ab\r\ncé\nx".utf8)
        XCTAssertEqual(position(ofByteOffset: 0, in: bytes), SourcePosition(line: 1, column: 1))
        XCTAssertEqual(position(ofByteOffset: 4, in: bytes), SourcePosition(line: 2, column: 1))
        XCTAssertEqual(position(ofByteOffset: 8, in: bytes), SourcePosition(line: 3, column: 1))
        XCTAssertEqual(position(ofByteOffset: 7, in: bytes), SourcePosition(line: 2, column: 3))
    }
}
