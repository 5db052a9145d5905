import Foundation
import XCTest

/// Runs `palisade who-can`, `can-i`, `rbac report` and `abac to-rbac` on the fixtures as a user would.
final class RBACCommandTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `PALISADE_BIN`, or the `palisade` built next to the test bundle by `swift test`.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PALISADE_BIN"] { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0 ..< 4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("palisade").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("palisade")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func palisade(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = Self.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    func testWhoCanReadSecretsInMLProd() throws {
        let run = try palisade(["who-can", "get", "secrets", "-n", "ml-prod", "fixtures/ml-platform"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.hasPrefix("Who can get secrets in namespace ml-prod: 3 subjects"), run.stdout)
        XCTAssertTrue(run.stdout.contains("""
            ServiceAccount ml-prod/trainer
              via RBAC, cluster-wide:
                fixtures/ml-platform/rbac.yaml:34: ClusterRoleBinding trainer-reads-all-secrets
                fixtures/ml-platform/rbac.yaml:39: subject ServiceAccount ml-prod/trainer
                fixtures/ml-platform/rbac.yaml:25: ClusterRole secret-reader
                fixtures/ml-platform/rbac.yaml:30: rule verbs=[get,list,watch] apiGroups=[""] resources=[secrets]
            """), run.stdout)
        XCTAssertTrue(run.stdout.contains("User alice\n  via ABAC, cluster-wide:\n    fixtures/ml-platform/abac-policy.jsonl:2: ABAC line 2"), run.stdout)
        XCTAssertTrue(run.stdout.contains("ServiceAccount kube-system/default\n  via ABAC, cluster-wide:\n    fixtures/ml-platform/abac-policy.jsonl:3:"), run.stdout)
        XCTAssertFalse(run.stdout.contains("notebook"), run.stdout)
    }

    func testWhoCanJSON() throws {
        let run = try palisade(["who-can", "get", "secrets", "-n", "ml-prod", "--format", "json", "fixtures/ml-platform"])
        XCTAssertEqual(run.status, 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let names = (json["subjects"] as? [[String: Any]] ?? []).compactMap { ($0["subject"] as? [String: Any])?["name"] as? String }
        XCTAssertEqual(names, ["default", "trainer", "alice"])
        XCTAssertEqual(run.stdout, try palisade(["who-can", "get", "secrets", "-n", "ml-prod", "--format", "json", "fixtures/ml-platform"]).stdout)
    }

    func testWhoCanAnyNamespaceAndBuiltIns() throws {
        let run = try palisade(["who-can", "list", "pods", "--show-built-in", "fixtures/rbac"])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.hasPrefix("Who can list pods in any namespace:"), run.stdout)
        XCTAssertTrue(run.stdout.contains("ServiceAccount ml-notebooks/notebook\n  via RBAC, in namespace ml-notebooks:"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Group system:masters"), run.stdout)
        let path = try palisade(["who-can", "get", "--path", "/metrics", "fixtures/rbac"])
        XCTAssertTrue(path.stdout.contains("Group system:authenticated [every authenticated user]"), path.stdout)
    }

    func testCanIExitCodes() throws {
        let yes = try palisade(["can-i", "get", "secrets", "-n", "ml-prod", "--as", "system:serviceaccount:ml-prod:trainer", "fixtures/ml-platform"])
        XCTAssertEqual(yes.status, 0)
        XCTAssertTrue(yes.stdout.hasPrefix("yes: system:serviceaccount:ml-prod:trainer"), yes.stdout)
        XCTAssertTrue(yes.stdout.contains("fixtures/ml-platform/rbac.yaml:34: ClusterRoleBinding trainer-reads-all-secrets"), yes.stdout)
        let abac = try palisade(["can-i", "delete", "nodes", "--as", "system:serviceaccount:kube-system:default", "fixtures/ml-platform"])
        XCTAssertEqual(abac.status, 0)
        XCTAssertTrue(abac.stdout.contains("via ABAC, cluster-wide:\n    fixtures/ml-platform/abac-policy.jsonl:3:"), abac.stdout)
        let no = try palisade(["can-i", "get", "secrets", "-n", "ml-prod", "--as", "system:serviceaccount:ml-prod:notebook", "fixtures/ml-platform"])
        XCTAssertEqual(no.status, 1)
        XCTAssertTrue(no.stdout.hasPrefix("no: "), no.stdout)
        let json = try palisade(["can-i", "get", "pods", "-n", "ml-prod", "--as", "carol", "--as-group", "data-scientists", "--format", "json", "fixtures/ml-platform"])
        XCTAssertEqual(json.status, 0)
        XCTAssertTrue(json.stdout.hasPrefix("{\n  \"allowed\": true,"), json.stdout)
        let usage = try palisade(["can-i", "get", "secrets", "fixtures/ml-platform"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertEqual(try palisade(["who-can", "get", "secrets", "does/not/exist"]).status, 2)
    }

    func testRBACReportSortedByRisk() throws {
        let run = try palisade(["rbac", "report", "fixtures/ml-platform"])
        XCTAssertEqual(run.status, 0)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("RISK  SUBJECT"), run.stdout)
        XCTAssertTrue(lines[1].contains("ServiceAccount kube-system/default") && lines[1].contains("all verbs on all resources"), run.stdout)
        XCTAssertTrue(lines[2].contains("User alice"), run.stdout)
        XCTAssertTrue(lines[3].contains("ServiceAccount ml-prod/trainer") && lines[3].contains("read Secrets"), run.stdout)
        let json = try palisade(["rbac", "report", "--format", "json", "fixtures/ml-platform"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let risks = (object["subjects"] as? [[String: Any]] ?? []).compactMap { $0["risk"] as? Int }
        XCTAssertEqual(risks, risks.sorted(by: >))
    }

    func testABACToRBAC() throws {
        let run = try palisade(["abac", "to-rbac", "fixtures/rbac/legacy-abac.jsonl"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("kind: ClusterRoleBinding"), run.stdout)
        XCTAssertTrue(run.stdout.contains("name: bob"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  name: default\n  namespace: kube-system"), run.stdout)
        let json = try palisade(["abac", "to-rbac", "--format", "json", "fixtures/rbac/legacy-abac.jsonl"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["yaml"] as? String, run.stdout)
        XCTAssertEqual(try palisade(["abac", "to-rbac", "missing.jsonl"]).status, 2)
    }

    func testCheckReportsTheBrokenRBACFixture() throws {
        let run = try palisade(["check", "fixtures/rbac"])
        XCTAssertEqual(run.status, 1)
        for expected in [
            "fixtures/rbac/broken-rbac.yaml:9:14: warning [rbac-subresource-wildcard-literal]",
            "fixtures/rbac/broken-rbac.yaml:13:18: info [rbac-resourcenames-ineffective]",
            "fixtures/rbac/broken-rbac.yaml:26:3: error [rbac-clusterrolebinding-to-role]",
            "fixtures/rbac/broken-rbac.yaml:40:3: warning [rbac-missing-role]",
            "fixtures/rbac/broken-rbac.yaml:50:3: error [rbac-serviceaccount-without-namespace]",
            "fixtures/rbac/legacy-abac.jsonl:2:1: error [abac-full-access]",
            "fixtures/rbac/legacy-abac.jsonl:2:1: info [abac-legacy-mode]",
            "fixtures/rbac/legacy-abac.jsonl:3:1: error [abac-serviceaccount-full-access]",
            "fixtures/rbac/ml-platform-rbac.yaml:47:1: error [rbac-secret-read]",
        ] {
            XCTAssertTrue(run.stdout.contains(expected), "\(expected)\n\(run.stdout)")
        }
    }
}
