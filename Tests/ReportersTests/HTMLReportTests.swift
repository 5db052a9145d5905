import Authz
import Engine
import Foundation
import Reporters
import RuleCatalogue
import Rules
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The HTML audit page rendered in-process from the fixtures: sections, self-containment, escaping, excerpts,
/// collapsing, redaction and determinism. The browser test is `ReportCommandTests`.
final class HTMLReportTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    override func setUp() {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(Self.root.path))
    }

    static func content(_ paths: [String], jobs: Int = 1) throws -> HTMLReport.Content {
        var options = CheckOptions()
        options.jobs = jobs
        let result = Checker(rules: RuleCatalogue.builtin, options: options).check(try InputDiscovery.inputs(for: paths))
        let model = result.resourceSet.authorization
        return HTMLReport.Content(
            result: result, rules: RuleCatalogue.builtin.map(\.metadata),
            source: { try? String(contentsOfFile: $0, encoding: .utf8) },
            secrets: SecretInventory.build(result.resourceSet), subjects: SubjectReport.build(model),
            graph: AccessGraph.build(model))
    }

    static let fixturesPage: String = {
        let report = HTMLReport(toolVersion: "test", inputs: ["fixtures"])
        return report.render(try! content(["fixtures"]))
    }()

    func testSectionsAndKeyElements() {
        let page = Self.fixturesPage
        for id in ["summary", "findings", "finding-tools", "secrets", "secret-table", "rbac-matrix", "risk-matrix-table",
                   "access-graph", "access-graph-svg", "area-table", "repeated", "by-file"] {
            XCTAssertTrue(page.contains("id=\"\(id)\""), "missing #\(id)")
        }
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        XCTAssertTrue(page.hasSuffix("</html>\n"))
        let errors = try! Self.content(["fixtures"]).result.count(.error)
        XCTAssertGreaterThan(errors, 50)
        XCTAssertTrue(page.contains("<div class=\"card sev-error\" data-sev=\"error\"><div class=\"num\">\(errors)</div>"), "summary counts")
        XCTAssertTrue(page.contains("<td><span class=\"area\">security</span></td>"), "areas")
        XCTAssertTrue(page.contains("ServiceAccount ml-prod/trainer"), "matrix rows")
        XCTAssertTrue(page.contains("<th data-type=\"num\" title=\"read Secrets: "), "matrix columns")
        XCTAssertTrue(page.contains("<strong>ci-tokens</strong>"), "secret inventory")
        XCTAssertTrue(page.contains("<code>GITHUB_TOKEN</code>"), "key names are listed")
    }

    func testSelfContained() {
        let page = Self.fixturesPage
        XCTAssertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none';"))
        for forbidden in ["<link", "src=", "@import", "url(http", "https://", "<iframe", "<img"] {
            XCTAssertFalse(page.contains(forbidden), "page refers to an external resource: \(forbidden)")
        }
        // The only URL is the SVG namespace, which is never fetched.
        XCTAssertEqual(page.components(separatedBy: "http://").count - 1, 1)
        XCTAssertEqual(page.components(separatedBy: "<script>").count - 1, 1, "one inline script")
        XCTAssertTrue(page.contains("id=\"finding-tools\" class=\"tools\" hidden"), "filters appear only with scripts on")
    }

    func testNoSecretValues() {
        let page = Self.fixturesPage
        for secret in RedactionTests.secrets + ["bm90IGJhc2U2NCE=", "aHR0cHM6Ly9ob29rcy5zbGFjay5jb20v"] {
            XCTAssertFalse(page.contains(secret), "secret value in the page")
            XCTAssertFalse(page.contains(String(secret.prefix(6))), "more than 4 characters of a secret in the page")
        }
        XCTAssertTrue(page.contains("GITHUB_TOKEN: ghp_… (40 chars)"), "excerpt lines keep the key, redact the value")
    }

    func testExcerptHighlightsTheLineAndEscapes() throws {
        let page = Self.fixturesPage
        // fixtures/broken/bad-selector.yaml:7 is `  replicas: "3"`.
        XCTAssertTrue(page.contains("<span class=\"hl\"><span class=\"ln\">7</span>  replicas: &quot;3&quot;</span>"), "highlighted line")
        XCTAssertTrue(page.contains("<span class=\"ln\">5</span>  namespace: ml-prod\n"), "context before")
    }

    func testRepeatedFindingsCollapse() throws {
        var content = try Self.content(["fixtures"])
        let page = HTMLReport(toolVersion: "t", inputs: []).render(content)
        XCTAssertTrue(page.contains("<code class=\"rule\">capabilities-not-dropped</code> <span class=\"msg\">container &quot;…&quot; keeps"), "pattern shown")
        // The group counts every regular-container finding of the rule (their messages differ only in the name).
        let grouped = content.result.findings.filter {
            $0.ruleID == "capabilities-not-dropped" && $0.message.hasPrefix("container \"")
        }.count
        XCTAssertGreaterThan(grouped, 10)
        XCTAssertTrue(page.contains("data-count=\"\(grouped)\""), "count")
        // Many copies of one finding stay one entry, the list capped.
        let finding = content.result.findings[0]
        content.result.findings = (1 ... 5000).map { index in
            var copy = finding
            copy.message = "container \"c\(index)\" is bad"
            copy.position = .init(line: index, column: 1)
            return copy
        }
        var report = HTMLReport(toolVersion: "t", inputs: [])
        report.maxListed = 50
        let big = report.render(content)
        XCTAssertEqual(big.components(separatedBy: "<details class=\"group item\"").count - 1, 1)
        XCTAssertTrue(big.contains("data-count=\"5000\""))
        XCTAssertTrue(big.contains("… and 4950 more"))
        XCTAssertFalse(big.contains("id=\"by-file\""), "nothing left to list by file")
    }

    func testFindingTextIsEscaped() throws {
        var content = try Self.content(["fixtures/ml-platform"])
        var finding = content.result.findings[0]
        finding.message = "bad <script>alert('x')</script> & \"quoted\""
        finding.ruleID = "rule<b>"
        content.result.findings = [finding]
        let page = HTMLReport(toolVersion: "t", inputs: ["<in>"]).render(content)
        XCTAssertFalse(page.contains("<script>alert"))
        XCTAssertTrue(page.contains("bad &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        XCTAssertTrue(page.contains("<code>&lt;in&gt;</code>"))
        XCTAssertEqual(HTML.escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&#39;")
    }

    func testDeterministic() throws {
        let again = HTMLReport(toolVersion: "test", inputs: ["fixtures"]).render(try Self.content(["fixtures"], jobs: 4))
        XCTAssertEqual(again, Self.fixturesPage, "same input, same bytes, for any thread count")
        XCTAssertFalse(Self.fixturesPage.contains("generated "), "no timestamp unless given")
        let stamped = HTMLReport(toolVersion: "test", inputs: ["fixtures"], generatedAt: "2024-05-01T12:00:00Z")
            .render(try Self.content(["fixtures/ml-platform"]))
        XCTAssertTrue(stamped.contains("generated 2024-05-01T12:00:00Z"))
    }

    func testEmptyInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = HTMLReport(toolVersion: "t", inputs: []).render(try Self.content([dir.path]))
        XCTAssertTrue(page.contains("<p class=\"empty\">No findings.</p>"))
        XCTAssertTrue(page.contains("No Secrets defined or referenced."))
        XCTAssertTrue(page.contains("No subject holds a sensitive permission."))
        XCTAssertTrue(page.contains("No bindings, roles or ABAC lines in the input."))
    }

    func testExcerptRedactionLines() {
        let file: [Substring] = ["kind: Secret", "data:", "  password: c2VjcmV0", "  cert: |", "    -----BEGIN", "metadata:", "  name: x",
                                 "---", "kind: ConfigMap", "data:", "  password: visible"]
        // Secret data (the block scalar's body too), and a value whose key names a password anywhere.
        XCTAssertEqual(ExcerptRedactionProbe.lines(file), [3, 5, 11])
    }
}

/// Reaches the internal redaction through the page: a Secret's data lines come out redacted.
enum ExcerptRedactionProbe {
    static func lines(_ file: [Substring]) -> [Int] {
        let text = file.joined(separator: "\n")
        var redacted: [Int] = []
        for line in 1 ... file.count {
            let finding = Finding(ruleID: "r", severity: .info, message: "m", file: "f.yaml", position: .init(line: line, column: 1))
            var result = CheckResult(findings: [finding], suppressed: [], filesChecked: 1, resourcesChecked: 0)
            result.checkedFiles = ["f.yaml"]
            let content = HTMLReport.Content(result: result, rules: [], source: { _ in text }, secrets: SecretInventory.build(ResourceSet(resources: [])),
                                             subjects: SubjectReport.build(AuthorizationModel(includeBuiltIns: false)),
                                             graph: AccessGraph(nodes: [], edges: []))
            var report = HTMLReport(toolVersion: "t", inputs: [])
            report.contextLines = 0
            let page = report.render(content)
            if page.contains("(redacted)") || page.contains("chars)") { redacted.append(line) }
        }
        return redacted
    }
}
