import XCTest
@testable import Authz

final class ABACParserTests: XCTestCase {
    func parse(_ text: String) -> (policies: [ABACPolicy], diagnostics: [ABACDiagnostic]) {
        ABACPolicyFile.parse(bytes: Array(text.utf8), file: "policy.jsonl")
    }

    func testV1beta1LinesCommentsAndBlankLines() {
        let text = """
        # comment
        {"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "alice", "namespace": "*", "resource": "*", "apiGroup": "*"}}

           \t
          {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"group":"dev","readonly":true,"nonResourcePath":"/version"}}\r
        """
        let (policies, diagnostics) = parse(text)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(policies.count, 2)
        XCTAssertEqual(policies[0].user, "alice")
        XCTAssertEqual(policies[0].version, .v1beta1)
        XCTAssertEqual(policies[0].origin, Origin(file: "policy.jsonl", line: 2, column: 1))
        XCTAssertEqual(policies[1].origin, Origin(file: "policy.jsonl", line: 5, column: 3))
        XCTAssertEqual(policies[1].group, "dev")
        XCTAssertTrue(policies[1].readonly)
        XCTAssertEqual(policies[1].nonResourcePath, "/version")
        XCTAssertEqual(policies[1].origin(of: "group").column, 92)
    }

    func testLegacyForm() {
        let (policies, diagnostics) = parse(#"{"user":"bob","readonly":true,"namespace":"projectCaribou"}"# + "\n{}\n" + #"{"apiVersion":"abac.authorization.kubernetes.io/v0","kind":"Policy","group":"ops"}"#)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(policies.map(\.version), [.legacy, .legacy, .legacy])
        XCTAssertEqual(policies[0].user, "bob")
        XCTAssertEqual(policies[0].namespace, "projectCaribou")
        XCTAssertEqual(policies[2].group, "ops")
        XCTAssertEqual(policies[1].line, 2)
    }

    func testMalformedLinesAreReportedWithLineAndColumnAndOthersAreRead() {
        let text = """
        {"user": "a", "resource": "pods"}
        {"user": "b" "resource": "pods"}
        {"user": "c", "resource": "pods"} # trailing comment
        not json
        {"user": "d",
        ["array"]
        {"user": "\\x"}
        {"user": "e", "namespace": "ok"}
        {"user": "é", "resource": 1}
        """
        let (policies, diagnostics) = parse(text)
        XCTAssertEqual(policies.map(\.user), ["a", "e"])
        let found = diagnostics.map { "\($0.id)@\($0.origin.line):\($0.origin.column)" }
        XCTAssertEqual(found, [
            "abac-malformed-line@2:14", "abac-malformed-line@3:35", "abac-malformed-line@4:2",
            "abac-malformed-line@5:14", "abac-malformed-line@6:1", "abac-malformed-line@7:11",
            "abac-wrong-field-type@9:27",
        ])
        XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .error })
        XCTAssertTrue(diagnostics[0].message.contains("expected ',' or '}'"), diagnostics[0].message)
    }

    func testWrongFieldTypes() {
        let text = """
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"a","readonly":"true"}}
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":"user=a"}
        {"apiVersion":1,"kind":"Policy"}
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":null,"group":"g","readonly":null,"resource":"pods"}}
        """
        let (policies, diagnostics) = parse(text)
        XCTAssertEqual(diagnostics.map(\.id), ["abac-wrong-field-type", "abac-wrong-field-type", "abac-wrong-field-type"])
        XCTAssertEqual(diagnostics.map(\.origin.column), [104, 81, 15])
        XCTAssertEqual(policies.count, 1)
        XCTAssertEqual(policies[0].group, "g")
    }

    func testUnknownFieldsAndKinds() {
        let text = """
        {"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","metadata":{},"spec":{"User":"a","resource":"pods","verbs":["get"]}}
        {"user":"b","apiGroup":"apps"}
        {"apiVersion":"abac.authorization.kubernetes.io/v2","kind":"Policy","spec":{"user":"c"}}
        """
        let (policies, diagnostics) = parse(text)
        XCTAssertEqual(diagnostics.map(\.id), ["abac-unknown-field", "abac-unknown-field", "abac-unknown-field", "abac-unknown-field", "abac-unknown-kind", "abac-unknown-field"])
        XCTAssertEqual(policies[0].unknownFields, ["metadata", "spec.User", "spec.verbs"])
        XCTAssertTrue(diagnostics[1].message.contains("did you mean \"user\""))
        XCTAssertEqual(diagnostics[1].origin.column, 96)
        XCTAssertTrue(diagnostics[3].message.contains("legacy"))
        XCTAssertEqual(policies[2].version, .legacy, "unknown versions fall back to the legacy form")
        XCTAssertEqual(policies[2].unknownFields, ["spec"])
    }

    func testHostileInput() {
        let deep = String(repeating: "[", count: 100_000)
        let (p1, d1) = parse(deep)
        XCTAssertEqual(p1.count, 0)
        XCTAssertEqual(d1.map(\.id), ["abac-malformed-line"])
        let long = "{\"user\":\"" + String(repeating: "a", count: 70_000) + "\"}"
        XCTAssertTrue(parse(long).diagnostics[0].message.contains("longer"))
        var bytes = Array(#"{"user":"a"#.utf8) + [0xFF, 0xC3] + Array(#"","resource":"pods"}"#.utf8)
        bytes += [0x0A, 0x80, 0x00, 0x0A]
        let (p3, d3) = ABACPolicyFile.parse(bytes: bytes, file: "f")
        XCTAssertEqual(p3.first?.user, "a\u{FFFD}\u{FFFD}")
        XCTAssertEqual(d3.map(\.id), ["abac-invalid-utf8", "abac-malformed-line"])
        for garbage in ["{", "}", "\"", "{\"a\":", "{\"a\":tru}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "\u{0}", "{\"a\" 1}"] {
            _ = parse(garbage)
        }
        XCTAssertEqual(parse("{\"user\":\"\\ud83d\\ude00\\u00e9\",\"resource\":\"x\"}").policies.first?.user, "😀é")
        // Random bytes never crash.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}[]\":,\\ntrue0-1e.#\n \u{7F}".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<300 {
            let random = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            _ = ABACPolicyFile.parse(bytes: random, file: "r")
            _ = ABACPolicyFile.looksLikeABAC(bytes: random)
        }
    }

    func testLooksLikeABAC() {
        XCTAssertTrue(ABACPolicyFile.looksLikeABAC(bytes: Array("# policy\n{\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\",\"kind\":\"Policy\",\"spec\":{}}\n".utf8)))
        XCTAssertTrue(ABACPolicyFile.looksLikeABAC(bytes: Array("{\"user\":\"bob\",\"readonly\":true}\n{broken\n".utf8)))
        XCTAssertFalse(ABACPolicyFile.looksLikeABAC(bytes: Array("{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}".utf8)))
        XCTAssertFalse(ABACPolicyFile.looksLikeABAC(bytes: Array("{\n  \"user\": \"bob\"\n}".utf8)))
        XCTAssertFalse(ABACPolicyFile.looksLikeABAC(bytes: Array("apiVersion: v1\nkind: Pod\n".utf8)))
        XCTAssertFalse(ABACPolicyFile.looksLikeABAC(bytes: Array("{}\n".utf8)))
        XCTAssertFalse(ABACPolicyFile.looksLikeABAC(bytes: []))
    }
}
