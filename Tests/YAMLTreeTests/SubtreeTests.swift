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
        let copy = doc.subtree(at: doc.root.id, omitting: [MappingPair(mapping: doc.root.id, key: dropKey.id)],
                               scratch: &scratch)
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
        let a = try XCTUnwrap(doc.root["a"])
        let skip = try XCTUnwrap(a.keyNode("skip"))
        let copy = doc.subtree(at: doc.root.id, omitting: [MappingPair(mapping: a.id, key: skip.id)], scratch: &scratch)
        let target = try XCTUnwrap(copy.root["b"]?["c"]?.items[1]["q"])
        let steps = try XCTUnwrap(copy.root.descent(to: target))
        XCTAssertEqual(steps.count, 4)
        XCTAssertEqual(copy.root["a"]?.count, 0)
    }

    func testASubtreeBelowTheRootBecomesTheRootOfTheCopy() throws {
        let doc = try document("kind: List\nitems:\n- kind: A\n  x: 1\n- kind: B\n  y: 2\n")
        let second = try XCTUnwrap(doc.root["items"]?.items[1])
        var scratch = SubtreeScratch()
        let copy = doc.subtree(at: second.id, omitting: [], scratch: &scratch)
        XCTAssertEqual(copy.root["kind"]?.scalar, "B")
        XCTAssertEqual(copy.root["y"]?.position, SourcePosition(line: 6, column: 6))
        XCTAssertEqual(copy.nodeCount, 5)
        // The scratch storage is reused: a second copy from it is independent of the first.
        let first = doc.subtree(at: try XCTUnwrap(doc.root["items"]?.items[0]).id, omitting: [], scratch: &scratch)
        XCTAssertEqual(first.root["kind"]?.scalar, "A")
        XCTAssertEqual(copy.root["kind"]?.scalar, "B")
    }

    func testANodeSharedThroughAnAliasIsCopiedOnce() throws {
        let doc = try document("base: &b {port: 80, name: http}\nfirst: *b\nsecond: *b\n")
        var scratch = SubtreeScratch()
        let copy = doc.subtree(at: doc.root.id, omitting: [], scratch: &scratch)
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
            let omitted = i == 1 ? [] : [MappingPair(mapping: item.id, key: try XCTUnwrap(item.keyNode("drop")).id)]
            let copy = doc.subtree(at: item.id, omitting: omitted, scratch: &scratch)
            XCTAssertEqual(copy.root["name"]?.scalar, ["a", "b", "c"][i])
            XCTAssertEqual(copy.root["drop"] == nil, i != 1)
            XCTAssertEqual(copy.root.count, i == 1 ? 3 : 2)
            XCTAssertEqual(copy.root["keep"]?.tag, i == 1 ? nil : "tag:yaml.org,2002:str")
            XCTAssertEqual(copy.root["keep"]?.position, item["keep"]?.position)
            XCTAssertEqual(scratch.newID(of: item.id), 0)
        }
    }

    /// An aliased key is one node standing in several places: leaving out its pair in one
    /// mapping leaves the other places alone, and the mapping copied after it keeps its own
    /// pairs (the omission was once keyed by node alone and wrote one mapping's pair into the
    /// next one's slots).
    func testLeavingOutAPairWithAnAliasedKeyTouchesNothingElse() throws {
        let doc = try document("a: {l: &s status, m: 1}\nb: 2\n*s : {x: 1}\nc: {p: 1, q: 2}\n")
        var scratch = SubtreeScratch()
        let root = doc.root
        let aliased = try XCTUnwrap(root["a"]?["l"])
        let copy = doc.subtree(at: root.id, omitting: [MappingPair(mapping: root.id, key: aliased.id)], scratch: &scratch)
        XCTAssertEqual(copy.root.count, 3)
        XCTAssertNil(copy.root["status"])
        XCTAssertEqual(copy.root["a"]?["l"]?.scalar, "status")
        XCTAssertEqual(copy.root["a"]?["m"]?.scalar, "1")
        XCTAssertEqual(copy.root["a"]?.count, 2)
        XCTAssertEqual(copy.root["b"]?.scalar, "2")
        XCTAssertEqual(copy.root["c"]?.count, 2)
        // A key anchored in one mapping and aliased in another: leaving out the alias's pair
        // keeps the anchor's.
        let doc2 = try document("labels: {&s status: on}\n*s : {}\n")
        let anchor = try XCTUnwrap(doc2.root["labels"]?.keyNode("status"))
        let copy2 = doc2.subtree(at: doc2.root.id, omitting: [MappingPair(mapping: doc2.root.id, key: anchor.id)],
                                 scratch: &scratch)
        XCTAssertEqual(copy2.root.count, 1)
        XCTAssertEqual(copy2.root["labels"]?["status"]?.scalar, "on")
    }
}
