@testable import Policies
import XCTest

final class PolicyTesterTests: XCTestCase {
    let folder = AdmissionPolicyTests.fixtures + "/policy"

    func testFixtureFolderPasses() throws {
        let report = try PolicyTester.run(paths: [folder])
        print(report.text)
        XCTAssertTrue(report.succeeded, report.text)
        XCTAssertEqual(report.passedCount, 11, report.text)
        XCTAssertTrue(report.text.contains("PASS team-standards/owner-label fail example 1\n"))
        XCTAssertTrue(report.text.contains("PASS team-standards: storefront expects replica-limit fail\n"))
    }

    func testMismatchesAreReportedWithFindings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policy-tester-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          rules:
          - id: r
            expression: "object.data.mode != 'debug'"
            message: debug mode
            examples:
              fail:
              - at: "2:1"
                object: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {mode: debug}}
              pass:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {mode: debug}}
        ---
        apiVersion: palisade.dev/v1
        kind: PolicyTest
        metadata: {name: t}
        spec:
          cases:
          - resource: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {mode: prod}}
            expect: {p/r: fail}
          - resource: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {}}
            expect: {p/r: pass}
        """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let report = try PolicyTester.run(paths: [dir.path])
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.text, """
        FAIL p/r fail example 1
             expected findings at 2:1, got:
             p/r fail example 1:1:1 warning [p/r] debug mode
        FAIL p/r pass example 1
             expected no finding, got:
             p/r pass example 1:1:1 warning [p/r] debug mode
        FAIL t: case 1 expects p/r fail
             expected a finding, got none
        FAIL t: case 2 expects p/r pass
             expected no finding, got:
             t: case 2:1:1 error [policy-error] policy p, rule r: no such key: mode
        0 passed, 4 failed

        """)
    }

    func testUnknownRuleInExpectationIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policy-tester-bad-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        apiVersion: palisade.dev/v1
        kind: PolicyTest
        metadata: {name: t}
        spec:
          cases:
          - resource: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}
            expect: {nope: fail}
        """.write(to: dir.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PolicyTester.run(paths: [dir.path])) { error in
            XCTAssertTrue("\(error)".contains("t.yaml:7:14: spec.cases[0].expect: no policy rule 'nope'"), "\(error)")
        }
    }
}
