import Foundation
import XCTest

/// Runs the built `palisade` binary as a user would and checks exit codes and output.
final class CLITests: XCTestCase {
    func testBinaryExists() {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: CLIHarness.binary.path), CLIHarness.binary.path)
    }

    func testFixturesExitOneWithFindings() throws {
        let run = try palisade(["check", "fixtures"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("fixtures/broken/lost-indentation.yaml:7:1: error [unknown-field]"))
        XCTAssertEqual(run.stderr, "")
    }

    func testCleanFilesExitZero() throws {
        let run = try palisade(["check", "fixtures/hardened"])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.hasPrefix("0 errors"))
    }

    func testFailOnLevels() throws {
        XCTAssertEqual(try palisade(["check", "--fail-on", "none", "fixtures"]).status, 0)
        XCTAssertEqual(try palisade(["check", "--fail-on", "error", "fixtures/broken/not-kubernetes.yaml"]).status, 0)
        XCTAssertEqual(try palisade(["check", "--fail-on", "info", "fixtures/broken/not-kubernetes.yaml"]).status, 1)
    }

    func testUsageErrorsExitTwoWithOneLine() throws {
        let missing = try palisade(["check", "does/not/exist"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "palisade: does/not/exist: no such file or directory\n")
        XCTAssertEqual(try palisade(["check", "--format", "xml"]).status, 2)
        XCTAssertEqual(try palisade(["check", "--only", "no-such-rule", "fixtures"]).status, 2)
        XCTAssertEqual(try palisade(["explain", "no-such-rule"]).status, 2)
    }

    func testStandardInputWithName() throws {
        let run = try palisade(["check", "-", "--stdin-filename", "chart/rendered.yaml"],
                               stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.hasPrefix("chart/rendered.yaml:3:1: error [missing-name]"), run.stdout)
    }

    func testJSONOutputParses() throws {
        let run = try palisade(["check", "-f", "json", "fixtures"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["version"] as? Int, 1)
        XCTAssertFalse((object?["findings"] as? [Any] ?? []).isEmpty)
    }

    func testNoColourWhenPiped() throws {
        XCTAssertFalse(try palisade(["check", "fixtures"]).stdout.contains("\u{1B}["))
    }

    func testRulesAndExplain() throws {
        let rules = try palisade(["rules"])
        XCTAssertEqual(rules.status, 0)
        XCTAssertTrue(rules.stdout.contains("selector-mismatch"))
        let explain = try palisade(["explain", "job-restart-policy"])
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.contains("How to fix:"))
        XCTAssertTrue(explain.stdout.contains("restartPolicy: Always"))
        XCTAssertFalse(explain.stdout.contains("Checked by:"), "a Swift rule has no policy definition")
        // A rule written as a policy shows its file and CEL expression.
        let policy = try palisade(["explain", "job-missing-ttl"])
        XCTAssertEqual(policy.status, 0)
        XCTAssertTrue(policy.stdout.contains("Checked by:\n    policy jobs (policies/jobs.yaml), compliant when:\n"))
        XCTAssertTrue(policy.stdout.contains("has(variables.jobSpec.ttlSecondsAfterFinished)"))
        // An example that needs a parameter says which, as `.palisade.yaml` sets it.
        let parameterized = try palisade(["explain", "node-port-range"])
        XCTAssertTrue(parameterized.stdout.contains("Triggers on (example 3, finding at 11:15):\n  with nodePortRange: 20000-22767\n"),
                      parameterized.stdout)
        let version = try palisade(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertFalse(version.stdout.isEmpty)
    }

    func testHostileInputsNeverCrashAndOthersStillChecked() throws {
        let dir = try temporaryDirectory()
        let good = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"
        try good.write(to: dir.appendingPathComponent("z-good.yaml"), atomically: true, encoding: .utf8)
        try Data([0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: dir.appendingPathComponent("bad-utf8.yaml"))
        try Data([0x00, 0x01, 0x02]).write(to: dir.appendingPathComponent("binary.yaml"))
        try (String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
            .write(to: dir.appendingPathComponent("deep.yaml"), atomically: true, encoding: .utf8)
        try "---\n".write(to: dir.appendingPathComponent("only-separator.yaml"), atomically: true, encoding: .utf8)
        try "".write(to: dir.appendingPathComponent("empty.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  namespace: x\r\n"
            .write(to: dir.appendingPathComponent("crlf.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("dir.yaml/loop"), withDestinationURL: dir)

        let run = try palisade(["check", dir.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("bad-utf8.yaml:1:4: error [file-encoding]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("binary.yaml:1:1: error [file-encoding]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("deep.yaml:1:257: error [input-limit]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("crlf.yaml:3:1: error [missing-name]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("z-good.yaml:3:1: error [missing-name]"), run.stdout)
        XCTAssertFalse(run.stdout.contains("only-separator"))
        XCTAssertEqual(run.stderr, "")
    }

    func testUnreadableFileIsAFindingAndOthersAreChecked() throws {
        guard getuid() != 0 else {
            // root reads any file; exercise the same path with a FIFO, which is not a regular file.
            let dir = try temporaryDirectory()
            XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o644), 0)
            try "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n".write(to: dir.appendingPathComponent("ok.yaml"), atomically: true, encoding: .utf8)
            let run = try palisade(["check", dir.path])
            XCTAssertTrue(run.stdout.contains("pipe.yaml:1:1: error [unreadable-file] cannot read file: not a regular file"), run.stdout)
            XCTAssertTrue(run.stdout.contains("ok.yaml:3:1: error [missing-name]"), run.stdout)
            return
        }
        let dir = try temporaryDirectory()
        let locked = dir.appendingPathComponent("locked.yaml")
        try "a: 1\n".write(to: locked, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        let run = try palisade(["check", dir.path])
        XCTAssertTrue(run.stdout.contains("locked.yaml:1:1: error [unreadable-file]"), run.stdout)
    }
}
