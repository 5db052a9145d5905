import XCTest
@testable import Models
import YAMLTree

/// The schema walk's path: pushes past its first storage, pops, and the dotted text.
final class FieldPathTests: XCTestCase {
    func testPathGrowsPastItsFirstStorageAndKeepsEveryStep() throws {
        let document = try XCTUnwrap(YAMLParser.parse(Array("a: {b: 1}\n".utf8), file: "p.yaml").documents.first)
        let a = try XCTUnwrap(document.root.keyNode("a"))
        var path = FieldPath()
        defer { path.deallocate() }
        XCTAssertEqual(path.text(in: document), "<root>")
        path.push(key: a.id)
        for i in 0 ..< 100 { path.push(index: i) }
        let expected = "a" + (0 ..< 100).map { "[\($0)]" }.joined()
        XCTAssertEqual(path.text(in: document), expected)
        for _ in 0 ..< 99 { path.pop() }
        XCTAssertEqual(path.text(in: document), "a[0]")
        path.pop()
        path.pop()
        XCTAssertEqual(path.text(in: document), "<root>")
    }
}
