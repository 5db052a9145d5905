import Engine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Models
import Reporters
import Rules
import XCTest
import YAMLTree

/// A parsed XML element, for checking structure after a real XML parser accepted the text.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// Parses with Foundation's `XMLParser`; nil (and the parser's error) when not well-formed.
    static func parse(_ text: String) -> (root: XMLNode?, error: String?) {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse() else {
            return (nil, parser.parserError.map { "\($0)" } ?? "parse failed")
        }
        return (builder.root, nil)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

final class JUnitReporterTests: XCTestCase {
    private func parse(_ xml: String, file: StaticString = #filePath, line: UInt = #line) throws -> XMLNode {
        let parsed = XMLNode.parse(xml)
        return try XCTUnwrap(parsed.root, "not well-formed: \(parsed.error ?? "")\n\(xml)", file: file, line: line)
    }

    func testOneSuitePerFileAndOneCasePerResourceAndRule() throws {
        let result = ReporterFixtures.check()
        let xml = JUnitReporter().render(result, rules: ReporterFixtures.rules)
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
        let root = try parse(xml)
        XCTAssertEqual(root.name, "testsuites")
        let suites = root.all("testsuite")
        XCTAssertEqual(suites.map { $0["name"] }, ["deploy/app.yaml", "deploy/ops dir/debug #1.yaml", "deploy/settings.yaml"])

        for suite in suites {
            let cases = suite.all("testcase")
            XCTAssertEqual(suite["tests"], String(cases.count))
            XCTAssertEqual(suite["failures"], String(cases.filter { $0.first("failure") != nil }.count))
            XCTAssertEqual(suite["skipped"], String(cases.filter { $0.first("skipped") != nil }.count))
            XCTAssertEqual(suite["errors"], "0")
        }
        XCTAssertEqual(root["tests"], String(suites.flatMap { $0.all("testcase") }.count))
        XCTAssertEqual(root["failures"], String(suites.reduce(0) { $0 + Int($1["failures"]!)! }))
        XCTAssertEqual(root["skipped"], "1")

        // One testcase per resource × rule, named by the rule, classed by the resource.
        let app = suites[0].all("testcase")
        let appFindings = result.findings.filter { $0.file == "deploy/app.yaml" }
        XCTAssertEqual(app.count, Set(appFindings.map { "\($0.resource!)|\($0.ruleID)" }).count)
        let privileged = try XCTUnwrap(app.first { $0["name"] == "privileged-container" })
        XCTAssertEqual(privileged["classname"], "Deployment/shop/web")
        XCTAssertEqual(privileged["file"], "deploy/app.yaml")
        let failure = try XCTUnwrap(privileged.first("failure"))
        let finding = try XCTUnwrap(appFindings.first { $0.ruleID == "privileged-container" })
        XCTAssertEqual(failure["type"], "error")
        XCTAssertEqual(failure["message"], finding.message)
        XCTAssertTrue(failure.text.hasPrefix("deploy/app.yaml:18:23: error [privileged-container] \(finding.message) (Deployment/shop/web)"),
                      failure.text)
        XCTAssertTrue(failure.text.contains("field: \(finding.fieldPath!)"))
    }

    func testSuppressedFindingsAreSkipped() throws {
        let root = try parse(JUnitReporter().render(ReporterFixtures.check(), rules: []))
        let debug = try XCTUnwrap(root.all("testsuite").first { $0["name"] == "deploy/ops dir/debug #1.yaml" })
        let skipped = debug.all("testcase").filter { $0.first("skipped") != nil }
        XCTAssertEqual(skipped.map { $0["name"] }, ["privileged-container"])
        XCTAssertEqual(skipped.first?["classname"], "Pod/ops/debug")
        XCTAssertEqual(skipped.first?.first("skipped")?["message"],
                       "suppressed by palisade.dev/ignore: privileged-container (node debugging, <approved> & reviewed)")
        XCTAssertNil(skipped.first?.first("failure"))
    }

    func testFilesWithoutFindingsGetOnePassingCase() throws {
        var result = ReporterFixtures.check()
        result.findings.removeAll { $0.file == "deploy/settings.yaml" }
        let root = try parse(JUnitReporter(checkedFiles: ReporterFixtures.names + ["empty.yaml"]).render(result, rules: []))
        let byName = Dictionary(uniqueKeysWithValues: root.all("testsuite").map { ($0["name"]!, $0) })
        for name in ["deploy/settings.yaml", "empty.yaml"] {
            let suite = try XCTUnwrap(byName[name], name)
            XCTAssertEqual(suite["tests"], "1")
            XCTAssertEqual(suite["failures"], "0")
            let cases = suite.all("testcase")
            XCTAssertEqual(cases.count, 1)
            XCTAssertEqual(cases.first?["name"], JUnitReporter.cleanTestName)
            XCTAssertEqual(cases.first?["classname"], name)
            XCTAssertTrue(cases.first?.children.isEmpty ?? false)
        }
        XCTAssertEqual(byName.count, 4)
    }

    func testManyFindingsOfOneRuleOnOneResourceShareACase() throws {
        let r = ResourceIdentity(apiVersion: "v1", kind: "Pod", namespace: nil, name: "p")
        let findings = [
            Finding(ruleID: "r", severity: .warning, message: "first", file: "/repo/a.yaml", position: SourcePosition(line: 3, column: 1), resource: r),
            Finding(ruleID: "r", severity: .error, message: "second", file: "/repo/a.yaml", position: SourcePosition(line: 9, column: 5), resource: r),
            Finding(ruleID: "s", severity: .info, message: "no resource", file: "/repo/a.yaml", position: SourcePosition(line: 1, column: 1)),
        ]
        let xml = JUnitReporter(rootPath: "/repo").render(CheckResult(findings: findings, suppressed: [], filesChecked: 1, resourcesChecked: 1), rules: [])
        let suite = try XCTUnwrap(try parse(xml).first("testsuite"))
        XCTAssertEqual(suite["name"], "a.yaml")
        let cases = suite.all("testcase")
        XCTAssertEqual(cases.map { $0["name"] }, ["r", "s"])
        XCTAssertEqual(cases.map { $0["classname"] }, ["Pod/p", "a.yaml"])
        let failure = try XCTUnwrap(cases[0].first("failure"))
        XCTAssertEqual(failure["type"], "error", "the highest severity of the case")
        XCTAssertEqual(failure["message"], "first (and 1 more)")
        XCTAssertEqual(failure.text, "a.yaml:3:1: warning [r] first (Pod/p)\na.yaml:9:5: error [r] second (Pod/p)")
        XCTAssertEqual(cases[1].first("failure")?["type"], "info")
    }

    func testEscapingAndControlCharacters() throws {
        let message = "a <b> & \"c\" 'd'\u{1}\u{B}\u{FFFE}\ttab\r\nline ]]> é 🚀"
        let f = Finding(ruleID: "r&<", severity: .warning, message: message, file: "dir/x&y <z>.yaml", position: .start,
                        resource: ResourceIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: "n\"s", name: "a'b"))
        let xml = JUnitReporter().render(CheckResult(findings: [f], suppressed: [], filesChecked: 1, resourcesChecked: 1), rules: [])
        XCTAssertFalse(xml.unicodeScalars.contains { !XMLWriter.isAllowed($0) }, "no character XML 1.0 forbids")
        let root = try parse(xml)
        let testcase = try XCTUnwrap(root.first("testsuite")?.first("testcase"))
        XCTAssertEqual(testcase.attributes["name"], "r&<")
        XCTAssertEqual(testcase["classname"], "ConfigMap/n\"s/a'b")
        XCTAssertEqual(root.first("testsuite")?["name"], "dir/x&y <z>.yaml")
        let expected = "a <b> & \"c\" 'd'\u{FFFD}\u{FFFD}\u{FFFD}\ttab\r\nline ]]> é 🚀"
        XCTAssertEqual(testcase.first("failure")?["message"], expected)
        XCTAssertTrue(testcase.first("failure")?.text.contains(expected) ?? false)

        XCTAssertEqual(XMLWriter.escapeAttribute("<&>\"'\n\r\t\u{0}"), "&lt;&amp;&gt;&quot;&apos;&#10;&#13;&#9;\u{FFFD}")
        XCTAssertEqual(XMLWriter.escapeText("<&>\"'\n\r\t\u{1F}"), "&lt;&amp;&gt;\"'\n&#13;\t\u{FFFD}")
        // Text that needs nothing is kept; other characters are copied between replacements.
        XCTAssertEqual(XMLWriter.escapeText("plain text é → ✓"), "plain text é → ✓")
        XCTAssertEqual(XMLWriter.escapeText("é\u{FFFE}x\u{FFFF}→\u{FFFD}&"), "é\u{FFFD}x\u{FFFD}→\u{FFFD}&amp;")
        XCTAssertEqual(XMLWriter.escapeAttribute("&"), "&amp;")
    }

    func testWellFormedAndDeterministicOnTheFixtures() throws {
        let inputs = try ["fixtures"].flatMap { try InputDiscovery.inputs(for: [ReporterFixtures.root.appendingPathComponent($0).path]) }
        var options = CheckOptions()
        options.jobs = 1
        let one = Checker(rules: BuiltinRules.all, options: options).check(inputs)
        options.jobs = 4
        let four = Checker(rules: BuiltinRules.all, options: options).check(inputs)
        let reporter = JUnitReporter(rootPath: ReporterFixtures.root.path, checkedFiles: inputs.map(\.name))
        let xml = reporter.render(one, rules: ReporterFixtures.rules)
        XCTAssertEqual(xml, reporter.render(four, rules: ReporterFixtures.rules))
        let root = try parse(xml)
        XCTAssertEqual(root.all("testsuite").count, inputs.count)
        XCTAssertTrue(root.all("testsuite").allSatisfy { $0["name"]!.hasPrefix("fixtures/") })
        XCTAssertGreaterThan(Int(root["failures"] ?? "") ?? 0, 10)
    }
}
