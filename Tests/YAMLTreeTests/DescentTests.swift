import XCTest
@testable import YAMLTree

/// `descentPathText(to:)` writes the same path that `descent(to:)` walks, for every node.
final class DescentTests: XCTestCase {
    private func text(of steps: [YAMLPathStep]) -> String {
        var out = ""
        for step in steps {
            switch step {
            case .index(let i): out += "[\(i)]"
            case .key(let key): out += (out.isEmpty ? "" : ".") + (key.isScalar ? key.scalar ?? "" : "?")
            }
        }
        return out
    }

    func testIndicesAreWrittenInDecimal() {
        for index in [0, 7, 9, 10, 11, 99, 100, 101, 1_000, 12_345, 1_000_000, Int.max, -1, -40] {
            var path = YAMLPathText()
            path.appendKey(nil)
            path.appendIndex(index)
            XCTAssertEqual(path.text, "?[\(index)]")
        }
    }

    /// Every node's path found the slow way: a depth-first walk over pairs and items.
    private func searchedPaths(from node: YAMLNode, prefix: String, into paths: inout [UInt32: String]) {
        if paths[node.id] == nil { paths[node.id] = prefix }
        if node.isMapping {
            for (key, value) in node.pairs {
                let name = key.isScalar ? key.scalar ?? "" : "?"
                let path = prefix.isEmpty ? name : prefix + "." + name
                if paths[key.id] == nil { paths[key.id] = path }
                searchedPaths(from: value, prefix: path, into: &paths)
            }
        } else if node.isSequence {
            for (i, item) in node.items.enumerated() { searchedPaths(from: item, prefix: prefix + "[\(i)]", into: &paths) }
        }
    }

    func testPathTextMatchesDescentAndASearchForEveryNode() throws {
        let source = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, labels: {app: web}}
            spec:
              containers:
              - name: a
                ports: [{containerPort: 80}, {containerPort: 8080}]
              - name: b
                env: [{name: X, value: "1"}, {name: Y}, {name: Z}, {name: W}, {name: V}, {name: U},
                      {name: T}, {name: S}, {name: R}, {name: Q}, {name: P, value: eleventh}]
              - [nested, [list]]
              "": empty key
              ? [complex, key]
              : value
            """
        let doc = try XCTUnwrap(YAMLParser.parse(Array(source.utf8), file: "d.yaml").documents.first)
        var searched: [UInt32: String] = [:]
        searchedPaths(from: doc.root, prefix: "", into: &searched)
        var checked = 0
        for id in 0 ..< UInt32(doc.nodeCount) {
            let target = doc.node(id)
            let steps = doc.root.descent(to: target)
            XCTAssertEqual(doc.root.descentPathText(to: target), steps.map(text), "node \(id)")
            XCTAssertEqual(doc.root.descentPathText(to: target), searched[id], "node \(id)")
            if steps != nil { checked += 1 }
        }
        // All but the two items inside the complex key: a path goes through values only.
        XCTAssertEqual(checked, doc.nodeCount - 2)
        let last = try XCTUnwrap(doc.root["spec"]?["containers"]?.items[1]["env"]?.items[10]["value"])
        XCTAssertEqual(doc.root.descentPathText(to: last), "spec.containers[1].env[10].value")
        let inner = try XCTUnwrap(doc.root["spec"]?["containers"]?.items[2].items[1].items[0])
        XCTAssertEqual(doc.root.descentPathText(to: inner), "spec.containers[2][1][0]")
        XCTAssertEqual(doc.root.descentPathText(to: doc.root), "")
    }

    func testANodeReachedFromHereOnlyThroughAnAliasHasNoDirectPath() throws {
        // From `c`, `k` is reached through the alias `link: *x`, whose target was numbered
        // before `c`: the id walk cannot find it (the checker then searches), while from the
        // root it finds the anchor's own path.
        let doc = try XCTUnwrap(YAMLParser.parse(Array("a: &x {k: v}\nc: {link: *x}\n".utf8), file: "d.yaml").documents.first)
        let c = try XCTUnwrap(doc.root["c"])
        let k = try XCTUnwrap(c["link"]?["k"])
        XCTAssertNil(c.descentPathText(to: k))
        XCTAssertNil(c.descent(to: k))
        XCTAssertEqual(doc.root.descentPathText(to: k), "a.k")
        let other = try XCTUnwrap(YAMLParser.parse(Array("k: v\n".utf8), file: "e.yaml").documents.first)
        XCTAssertNil(doc.root.descentPathText(to: other.root), "a node of another document")
    }
}
