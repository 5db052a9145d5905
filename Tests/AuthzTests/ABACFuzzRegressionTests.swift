import Foundation
import XCTest
@testable import Authz

/// Inputs the fuzz-abac harness found (minimised, under `Tests/FuzzRegressions/fuzz-abac/`), run
/// through the harness's entry points: the reader, the matcher and the ABAC → RBAC conversion.
/// The harness also parses the conversion's YAML with YAMLTree (not a dependency of this target);
/// here the same property is checked directly: the output holds only characters YAML accepts
/// and no line break other than LF.
final class ABACFuzzRegressionTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions/fuzz-abac")

    func assertValidYAMLText(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) {
        for c in yaml.unicodeScalars {
            let v = c.value
            let ok = v == 0x0A || v == 0x09 || (v >= 0x20 && v <= 0x7E)
                || (v >= 0xA0 && v <= 0xD7FF && v != 0x2028 && v != 0x2029) || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
                || v >= 0x10000
            XCTAssertTrue(ok, "U+\(String(v, radix: 16)) written raw into the YAML output", file: file, line: line)
        }
    }

    func testCheckedInInputs() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(name)))
            _ = ABACPolicyFile.looksLikeABAC(bytes: bytes)
            let (policies, _) = ABACPolicyFile.parse(bytes: bytes, file: name)
            for policy in policies {
                _ = policy.allows(AccessRequest(verb: "get", resource: "pods", namespace: "default"),
                                  user: UserInfo(name: "alice", groups: ["system:authenticated"]))
            }
            assertValidYAMLText(ABACToRBAC.convert(policies).yaml)
        }
    }

    /// fuzz-abac, first run: `{"group":"\u0000"}` put a raw NUL into the comment that quotes the
    /// ABAC line, so `abac to-rbac` wrote a file no YAML reader accepts. Comments and quoted
    /// scalars now escape control characters and YAML line breaks (CR, NEL, LS, PS).
    func testControlCharactersAndLineBreaksAreEscapedInComments() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("nul-in-group.fuzz")))
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), #"{"group":"\u0000"}"#)
        let yaml = ABACToRBAC.convert(ABACPolicyFile.parse(bytes: bytes, file: "p.jsonl").policies).yaml
        assertValidYAMLText(yaml)
        XCTAssertTrue(yaml.contains(#"\u0000"#), yaml)

        for name in ["a\rkind: Secret", "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "a\u{7F}b", "a\u{9B}b", "\u{FEFF}a"] {
            let escaped = String(String(data: try JSONEncoder().encode(name), encoding: .utf8)!)
            let line = ConversionTests.v1(#"{"user":"# + escaped + #","namespace":"*","resource":"pods"}"#)
            let policies = ABACPolicyFile.parse(bytes: Array(line.utf8), file: "p.jsonl").policies
            XCTAssertEqual(policies.count, 1, name)
            let yaml = ABACToRBAC.convert(policies).yaml
            assertValidYAMLText(yaml)
            // Nothing from the name escapes its comment line into the YAML content.
            XCTAssertFalse(yaml.contains("\nkind: Secret"), yaml)
        }
    }
}
