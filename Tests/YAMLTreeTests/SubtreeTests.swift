import XCTest
@testable import YAMLTree

final class SubtreeTests: XCTestCase {
    private func document(_ text: String) throws -> YAMLDocument {
        let stream = YAMLParser.parse(Array(text.utf8), file: "s.yaml")
        XCTAssertEqual(stream.diagnostics, [])
        return try XCTUnwrap(stream.documents.first)
    }

    func testOmittedPairsAreGoneAndTheRestKeepsPositionsStylesAndTags() throws {
        let doc = try document("""
            kind: Pod
            drop: {a: 1, b: [2, 3]}
            keep:
              name: 'web'
              tagged: !!str 5
              list: [x, "y"]
            """)
        let dropKey = try XCTUnwrap(doc.root.keyNode("drop"))
        var scratch = SubtreeScratch()
        let copy = doc.subtree(at: doc.root.id, omittingPairsWithKeys: [dropKey.id], scratch: &scratch)
        let root = copy.root
        XCTAssertNil(root["drop"])
        XCTAssertEqual(root.count, 2)
        XCTAssertEqual(root["kind"]?.scalar, "Pod")
        XCTAssertEqual(root["keep"]?["name"]?.scalar, "web")
        XCTAssertEqual(root["keep"]?["name"]?.style, .singleQuoted)
        XCTAssertEqual(root["keep"]?["name"]?.position, doc.root["keep"]?["name"]?.position)
        XCTAssertEqual(root["keep"]?["name"]?.position, SourcePosition(line: 4, column: 9))
        XCTAssertEqual(root["keep"]?["tagged"]?.tag, "tag:yaml.org,2002:str")
        XCTAssertEqual(root["keep"]?["list"]?.items.map(\.scalar), ["x", "y"])
        XCTAssertEqual(root["keep"]?["list"]?.items[1].position, SourcePosition(line: 6, column: 13))
        // The copy holds only what was kept: the key `drop`, its mapping, `a: 1`, the key `b`,
        // its list and the list's two items are gone.
        XCTAssertEqual(copy.nodeCount, doc.nodeCount - 8)
        XCTAssertEqual(copy.file, "s.yaml")
    }

    func testNodeIDsStayInDocumentOrderSoDescentWorks() throws {
        let doc = try document("a: {skip: 1}\nb:\n  c: [p, {q: r}]\n")
        var scratch = SubtreeScratch()
        let skip = try XCTUnwrap(doc.root["a"]?.keyNode("skip"))
        let copy = doc.subtree(at: doc.root.id, omittingPairsWithKeys: [skip.id], scratch: &scratch)
        let target = try XCTUnwrap(copy.root["b"]?["c"]?.items[1]["q"])
        let steps = try XCTUnwrap(copy.root.descent(to: target))
        XCTAssertEqual(steps.count, 4)
        XCTAssertEqual(copy.root["a"]?.count, 0)
    }

    func testASubtreeBelowTheRootBecomesTheRootOfTheCopy() throws {
        let doc = try document("kind: List\nitems:\n- kind: A\n  x: 1\n- kind: B\n  y: 2\n")
        let second = try XCTUnwrap(doc.root["items"]?.items[1])
        var scratch = SubtreeScratch()
        let copy = doc.subtree(at: second.id, omittingPairsWithKeys: [], scratch: &scratch)
        XCTAssertEqual(copy.root["kind"]?.scalar, "B")
        XCTAssertEqual(copy.root["y"]?.position, SourcePosition(line: 6, column: 6))
        XCTAssertEqual(copy.nodeCount, 5)
        // The scratch storage is reused: a second copy from it is independent of the first.
        let first = doc.subtree(at: try XCTUnwrap(doc.root["items"]?.items[0]).id, omittingPairsWithKeys: [], scratch: &scratch)
        XCTAssertEqual(first.root["kind"]?.scalar, "A")
        XCTAssertEqual(copy.root["kind"]?.scalar, "B")
    }

    func testANodeSharedThroughAnAliasIsCopiedOnce() throws {
        let doc = try document("base: &b {port: 80, name: http}\nfirst: *b\nsecond: *b\n")
        var scratch = SubtreeScratch()
        let copy = doc.subtree(at: doc.root.id, omittingPairsWithKeys: [], scratch: &scratch)
        XCTAssertEqual(copy.root["first"]?.id, copy.root["second"]?.id)
        XCTAssertEqual(copy.root["second"]?["port"]?.scalar, "80")
        XCTAssertEqual(copy.nodeCount, doc.nodeCount)
    }

    /// Items of one list copied in turn, as the checker keeps the resources of a `List`: each
    /// copy clears only what the one before it marked, so no mark leaks into the next.
    func testCopiesOfSeveralItemsOfOneDocumentAreIndependent() throws {
        let doc = try document("""
            items:
            - {name: a, drop: 1, keep: !!str 1}
            - {name: b, drop: 2, keep: 2}
            - {name: c, drop: 3, keep: !!str 3}
            """)
        var scratch = SubtreeScratch()
        let items = try XCTUnwrap(doc.root["items"]).items
        for (i, item) in items.enumerated() {
            let omitted = i == 1 ? [] : [try XCTUnwrap(item.keyNode("drop")).id]
            let copy = doc.subtree(at: item.id, omittingPairsWithKeys: omitted, scratch: &scratch)
            XCTAssertEqual(copy.root["name"]?.scalar, ["a", "b", "c"][i])
            XCTAssertEqual(copy.root["drop"] == nil, i != 1)
            XCTAssertEqual(copy.root.count, i == 1 ? 3 : 2)
            XCTAssertEqual(copy.root["keep"]?.tag, i == 1 ? nil : "tag:yaml.org,2002:str")
            XCTAssertEqual(copy.root["keep"]?.position, item["keep"]?.position)
            XCTAssertEqual(scratch.newID(of: item.id), 0)
        }
    }
}
