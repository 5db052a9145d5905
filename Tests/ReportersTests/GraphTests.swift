import Authz
import Engine
import Foundation
import Reporters
import Rules
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `palisade rbac graph`: golden Mermaid and DOT outputs on the fixtures, syntax checks (a structural Mermaid parser
/// of our own; Graphviz's `dot -Tsvg` when installed), risk highlighting, filters, ids and the SVG layout.
/// Regenerate the goldens after an intended change with `PALISADE_UPDATE_GOLDEN=1 swift test --filter GraphTests`.
final class GraphTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = root.appendingPathComponent("Tests/Golden/graph")

    override func setUp() {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(Self.root.path))
    }

    static func model(_ paths: [String]) throws -> AuthorizationModel {
        let inputs = try InputDiscovery.inputs(for: paths)
        return Checker(rules: BuiltinRules.all, options: CheckOptions()).check(inputs).resourceSet.authorization
    }

    /// The golden cases: name, paths, options.
    static let cases: [(String, [String], AccessGraph.Options)] = [
        ("ml-platform", ["fixtures/ml-platform"], .init()),
        ("fixtures-risky-only", ["fixtures"], .init(riskyOnly: true)),
        ("fixtures-subject-trainer", ["fixtures"], .init(subject: "ml-prod/trainer")),
        ("fixtures-namespace-ml-notebooks", ["fixtures"], .init(namespace: "ml-notebooks")),
        ("fixtures-resource-secrets", ["fixtures"], .init(resource: "secrets")),
        ("fixtures", ["fixtures"], .init()),
    ]

    func compare(_ actual: String, with name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PALISADE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(actual, expected, "output differs from Tests/Golden/graph/\(name)", file: file, line: line)
    }

    func testGoldenOutputsOnFixtures() throws {
        for (name, paths, options) in Self.cases {
            let graph = AccessGraph.build(try Self.model(paths), options: options)
            XCTAssertFalse(graph.isEmpty, name)
            try compare(GraphRenderer.mermaid(graph), with: name + ".mmd")
            try compare(GraphRenderer.dot(graph), with: name + ".dot")
        }
    }

    // MARK: Syntax

    func testMermaidOutputsParse() throws {
        for (name, paths, options) in Self.cases {
            let text = GraphRenderer.mermaid(AccessGraph.build(try Self.model(paths), options: options))
            XCTAssertNoThrow(try MermaidChecker.check(text), name)
        }
        XCTAssertNoThrow(try MermaidChecker.check(GraphRenderer.mermaid(AccessGraph.build(Self.hostileModel))))
    }

    func testMermaidCheckerRejectsBrokenInput() {
        XCTAssertThrowsError(try MermaidChecker.check("flowchart LR\n  a[\"x\"]\n  a --> b\n"), "undeclared node")
        XCTAssertThrowsError(try MermaidChecker.check("flowchart LR\n  a[\"x\"y\"]\n"), "quote inside a label")
        XCTAssertThrowsError(try MermaidChecker.check("flowchart LR\n  a[\"x\"]\n  linkStyle 3 stroke:red\n"), "link index out of range")
        XCTAssertThrowsError(try MermaidChecker.check("graph\n"), "header")
    }

    func testDotOutputsAreValidForGraphviz() throws {
        guard let dot = Self.executable("dot") else {
            throw XCTSkip("Graphviz 'dot' is not installed (apt-get install -y graphviz; .ci/run installs it)")
        }
        var outputs = try Self.cases.map { name, paths, options in
            (name, GraphRenderer.dot(AccessGraph.build(try Self.model(paths), options: options)))
        }
        outputs.append(("hostile", GraphRenderer.dot(AccessGraph.build(Self.hostileModel))))
        for (name, text) in outputs {
            let process = Process()
            process.executableURL = dot
            process.arguments = ["-Tsvg"]
            let input = Pipe(), output = Pipe(), error = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = error
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let svg = output.fileHandleForReading.readDataToEndOfFile()
            let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(name): dot rejected the graph: \(message)")
            XCTAssertEqual(message, "", name)
            XCTAssertTrue(String(decoding: svg, as: UTF8.self).contains("<svg"), name)
        }
    }

    static func executable(_ name: String) -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    // MARK: Escaping

    /// Names with every character that could break out of a label in either syntax.
    static let hostileModel: AuthorizationModel = {
        let origin = Origin(file: "evil \"file\".yaml", line: 3)
        let role = RBACRole.clusterRole("evil\"]; x --> y; %% <b>&#35;", rules: [
            PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"], origin: origin),
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/x\\\"{}[]|<>`"], origin: origin),
        ], origin: origin)
        let binding = RBACBinding.clusterRoleBinding("end", clusterRole: role.name, subjects: [
            .user("mallory\"\n<script>alert(1)</script>", origin: origin), .group("graph", origin: origin),
            .user("digraph { a -> b }\\", origin: origin),
        ], origin: origin)
        return AuthorizationModel(roles: [role], bindings: [binding], includeBuiltIns: false)
    }()

    func testLabelsAreEscaped() {
        let graph = AccessGraph.build(Self.hostileModel)
        let mermaid = GraphRenderer.mermaid(graph)
        XCTAssertFalse(mermaid.contains("<script>"), mermaid)
        XCTAssertTrue(mermaid.contains("mallory#quot; #lt;script#gt;alert(1)#lt;/script#gt;"), mermaid)
        let dot = GraphRenderer.dot(graph)
        XCTAssertTrue(dot.contains(#"label="User mallory\"\n<script>alert(1)</script>""#), dot)
        XCTAssertTrue(dot.contains(#"digraph { a -> b }\\"#), dot)
        XCTAssertEqual(GraphRenderer.dotString("a\"b\\c\nd"), #""a\"b\\c\nd""#)
        XCTAssertEqual(GraphRenderer.mermaidText("a\"b#c<d>&`"), "a#quot;b#35;c#lt;d#gt;#amp;#96;")
    }

    // MARK: Risk and scope

    static func origin(_ line: Int) -> Origin { Origin(file: "rbac.yaml", line: line) }

    static func graph(_ rules: [PolicyRule], clusterWide: Bool = true, options: AccessGraph.Options = .init()) -> AccessGraph {
        let role = clusterWide ? RBACRole.clusterRole("r", rules: rules, origin: origin(1))
            : RBACRole.role("r", namespace: "team", rules: rules, origin: origin(1))
        let binding = clusterWide
            ? RBACBinding.clusterRoleBinding("b", clusterRole: "r", subjects: [.user("u", origin: origin(9))], origin: origin(8))
            : RBACBinding.roleBinding("b", namespace: "team", roleRef: RoleRef(kind: "Role", name: "r"),
                                      subjects: [.user("u", origin: origin(9))], origin: origin(8))
        return AccessGraph.build(AuthorizationModel(roles: [role], bindings: [binding], includeBuiltIns: false), options: options)
    }

    func risks(_ graph: AccessGraph, to resource: String) -> [String] {
        guard let node = graph.nodes.first(where: { $0.column == .resource && $0.label == resource }) else { return ["<no node>"] }
        return graph.edges.filter { $0.to == node.id }.flatMap(\.risks)
    }

    func testSensitivePermissionsAreHighlightedAsAuthzClassifiesThem() {
        let graph = Self.graph([
            PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["secrets", "configmaps"]),
            PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/exec"]),
            PolicyRule(verbs: ["escalate", "bind"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"]),
            PolicyRule(verbs: ["impersonate"], apiGroups: [""], resources: ["users"]),
        ])
        XCTAssertEqual(risks(graph, to: "secrets"), ["secret-read"])
        XCTAssertEqual(risks(graph, to: "configmaps"), [])
        XCTAssertEqual(risks(graph, to: "pods/exec"), ["pod-exec"])
        XCTAssertEqual(risks(graph, to: "clusterroles.rbac.authorization.k8s.io"), ["bind", "escalate"])
        XCTAssertEqual(risks(graph, to: "users"), ["impersonate"])
        let subject = graph.nodes.first { $0.column == .subject }
        XCTAssertEqual(subject?.risks, ["bind", "escalate", "impersonate", "pod-exec", "secret-read"])
        let bindingEdge = graph.edges.first { graph.node($0.from)?.column == .grant }
        XCTAssertEqual(bindingEdge?.label, "cluster-wide")
    }

    func testClusterAdminEquivalent() {
        let graph = Self.graph([PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"])])
        XCTAssertEqual(risks(graph, to: "* (every resource)"), ["cluster-admin-equivalent"])
        XCTAssertTrue(GraphRenderer.mermaid(graph).contains("==>|\"cluster-admin-equivalent\"|"))
    }

    func testScopeDecidesRiskOfClusterScopedResources() {
        let rule = PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["persistentvolumes"])
        XCTAssertEqual(risks(Self.graph([rule], clusterWide: true), to: "persistentvolumes"), ["pv-create"])
        let namespaced = Self.graph([rule], clusterWide: false)
        XCTAssertEqual(risks(namespaced, to: "persistentvolumes"), [])
        XCTAssertEqual(namespaced.edges.first { $0.scope != nil }?.label, "ns team")
        XCTAssertTrue(GraphRenderer.dot(namespaced).contains("[label=\"ns team\", style=dashed]"))
    }

    func testABACLinesAreGrants() {
        let model = AuthorizationModel(abacPolicies: [
            ABACPolicy(user: "alice", namespace: "ml", resource: "secrets", origin: Origin(file: "p.jsonl", line: 2)),
        ], includeBuiltIns: false)
        let graph = AccessGraph.build(model)
        XCTAssertEqual(graph.nodes.map(\.label), ["User alice", "ABAC line 2", "all verbs (*)", "secrets"])
        XCTAssertEqual(graph.edges.first { $0.scope != nil }?.label, "ns ml")
        XCTAssertTrue(graph.nodes.allSatisfy(\.risky))
    }

    // MARK: Filters

    func testFiltersKeepWholePaths() throws {
        let model = try Self.model(["fixtures"])
        let all = AccessGraph.build(model)
        let trainer = AccessGraph.build(model, options: .init(subject: "ServiceAccount ml-prod/trainer"))
        XCTAssertEqual(trainer.nodes.filter { $0.column == .subject }.map(\.label), ["ServiceAccount ml-prod/trainer"])
        XCTAssertEqual(trainer.nodes.map(\.column), [.subject, .grant, .role, .permission, .resource])
        for form in ["trainer", "ml-prod/trainer", "system:serviceaccount:ml-prod:trainer"] {
            XCTAssertEqual(AccessGraph.build(model, options: .init(subject: form)), trainer, form)
        }
        XCTAssertTrue(AccessGraph.build(model, options: .init(subject: "nobody")).isEmpty)

        let risky = AccessGraph.build(model, options: .init(riskyOnly: true))
        XCTAssertLessThan(risky.nodes.count, all.nodes.count)
        XCTAssertTrue(risky.edges.filter { risky.node($0.to)?.column == .resource }.allSatisfy(\.risky))

        let pods = AccessGraph.build(model, options: .init(resource: "pods"))
        XCTAssertEqual(Set(pods.nodes.filter { $0.column == .resource }.map(\.label)), ["pods", "pods/log", "* (every resource)"])
        let exec = AccessGraph.build(model, options: .init(resource: "pods/exec"))
        XCTAssertEqual(Set(exec.nodes.filter { $0.column == .resource }.map(\.label)), ["pods", "* (every resource)"],
                       "ABAC resource pods covers its subresources; * covers everything")

        let notebooks = AccessGraph.build(model, options: .init(namespace: "ml-notebooks"))
        let grants = notebooks.nodes.filter { $0.column == .grant }.map(\.label)
        XCTAssertTrue(grants.contains("RoleBinding ml-notebooks/notebook-reads-pods"), "\(grants)")
        XCTAssertFalse(grants.contains("RoleBinding ml-prod/notebook-reads-pods"), "\(grants)")
        XCTAssertTrue(grants.contains("ClusterRoleBinding trainer-reads-all-secrets"), "cluster-wide grants hold in every namespace")
    }

    // MARK: Ids and determinism

    func testIdsAreStableUniqueAndSafe() throws {
        let graph = AccessGraph.build(try Self.model(["fixtures"]))
        XCTAssertEqual(Set(graph.nodes.map(\.id)).count, graph.nodes.count)
        for node in graph.nodes {
            XCTAssertNotNil(node.id.range(of: "^[a-z]+_[A-Za-z0-9_]*[0-9a-f]{8}$", options: .regularExpression), node.id)
        }
        let rules = [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])]
        let a = RBACRole.clusterRole("a-b", rules: rules, origin: Self.origin(1))
        let b = RBACRole.clusterRole("a_b", rules: rules, origin: Self.origin(2))
        let ids = AccessGraph.build(AuthorizationModel(roles: [a, b], includeBuiltIns: false)).nodes.filter { $0.column == .role }.map(\.id)
        XCTAssertEqual(ids.count, 2)
        XCTAssertNotEqual(ids[0], ids[1], "keys differing only in punctuation get different ids")
    }

    func testSameInputSameBytesWhateverTheOrder() throws {
        let inputs = try InputDiscovery.inputs(for: ["fixtures"])
        let forward = Checker(rules: BuiltinRules.all, options: CheckOptions()).check(inputs).resourceSet
        let backward = Checker(rules: BuiltinRules.all, options: CheckOptions()).check(inputs.reversed()).resourceSet
        let one = AccessGraph.build(forward.authorization)
        XCTAssertEqual(one, AccessGraph.build(backward.authorization))
        XCTAssertEqual(GraphRenderer.dot(one), GraphRenderer.dot(AccessGraph.build(forward.authorization)))
        XCTAssertEqual(GraphSVG.render(one), GraphSVG.render(AccessGraph.build(backward.authorization)))
    }

    // MARK: SVG

    func testSVGLayoutPlacesEveryNodeInItsColumnWithoutOverlap() throws {
        let graph = AccessGraph.build(try Self.model(["fixtures"]))
        let layout = GraphSVG.layout(graph)
        XCTAssertEqual(Set(layout.boxes.map(\.id)), Set(graph.nodes.map(\.id)))
        var byX: [Int: [Int]] = [:]
        for box in layout.boxes {
            let node = try XCTUnwrap(graph.node(box.id))
            byX[box.x, default: []].append(box.y)
            XCTAssertEqual(box.x, 8 + node.column.rawValue * 260, node.label)
        }
        for ys in byX.values {
            let sorted = ys.sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) { XCTAssertGreaterThanOrEqual(b - a, 36) }
        }
        XCTAssertTrue(layout.boxes.allSatisfy { $0.y + 36 <= layout.height && $0.x + 200 <= layout.width })
    }

    func testSVGIsWellFormedXML() throws {
        for model in [try Self.model(["fixtures"]), Self.hostileModel] {
            let svg = GraphSVG.render(AccessGraph.build(model))
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
            XCTAssertFalse(svg.contains("<script"), "labels are escaped")
        }
    }

    func testLimitKeepsRiskiestSubjects() throws {
        let graph = AccessGraph.build(try Self.model(["fixtures"]))
        let (limited, omitted) = graph.limited(maxNodes: 12)
        XCTAssertLessThanOrEqual(limited.nodes.count, 12)
        XCTAssertGreaterThan(omitted, 0)
        XCTAssertTrue(limited.nodes.filter { $0.column == .subject }.allSatisfy(\.risky))
        XCTAssertTrue(limited.edges.allSatisfy { limited.node($0.from) != nil && limited.node($0.to) != nil })
        XCTAssertEqual(graph.limited(maxNodes: 10_000).graph, graph)
    }
}

/// A structural check of the Mermaid flowchart subset the renderer writes: the header, node declarations with a
/// quoted label in one of the shapes, edges between declared nodes (`-->`, `==>`, optionally `|"label"|`),
/// `classDef`, `class` and `linkStyle` lines whose references exist, and comments. Labels may not contain a raw
/// quote, and ids must be plain identifiers that are not Mermaid keywords.
enum MermaidChecker {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let shapes: [(String, String)] = [("([", "])"), ("[[", "]]"), ("[(", ")]"), ("[", "]"), ("(", ")")]
    static let keywords: Set<String> = ["end", "graph", "flowchart", "subgraph", "class", "classDef", "click", "style", "linkStyle", "direction"]

    static func check(_ text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "flowchart LR" else { throw Failure(description: "first line must be 'flowchart LR'") }
        if lines.last == "" { lines.removeLast() }
        var nodes = Set<String>()
        var edges = 0
        var classes = Set<String>()
        var deferred: [(Int, String)] = []
        for (number, raw) in lines.enumerated().dropFirst() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            func fail(_ why: String) -> Failure { Failure(description: "line \(number + 1): \(why): \(raw)") }
            if line.isEmpty || line.hasPrefix("%%") { continue }
            if line.hasPrefix("classDef ") {
                let parts = line.split(separator: " ", maxSplits: 2)
                guard parts.count == 3 else { throw fail("classDef NAME STYLE") }
                classes.insert(String(parts[1]))
                continue
            }
            if line.hasPrefix("class ") || line.hasPrefix("linkStyle ") {
                deferred.append((number, line))
                continue
            }
            if let (from, to) = try edge(line, fail: fail) {
                guard nodes.contains(from), nodes.contains(to) else { throw fail("edge between undeclared nodes") }
                edges += 1
                continue
            }
            let id = String(line.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            guard isIdentifier(id) else { throw fail("bad node id") }
            let rest = String(line.dropFirst(id.count))
            guard let (open, close) = shapes.first(where: { rest.hasPrefix($0.0 + "\"") && rest.hasSuffix("\"" + $0.1) }) else {
                throw fail("node needs a quoted label in a known shape")
            }
            let label = rest.dropFirst(open.count + 1).dropLast(close.count + 1)
            guard !label.contains("\"") else { throw fail("raw quote inside a label") }
            guard !label.contains("\n") else { throw fail("line break inside a label") }
            guard nodes.insert(id).inserted else { throw fail("node declared twice") }
        }
        for (number, line) in deferred {
            let parts = line.split(separator: " ")
            guard parts.count == 3 else { throw Failure(description: "line \(number + 1): \(line)") }
            if parts[0] == "class" {
                guard classes.contains(String(parts[2])) else { throw Failure(description: "line \(number + 1): unknown class") }
                for id in parts[1].split(separator: ",") where !nodes.contains(String(id)) {
                    throw Failure(description: "line \(number + 1): class of undeclared node \(id)")
                }
            } else {
                for index in parts[1].split(separator: ",") {
                    guard let i = Int(index), i >= 0, i < edges else { throw Failure(description: "line \(number + 1): link \(index) does not exist") }
                }
            }
        }
    }

    static func isIdentifier(_ id: String) -> Bool {
        guard let first = id.first, first.isLetter, !keywords.contains(id) else { return false }
        return id.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
    }

    /// `A --> B`, `A ==> B`, `A -->|"label"| B`; nil when the line is not an edge.
    static func edge(_ line: String, fail: (String) -> Failure) throws -> (String, String)? {
        for arrow in [" --> ", " ==> ", " -->|", " ==>|"] {
            guard let range = line.range(of: arrow) else { continue }
            let from = String(line[..<range.lowerBound])
            var rest = String(line[range.upperBound...])
            if arrow.hasSuffix("|") {
                guard rest.hasPrefix("\""), let end = rest.range(of: "\"| ") else { throw fail("edge label must be |\"…\"|") }
                let label = rest[rest.index(after: rest.startIndex) ..< end.lowerBound]
                guard !label.contains("\"") else { throw fail("raw quote inside an edge label") }
                rest = String(rest[end.upperBound...])
            }
            guard isIdentifier(from), isIdentifier(rest) else { throw fail("edge endpoints must be ids") }
            return (from, rest)
        }
        return nil
    }
}
