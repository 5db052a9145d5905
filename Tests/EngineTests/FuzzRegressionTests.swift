import Engine
import Foundation
import Models
import Rules
import XCTest
import YAMLTree

/// Every input the fuzzers found (minimised, under `Tests/FuzzRegressions/<target>/`) run
/// through the same entry points as the harness in `Fuzz/Sources/<target>/`. A regression
/// shows up as a crash or a hang of this test.
final class FuzzRegressionTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions")

    /// The harnesses' limits (Fuzz/Sources/fuzz-yaml, fuzz-decode).
    let limits = ParseLimits(maxFileBytes: 1 << 20, maxDocuments: 200, maxDepth: 256,
                             maxAliasExpansion: 10_000, maxScalarBytes: 64 << 10)

    func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let dir = Self.root.appendingPathComponent(target)
        guard FileManager.default.fileExists(atPath: dir.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    /// Walks the whole tree as the fuzz-yaml harness does; a cycle in the tree never returns.
    func visit(_ node: YAMLNode) -> Int {
        var count = 1
        _ = node.position
        _ = node.tag
        switch node.kind {
        case .scalar: _ = node.scalar; _ = node.resolvedType
        case .mapping: for (key, value) in node.pairs { count += visit(key) + visit(value) }
        case .sequence: for item in node.items { count += visit(item) }
        }
        return count
    }

    func testYAMLInputs() throws {
        let cases = try inputs("fuzz-yaml")
        XCTAssertFalse(cases.isEmpty)
        for (name, bytes) in cases {
            let stream = YAMLParser.parse(bytes, file: name, limits: limits)
            for document in stream.documents { _ = visit(document.root) }
        }
    }

    func testDecodeInputs() throws {
        let checker = Checker(rules: BuiltinRules.all, options: {
            var options = CheckOptions()
            options.limits = limits
            return options
        }())
        for target in ["fuzz-yaml", "fuzz-decode"] {
            for (name, bytes) in try inputs(target) {
                let stream = YAMLParser.parse(bytes, file: name, limits: limits)
                for document in stream.documents {
                    for resource in ResourceDecoder.resources(in: document).resources {
                        _ = SchemaValidator.validate(resource)
                    }
                }
                _ = checker.check([SourceInput(name: name, bytes: bytes)])
            }
        }
    }

    /// fuzz-yaml, first run: an alias to an anchor on a collection that is still open
    /// (`&b` on the root mapping, `*b` inside it) made the node tree a cycle, so every
    /// recursive walk overflowed the stack. It is now a diagnostic and the document is dropped.
    func testRecursiveAliasIsADiagnosticNotACycle() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("fuzz-yaml/recursive-alias.fuzz")))
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "&b\ne: *b")
        let stream = YAMLParser.parse(bytes, file: "r.yaml")
        XCTAssertTrue(stream.documents.isEmpty)
        XCTAssertEqual(stream.diagnostics.map(\.kind), [.unknownAnchor])
        XCTAssertEqual(stream.diagnostics.first?.message,
                       "alias *b refers to a node that contains it (recursive alias); document not checked")
        XCTAssertEqual(stream.diagnostics.first?.position, SourcePosition(line: 2, column: 4))

        // Sequences too, nested deeper, and the next document is still read.
        let nested = YAMLParser.parse(Array("a: &s\n  - x\n  - [y, *s]\n---\nkind: ok\n".utf8), file: "n.yaml")
        XCTAssertEqual(nested.diagnostics.map(\.kind), [.unknownAnchor])
        XCTAssertEqual(nested.documents.count, 1)
        XCTAssertEqual(nested.documents.first?.root["kind"]?.scalar, "ok")

        // An alias to a finished collection is still fine, including inside a later sibling.
        let fine = YAMLParser.parse(Array("a: &s [1, 2]\nb: {c: *s}\n".utf8), file: "f.yaml")
        XCTAssertEqual(fine.diagnostics.count, 0)
        XCTAssertEqual(fine.documents.first.map { visit($0.root) }, 11) // the alias target is visited twice

        // End to end: one finding naming the file, no crash.
        let result = Checker(rules: BuiltinRules.all, options: CheckOptions())
            .check([SourceInput(name: "r.yaml", bytes: bytes)])
        XCTAssertEqual(result.findings.map { "\($0.file):\($0.position.line):\($0.ruleID)" }, ["r.yaml:2:yaml-syntax"])
    }
}
