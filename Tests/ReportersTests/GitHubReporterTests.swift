import Engine
import Foundation
import Models
import Reporters
import Rules
import XCTest
import YAMLTree

final class GitHubReporterTests: XCTestCase {
    func testOneCommandPerFindingThenASummary() throws {
        let result = ReporterFixtures.check()
        let lines = GitHubReporter().render(result, rules: ReporterFixtures.rules).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, "", "ends with a newline")
        XCTAssertEqual(lines.count, result.findings.count + 2)
        for (line, finding) in zip(lines, result.findings) {
            XCTAssertTrue(line.hasPrefix("::\(GitHubReporter.command(for: finding.severity)) file="), String(line))
        }
        XCTAssertEqual(String(lines[lines.count - 2]), "palisade: " + TextReporter().summary(result))
        XCTAssertFalse(lines[lines.count - 2].hasPrefix("::"))
        XCTAssertTrue(lines[lines.count - 2].contains("1 suppressed"))

        let finding = try XCTUnwrap(result.findings.first { $0.ruleID == "privileged-container" })
        XCTAssertTrue(lines.contains(Substring(
            "::error file=deploy/app.yaml,line=18,col=23,title=palisade privileged-container::\(finding.message) (Deployment/shop/web)")))
        // Suppressed findings are not annotated; the file name loses its leading ./
        XCTAssertEqual(lines.filter { $0.contains("privileged-container") }.count, 1)
        XCTAssertTrue(lines.contains { $0.hasPrefix("::error file=deploy/ops dir/debug #1.yaml,line=10,col=12,title=palisade host-pid::") })
    }

    func testSeverityCommands() {
        func command(_ severity: Severity) -> String {
            GitHubReporter().command(Finding(ruleID: "r", severity: severity, message: "m", file: "a.yaml",
                                             position: SourcePosition(line: 2, column: 4)))
        }
        XCTAssertEqual(command(.error), "::error file=a.yaml,line=2,col=4,title=palisade r::m")
        XCTAssertEqual(command(.warning), "::warning file=a.yaml,line=2,col=4,title=palisade r::m")
        XCTAssertEqual(command(.info), "::notice file=a.yaml,line=2,col=4,title=palisade r::m")
    }

    /// A finding in `helm template` output names the template it came from, as the text report does.
    func testHelmTemplateIsNamed() {
        var f = Finding(ruleID: "r", severity: .warning, message: "m", file: "rendered.yaml", position: SourcePosition(line: 9, column: 3))
        f.sourceTemplate = "shop/templates/deployment.yaml"
        XCTAssertEqual(GitHubReporter().command(f),
                       "::warning file=rendered.yaml,line=9,col=3,title=palisade r::m [from shop/templates/deployment.yaml]")
    }

    func testEscaping() {
        let f = Finding(ruleID: "r", severity: .warning, message: "100% sure: a, b\r\nnext::line", file: "/ws/dir/a:b,c%d.yaml",
                        position: SourcePosition(line: 0, column: 0))
        XCTAssertEqual(GitHubReporter(rootPath: "/ws").command(f),
                       "::warning file=dir/a%3Ab%2Cc%25d.yaml,title=palisade r::100%25 sure: a, b%0D%0Anext::line")
        XCTAssertEqual(GitHubReporter.escapeData("%\r\n:,"), "%25%0D%0A:,")
        XCTAssertEqual(GitHubReporter.escapeProperty("%\r\n:,"), "%25%0D%0A%3A%2C")
        XCTAssertEqual(GitHubReporter.escapeProperty("charts/web/templates/deploy.yaml"), "charts/web/templates/deploy.yaml")
        XCTAssertEqual(GitHubReporter.escapeData("image web:1.2, from docker.io"), "image web:1.2, from docker.io")
    }

    /// `café` precomposed and decomposed are equal as Swift strings but are two files: each
    /// line names its own file's bytes (a per-file cache keyed by `==` named both alike).
    func testCanonicallyEquivalentFileNamesStayApart() {
        let composed = "caf\u{E9}.yaml", decomposed = "cafe\u{301}.yaml"
        XCTAssertEqual(composed, decomposed)
        let findings = [composed, decomposed, composed].map {
            Finding(ruleID: "r", severity: .error, message: "m", file: $0, position: SourcePosition(line: 1, column: 1))
        }
        let result = CheckResult(findings: findings, suppressed: [], filesChecked: 2, resourcesChecked: 0)
        let files = GitHubReporter().renderBytes(result, rules: []).split(separator: UInt8(ascii: "\n")).prefix(3).map { line in
            Array(line.split(separator: UInt8(ascii: ","))[0].dropFirst("::error file=".utf8.count))
        }
        XCTAssertEqual(files, [Array(composed.utf8), Array(decomposed.utf8), Array(composed.utf8)])
    }

    func testRootIsStripped() {
        let f = Finding(ruleID: "r", severity: .error, message: "m", file: "/home/runner/work/repo/k8s/x.yaml", position: .start)
        XCTAssertTrue(GitHubReporter(rootPath: "/home/runner/work/repo/").command(f).hasPrefix("::error file=k8s/x.yaml,line=1,col=1,"))
    }

    func testDeterministic() {
        let reporter = GitHubReporter()
        XCTAssertEqual(reporter.render(ReporterFixtures.check(), rules: []), reporter.render(ReporterFixtures.check(), rules: []))
    }

    func testCleanRunIsJustTheSummary() {
        let text = GitHubReporter().render(CheckResult(findings: [], suppressed: [], filesChecked: 2, resourcesChecked: 3), rules: [])
        XCTAssertEqual(text, "palisade: 0 errors, 0 warnings, 0 info in 2 files (3 resources)\n")
    }
}
