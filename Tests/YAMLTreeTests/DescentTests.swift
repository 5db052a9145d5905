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

    func testPathTextMatchesDescentForEveryNode() throws {
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
              ? [complex, key]
              : value
            """
        let doc = try XCTUnwrap(YAMLParser.parse(Array(source.utf8), file: "d.yaml").documents.first)
        var checked = 0
        for id in 0 ..< UInt32(doc.nodeCount) {
            let target = doc.node(id)
            let steps = doc.root.descent(to: target)
            XCTAssertEqual(doc.root.descentPathText(to: target), steps.map(text), "node \(id)")
            if steps != nil { checked += 1 }
        }
        // All but the two items inside the complex key: a path goes through values only.
        XCTAssertEqual(checked, doc.nodeCount - 2)
        let last = try XCTUnwrap(doc.root["spec"]?["containers"]?.items[1]["env"]?.items[10]["value"])
        XCTAssertEqual(doc.root.descentPathText(to: last), "spec.containers[1].env[10].value")
        XCTAssertEqual(doc.root.descentPathText(to: doc.root), "")
    }

    func testNodesReachedOnlyThroughAnAliasHaveNoDirectPath() throws {
        let doc = try XCTUnwrap(YAMLParser.parse(Array("a: &x {k: v}\nb: *x\n".utf8), file: "d.yaml").documents.first)
        let other = try XCTUnwrap(YAMLParser.parse(Array("k: v\n".utf8), file: "e.yaml").documents.first)
        XCTAssertNil(doc.root.descentPathText(to: other.root))
        let k = try XCTUnwrap(doc.root["b"]?["k"])
        // The alias shares `a`'s nodes, so the id walk finds the path through `a`.
        XCTAssertEqual(doc.root.descentPathText(to: k), "a.k")
    }
}
