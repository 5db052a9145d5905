import XCTest
import Engine
import YAMLTree

/// Field paths of findings: straight down by node ids, or found by a search when the node is
/// reached from the resource only through an alias; both write the same notation.
final class FieldPathLocatorTests: XCTestCase {
    func testPathsThroughAliasesAreFoundBySearchInTheSameNotation() throws {
        let doc = try XCTUnwrap(YAMLParser.parse(Array("""
            a: &x [p, {q: [r]}]
            c:
              ? [z]
              : other
              l: *x
            """.utf8), file: "f.yaml").documents.first)
        let c = try XCTUnwrap(doc.root["c"])
        let r = try XCTUnwrap(c["l"]?.items[1]["q"]?.items[0])
        XCTAssertNil(c.descentPathText(to: r), "reached only through the alias: the id walk cannot find it")
        XCTAssertEqual(FieldPathLocator.path(of: r, under: c), "l[1].q[0]")
        XCTAssertEqual(FieldPathLocator.path(of: r, under: doc.root), "a[1].q[0]")
        let other = try XCTUnwrap(c.pairs.first { !$0.key.isScalar }?.value)
        XCTAssertEqual(FieldPathLocator.path(of: other, under: doc.root), "c.?")
        XCTAssertEqual(FieldPathLocator.path(of: c, under: c), "")
    }
}
