import Foundation
import XCTest

/// `palisade report --html` and `palisade rbac graph` as a user runs them, and the report rendered in a real browser
/// (headless Chromium through `scripts/screenshot-report.sh`; skipped with a reason when Chromium is absent).
final class ReportCommandTests: XCTestCase {
    /// Findings and Secrets of `palisade check`/`secrets` on the same input, so the report's
    /// counts are checked against the checker's rather than against numbers that change
    /// whenever a fixture is added.
    func expectedCounts(_ path: String) throws -> (findings: Int, secrets: Int) {
        let check = try palisade(["check", "--format", "json", path])
        let findings = (try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])?["findings"] as? [Any]
        let inventory = try palisade(["secrets", "--format", "json", path])
        let secrets = ((try JSONSerialization.jsonObject(with: Data(inventory.stdout.utf8)) as? [String: Any])?["secrets"]
            as? [[String: Any]])?.filter { $0["defined"] as? Bool == true }
        return (findings?.count ?? -1, secrets?.count ?? -1)
    }

    func testReportWritesOneSelfContainedPage() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("report.html")
        let run = try palisade(["report", "--html", out.path, "fixtures"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("palisade: wrote \(out.path) ("), run.stderr)
        let expected = try expectedCounts("fixtures")
        XCTAssertGreaterThan(expected.findings, 100)
        XCTAssertTrue(run.stderr.contains("\(expected.findings) findings, "), run.stderr)
        XCTAssertTrue(run.stderr.contains(" Secrets, 7 subjects with sensitive permissions"), run.stderr)
        let page = try String(contentsOf: out, encoding: .utf8)
        for id in ["summary", "findings", "secrets", "rbac-matrix", "access-graph"] {
            XCTAssertTrue(page.contains("<section id=\"\(id)\">"), id)
        }
        XCTAssertTrue(page.contains("<code>fixtures</code>"))

        // The same input gives the same bytes, to a file or to standard output.
        let again = try palisade(["report", "--html", "-", "fixtures"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, page)
    }

    func testReportTakesTheCheckOptions() throws {
        let run = try palisade(["report", "--html", "-", "--only", "run-as-root", "--title", "Only root", "--generated-at", "today", "fixtures/security"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("<title>Only root</title>"))
        XCTAssertTrue(run.stdout.contains("generated today"))
        let rules = Set(run.stdout.components(separatedBy: "<code class=\"rule\">").dropFirst().map { $0.prefix { $0 != "<" } })
        XCTAssertEqual(rules, ["run-as-root"])
        let bad = try palisade(["report", "--html", "-", "--only", "no-such-rule", "fixtures"])
        XCTAssertEqual(bad.status, 2)
        let missing = try palisade(["report", "fixtures"])
        XCTAssertEqual(missing.status, 2, "--html is required")
    }

    func testGraphCommandMatchesTheGoldenOutputs() throws {
        let golden = CLIHarness.root.appendingPathComponent("Tests/Golden/graph")
        for (args, name) in [(["fixtures/ml-platform"], "ml-platform.mmd"),
                             (["fixtures/ml-platform", "--format", "dot"], "ml-platform.dot"),
                             (["fixtures", "--subject", "ml-prod/trainer", "--format", "dot"], "fixtures-subject-trainer.dot"),
                             (["fixtures", "--risky-only"], "fixtures-risky-only.mmd"),
                             (["fixtures", "-n", "ml-notebooks"], "fixtures-namespace-ml-notebooks.mmd"),
                             (["fixtures", "--resource", "secrets"], "fixtures-resource-secrets.mmd")] {
            let run = try palisade(["rbac", "graph"] + args)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stdout, try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8), name)
        }
        let nobody = try palisade(["rbac", "graph", "fixtures/ml-platform", "--subject", "nobody"])
        XCTAssertEqual(nobody.status, 0)
        XCTAssertTrue(nobody.stdout.hasPrefix("flowchart LR\n  %% palisade rbac graph: 0 nodes, 0 edges"), nobody.stdout)
        let bad = try palisade(["rbac", "graph", "--format", "png", "fixtures"])
        XCTAssertEqual(bad.status, 2)
    }

    /// Renders the report of `fixtures/` in headless Chromium: a screenshot is written, the page's script ran (it
    /// reveals the filter bar and fills in the count), every section is in the DOM, and the console shows no errors.
    func testReportRendersInHeadlessChromium() throws {
        let browsers = ["chromium", "chromium-browser", "google-chrome"]
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard browsers.contains(where: { name in path.contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + name) } })
            || ProcessInfo.processInfo.environment["CHROMIUM"] != nil
        else {
            throw XCTSkip("Chromium is not installed (apt-get install -y chromium; .ci/run installs it)")
        }
        let dir = try temporaryDirectory()
        let report = dir.appendingPathComponent("report.html"), png = dir.appendingPathComponent("report.png")
        XCTAssertEqual(try palisade(["report", "--html", report.path, "fixtures"]).status, 0)

        let process = Process()
        process.executableURL = CLIHarness.root.appendingPathComponent("scripts/screenshot-report.sh")
        process.arguments = [report.path, png.path]
        process.currentDirectoryURL = CLIHarness.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let log = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "screenshot script failed (console errors?): \(log)")

        let size = (try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 20_000, "screenshot is suspiciously small")
        let header = try Data(contentsOf: png).prefix(8)
        XCTAssertEqual(Array(header), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")

        let dom = try String(contentsOf: dir.appendingPathComponent("report.dom.html"), encoding: .utf8)
        for id in ["summary", "findings", "secrets", "rbac-matrix", "access-graph", "access-graph-svg", "risk-matrix-table", "secret-table"] {
            XCTAssertTrue(dom.contains("id=\"\(id)\""), "#\(id) missing from the rendered DOM")
        }
        XCTAssertTrue(dom.contains("<html lang=\"en\" class=\" js\">"), "the script did not run")
        XCTAssertTrue(dom.contains("<div id=\"finding-tools\" class=\"tools\">"), "the filter bar was not revealed")
        let total = try expectedCounts("fixtures").findings
        XCTAssertTrue(dom.contains(">\(total) of \(total) findings shown<"), "the filter count was not filled in")
        let console = try String(contentsOf: dir.appendingPathComponent("report.console.log"), encoding: .utf8)
        XCTAssertFalse(console.contains("Uncaught"), console)
        XCTAssertFalse(console.contains(":CONSOLE"), console)
    }
}
