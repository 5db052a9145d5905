import Engine
import Foundation
import Models
import Reporters
import Rules
import XCTest
import YAMLTree

/// Manifests and a checker run shared by the SARIF, JUnit and GitHub reporter tests: real
/// rules over a few files, with a suppressed finding, a clean file and awkward file names.
enum ReporterFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let app = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
    spec:
      replicas: 1
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: nginx:latest
            securityContext:
              privileged: true

    """

    /// `privileged-container` suppressed with a reason; `host-pid` reported.
    static let suppressed = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: debug
      namespace: ops
      annotations:
        palisade.dev/ignore: privileged-container
        palisade.dev/ignore-reason: "node debugging, <approved> & reviewed"
    spec:
      hostPID: true
      containers:
      - name: shell
        image: busybox:1.36
        securityContext:
          privileged: true

    """

    static let clean = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: shop
    data:
      mode: production

    """

    static let names = ["deploy/app.yaml", "./deploy/ops dir/debug #1.yaml", "deploy/settings.yaml"]

    static var inputs: [SourceInput] {
        zip(names, [app, suppressed, clean]).map { SourceInput(name: $0, bytes: Array($1.utf8)) }
    }

    static func check(_ inputs: [SourceInput] = inputs) -> CheckResult {
        Checker(rules: BuiltinRules.all, options: CheckOptions()).check(inputs)
    }

    static var rules: [RuleMetadata] { BuiltinRules.all.map(\.metadata) }

    static func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Runs a program, returning its exit status and combined output; nil when it cannot start.
    static func run(_ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

final class SARIFReporterTests: XCTestCase {
    let reporter = SARIFReporter(toolVersion: "1.2.3", rootPath: "/repo", informationURI: "https://example.com/palisade")

    private func sarif(_ result: CheckResult = ReporterFixtures.check()) throws -> (text: String, log: [String: Any], run: [String: Any]) {
        let text = reporter.render(result, rules: ReporterFixtures.rules)
        let log = try ReporterFixtures.json(text)
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        return (text, log, runs[0])
    }

    private func results(_ run: [String: Any]) throws -> [[String: Any]] {
        try XCTUnwrap(run["results"] as? [[String: Any]])
    }

    func testEnvelopeAndDriver() throws {
        let (_, log, run) = try sarif()
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        XCTAssertEqual(log["$schema"] as? String, SARIFReporter.schemaURI)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "palisade")
        XCTAssertEqual(driver["version"] as? String, "1.2.3")
        XCTAssertEqual(driver["semanticVersion"] as? String, "1.2.3")
        XCTAssertEqual(driver["informationUri"] as? String, "https://example.com/palisade")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, ReporterFixtures.rules.map(\.id))
        let bases = try XCTUnwrap(run["originalUriBaseIds"] as? [String: [String: Any]])
        XCTAssertEqual(bases["%SRCROOT%"]?["uri"] as? String, "file:///repo/")
    }

    func testRuleDescriptors() throws {
        let (_, _, run) = try sarif()
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let metadata = try XCTUnwrap(ReporterFixtures.rules.first { $0.id == "privileged-container" })
        let rule = try XCTUnwrap(rules.first { $0["id"] as? String == "privileged-container" })
        XCTAssertEqual(rule["name"] as? String, "PrivilegedContainer")
        XCTAssertEqual((rule["shortDescription"] as? [String: Any])?["text"] as? String, metadata.summary)
        XCTAssertEqual((rule["fullDescription"] as? [String: Any])?["text"] as? String, metadata.rationale)
        let help = try XCTUnwrap(rule["help"] as? [String: String])
        XCTAssertTrue(help["text"]!.hasPrefix(metadata.rationale))
        XCTAssertTrue(help["text"]!.contains(metadata.remediation))
        XCTAssertTrue(help["markdown"]!.contains("**How to fix:** " + metadata.remediation))
        XCTAssertEqual((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String, "error")
        XCTAssertNil((rule["defaultConfiguration"] as? [String: Any])?["enabled"])
        XCTAssertEqual((rule["properties"] as? [String: Any])?["tags"] as? [String], [metadata.area])

        // Rules that are off by default say so; levels map info → note.
        for (m, r) in zip(ReporterFixtures.rules, rules) {
            let configuration = try XCTUnwrap(r["defaultConfiguration"] as? [String: Any])
            XCTAssertEqual(configuration["enabled"] as? Bool, m.enabledByDefault ? nil : false, m.id)
            XCTAssertEqual(configuration["level"] as? String, ["info": "note", "warning": "warning", "error": "error"][m.severity.description])
        }
        XCTAssertTrue(ReporterFixtures.rules.contains { !$0.enabledByDefault }, "expected some rule off by default")
        XCTAssertEqual(SARIFReporter.ruleName("host-pid"), "HostPid")
        XCTAssertEqual(SARIFReporter.ruleName("yaml11-boolean"), "Yaml11Boolean")
    }

    func testResults() throws {
        let check = ReporterFixtures.check()
        let (_, _, run) = try sarif(check)
        let results = try results(run)
        XCTAssertEqual(results.count, check.findings.count + check.suppressed.count)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []

        let privileged = try XCTUnwrap(results.first { $0["ruleId"] as? String == "privileged-container" && $0["suppressions"] == nil })
        XCTAssertEqual(privileged["level"] as? String, "error")
        let index = try XCTUnwrap(privileged["ruleIndex"] as? Int)
        XCTAssertEqual(rules[index]["id"] as? String, "privileged-container")
        let finding = try XCTUnwrap(check.findings.first { $0.ruleID == "privileged-container" })
        XCTAssertEqual((privileged["message"] as? [String: Any])?["text"] as? String, finding.message)
        let location = try XCTUnwrap((privileged["locations"] as? [[String: Any]])?.first)
        let physical = try XCTUnwrap(location["physicalLocation"] as? [String: Any])
        let artifact = try XCTUnwrap(physical["artifactLocation"] as? [String: Any])
        XCTAssertEqual(artifact["uri"] as? String, "deploy/app.yaml")
        XCTAssertEqual(artifact["uriBaseId"] as? String, "%SRCROOT%")
        let region = try XCTUnwrap(physical["region"] as? [String: Int])
        XCTAssertEqual(region["startLine"], finding.position.line)
        XCTAssertEqual(region["startColumn"], finding.position.column)
        XCTAssertEqual(region["startLine"], 18)
        let logical = try XCTUnwrap((location["logicalLocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(logical["fullyQualifiedName"] as? String, "Deployment/shop/web")
        XCTAssertEqual(logical["name"] as? String, "web")
        XCTAssertEqual(logical["kind"] as? String, "resource")
        XCTAssertEqual((privileged["partialFingerprints"] as? [String: String])?["palisade/v1"], finding.fingerprint)
        XCTAssertEqual((privileged["properties"] as? [String: Any])?["fieldPath"] as? String, finding.fieldPath)
    }

    func testSuppressedFindingsCarryInSourceSuppression() throws {
        let check = ReporterFixtures.check()
        XCTAssertEqual(check.suppressed.map(\.ruleID), ["privileged-container"])
        let results = try results(try sarif(check).run)
        let suppressed = results.filter { $0["suppressions"] != nil }
        XCTAssertEqual(suppressed.count, 1)
        let suppression = try XCTUnwrap((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        XCTAssertEqual(suppression["kind"] as? String, "inSource")
        XCTAssertEqual(suppression["justification"] as? String, check.suppressed[0].suppression)
        XCTAssertTrue((suppression["justification"] as? String ?? "").contains("<approved> & reviewed"))
    }

    func testURIsAreRelativeToTheRootAndPercentEncoded() throws {
        let results = try results(try sarif().run)
        let uris = Set(results.compactMap {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        })
        XCTAssertTrue(uris.contains("deploy/ops%20dir/debug%20%231.yaml"), "\(uris)")

        XCTAssertEqual(RepositoryPath.relative("/repo/a/b.yaml", root: "/repo"), "a/b.yaml")
        XCTAssertEqual(RepositoryPath.relative("/repo/a/b.yaml", root: "/repo/"), "a/b.yaml")
        XCTAssertEqual(RepositoryPath.relative("./././a.yaml", root: nil), "a.yaml")
        XCTAssertEqual(RepositoryPath.relative("./a.yaml", root: "."), "a.yaml")
        XCTAssertEqual(RepositoryPath.relative("/repository/a.yaml", root: "/repo"), "/repository/a.yaml")
        XCTAssertEqual(RepositoryPath.percentEncoded("dir/ä b:%c?#.yaml"), "dir/%C3%A4%20b%3A%25c%3F%23.yaml")
        // Names typed relative to the working directory are resolved against it first.
        XCTAssertEqual(RepositoryPath.relative("svc.yaml", root: "/repo", workingDirectory: "/repo/apps"), "apps/svc.yaml")
        XCTAssertEqual(RepositoryPath.relative("../infra/./p.yaml", root: "/repo", workingDirectory: "/repo/apps"), "infra/p.yaml")
        XCTAssertEqual(RepositoryPath.relative("../../x.yaml", root: "/repo", workingDirectory: "/repo/apps"), "/x.yaml")
        XCTAssertEqual(RepositoryPath.relative("/repo/a.yaml", root: "/repo", workingDirectory: "/repo/apps"), "a.yaml")
        XCTAssertEqual(RepositoryPath.relative("a.yaml", root: nil, workingDirectory: "/repo/apps"), "a.yaml")
        // A name starting with a combining mark: "/" + U+0301 is one Character but two path parts.
        XCTAssertEqual(RepositoryPath.relative("\u{301}x.yaml", root: "/repo", workingDirectory: "/repo"), "\u{301}x.yaml")
        XCTAssertEqual(RepositoryPath.relative("../\u{301}x.yaml", root: "/repo", workingDirectory: "/repo/k8s"), "\u{301}x.yaml")
        XCTAssertEqual(RepositoryPath.relative("/repo/\u{301}d/./x.yaml", root: "/repo"), "\u{301}d/./x.yaml")
        XCTAssertEqual(LexicalPath.normalized("/a/\u{301}x/../b//./c"), "/a/b/c")
        XCTAssertEqual(LexicalPath.normalized("/.."), "/")

        // A file outside the root becomes an absolute file URI without a base.
        let outside = Finding(ruleID: "r", severity: .info, message: "m", file: "/elsewhere/x y.yaml", position: .start)
        let log = try ReporterFixtures.json(reporter.render(CheckResult(findings: [outside], suppressed: [], filesChecked: 1, resourcesChecked: 0), rules: []))
        let result = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let artifact = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        XCTAssertEqual(artifact?["uri"] as? String, "file:///elsewhere/x%20y.yaml")
        XCTAssertNil(artifact?["uriBaseId"])
        XCTAssertEqual(result["level"] as? String, "note")
        // A rule id that no rule passed in describes still gets a descriptor.
        XCTAssertEqual(result["ruleIndex"] as? Int, 0)
    }

    func testNoRootMeansNoBaseURIButARelativeReference() throws {
        let text = SARIFReporter(toolVersion: "dev").render(ReporterFixtures.check(), rules: ReporterFixtures.rules)
        let run = try XCTUnwrap((try ReporterFixtures.json(text)["runs"] as? [[String: Any]])?.first)
        let bases = try XCTUnwrap(run["originalUriBaseIds"] as? [String: [String: Any]])
        XCTAssertNil(bases["%SRCROOT%"]?["uri"])
        let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        XCTAssertNil(driver?["informationUri"])
        XCTAssertNil(driver?["semanticVersion"])
        XCTAssertFalse(text.contains("null"))
    }

    func testEscapingInMessages() throws {
        let f = Finding(ruleID: "r", severity: .warning, message: "say \"hi\"\n\u{1}\\ </x>", file: "a.yaml",
                        position: SourcePosition(line: 2, column: 3))
        let text = reporter.render(CheckResult(findings: [f], suppressed: [], filesChecked: 1, resourcesChecked: 0), rules: [])
        let result = try XCTUnwrap(((try ReporterFixtures.json(text)["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        XCTAssertEqual((result["message"] as? [String: Any])?["text"] as? String, "say \"hi\"\n\u{1}\\ </x>")
    }

    func testDeterministic() throws {
        let a = reporter.render(ReporterFixtures.check(), rules: ReporterFixtures.rules)
        var options = CheckOptions()
        options.jobs = 4
        let b = reporter.render(Checker(rules: BuiltinRules.all, options: options).check(ReporterFixtures.inputs),
                                rules: ReporterFixtures.rules)
        XCTAssertEqual(a, b)
        XCTAssertTrue(a.hasSuffix("}\n"))
    }

    /// Code scanning matches alerts across commits by `partialFingerprints`: moving a finding
    /// down a line must not change them.
    func testFingerprintsSurviveALineInsertedAbove() throws {
        let before = ReporterFixtures.check()
        let shifted = ReporterFixtures.inputs.map {
            guard case .bytes(let bytes) = $0.origin else { return $0 }
            return SourceInput(name: $0.name, bytes: Array("# a comment added later\n".utf8) + bytes)
        }
        let after = ReporterFixtures.check(shifted)
        XCTAssertFalse(before.findings.isEmpty)
        XCTAssertEqual(before.findings.map(\.fingerprint), after.findings.map(\.fingerprint))
        XCTAssertEqual(before.findings.map { $0.position.line + 1 }, after.findings.map(\.position.line))

        func fingerprints(_ r: CheckResult) throws -> [String] {
            try results(try sarif(r).run).map { ($0["partialFingerprints"] as? [String: String])?["palisade/v1"] ?? "" }
        }
        XCTAssertEqual(try fingerprints(before), try fingerprints(after))
        XCTAssertNotEqual(try sarif(before).text, try sarif(after).text)
    }

    /// Validates a realistic log against the official SARIF 2.1.0 schema with
    /// `scripts/validate-sarif.py` (Python `jsonschema`).
    func testValidatesAgainstTheSARIFSchema() throws {
        guard let python = ReporterFixtures.run(["python3", "--version"]), python.status == 0 else {
            print("SARIF schema validation skipped: python3 is not installed")
            throw XCTSkip("python3 not available")
        }
        let probe = try XCTUnwrap(ReporterFixtures.run(["python3", "-c", "import jsonschema"]))
        guard probe.status == 0 else {
            print("SARIF schema validation skipped: the jsonschema package is missing (pip install jsonschema): \(probe.output)")
            throw XCTSkip("python3 has no jsonschema package")
        }
        let folders = ["fixtures/security", "fixtures/secrets", "fixtures/networking", "fixtures/hygiene"]
        let fixtureInputs = try folders.flatMap { try InputDiscovery.inputs(for: [ReporterFixtures.root.appendingPathComponent($0).path]) }
        XCTAssertFalse(fixtureInputs.isEmpty)
        let result = ReporterFixtures.check(ReporterFixtures.inputs + fixtureInputs)
        XCTAssertGreaterThan(result.findings.count, 10)
        let text = SARIFReporter(toolVersion: "0.1.0", rootPath: ReporterFixtures.root.path,
                                 informationURI: "https://example.com/palisade").render(result, rules: ReporterFixtures.rules)
        XCTAssertTrue(text.contains("\"uri\": \"fixtures/security/"), "fixture paths should be relative to the root")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-\(UUID().uuidString).sarif")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let validation = try XCTUnwrap(ReporterFixtures.run(["python3", "scripts/validate-sarif.py", file.path]))
        XCTAssertEqual(validation.status, 0, validation.output)

        // The validator does reject a broken log.
        let broken = text.replacingOccurrences(of: "\"level\": \"note\"", with: "\"level\": \"info\"")
            .replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\"")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let rejected = try XCTUnwrap(ReporterFixtures.run(["python3", "scripts/validate-sarif.py", file.path]))
        XCTAssertEqual(rejected.status, 1, rejected.output)
        // … and a file name that is not percent-encoded.
        try text.replacingOccurrences(of: "ops%20dir", with: "ops dir").write(to: file, atomically: true, encoding: .utf8)
        let unencoded = try XCTUnwrap(ReporterFixtures.run(["python3", "scripts/validate-sarif.py", file.path]))
        XCTAssertEqual(unencoded.status, 1, unencoded.output)
        XCTAssertTrue(unencoded.output.contains("uri-reference"), unencoded.output)
    }
}
