import Engine
import Foundation
import Models
import Reporters
import XCTest
import YAMLTree

final class ReporterTests: XCTestCase {
    let finding = Finding(ruleID: "r", severity: .warning, message: "say \"hi\"\n\u{1}", file: "a.yaml",
                          position: SourcePosition(line: 3, column: 7),
                          resource: ResourceIdentity(apiVersion: "v1", kind: "Pod", namespace: "ns", name: "p"),
                          fieldPath: "spec.x")

    func result(_ findings: [Finding]) -> CheckResult {
        CheckResult(findings: findings, suppressed: [], filesChecked: 1, resourcesChecked: 1)
    }

    func testTextLineFormat() {
        let text = TextReporter().render(result([finding]), rules: [])
        // Control characters from the input are shown escaped: one finding, one line.
        XCTAssertTrue(text.hasPrefix("a.yaml:3:7: warning [r] say \"hi\"\\x0A\\x01 (Pod/ns/p)\n"), text)
        XCTAssertTrue(text.hasSuffix("0 errors, 1 warning, 0 info in 1 file (1 resource)\n"))
        XCTAssertFalse(text.contains("\u{1B}["))
    }

    /// Names and values from a hostile manifest cannot send escape sequences to the terminal
    /// (C0, DEL and C1 controls are escaped); the reporter's own colours still are codes.
    func testControlCharactersFromTheInputAreEscaped() {
        let hostile = Finding(ruleID: "r", severity: .error, message: "image \u{1B}]0;owned\u{7}x", file: "evil\u{1B}[2J.yaml",
                              position: SourcePosition(line: 1, column: 1),
                              resource: ResourceIdentity(apiVersion: "v1", kind: "Pod", namespace: "n\u{9B}s", name: "p\r"))
        let text = TextReporter(useColor: true).render(result([hostile]), rules: [])
        XCTAssertTrue(text.contains("evil\\x1B[2J.yaml:1:1: "), text)
        XCTAssertTrue(text.contains("image \\x1B]0;owned\\x07x"), text)
        XCTAssertTrue(text.contains("(Pod/n\\x9Bs/p\\x0D)"), text)
        XCTAssertFalse(text.contains("\u{1B}[2J") || text.contains("\u{1B}]") || text.contains("\u{9B}") || text.contains("\r"), text)
        XCTAssertTrue(text.contains("\u{1B}[1;31merror"))
    }

    /// Long names are scanned eight bytes at a time: a control character anywhere is found,
    /// and ordinary non-ASCII text (© is C2 A9, é is C3 A9) is left as it is.
    func testControlCharacterScanOnLongAndNonASCIIText() {
        func line(_ message: String) -> String {
            TextReporter().line(Finding(ruleID: "r", severity: .info, message: message, file: "a.yaml", position: .start))
        }
        for offset in 0 ..< 20 {
            let padding = String(repeating: "x", count: offset)
            XCTAssertTrue(line(padding + "\u{1B}" + padding).contains(padding + "\\x1B" + padding), "offset \(offset)")
            XCTAssertTrue(line(padding + "\u{85}tail").contains(padding + "\\x85tail"), "offset \(offset)")
            XCTAssertTrue(line(padding + "\u{7F}").hasSuffix(padding + "\\x7F"), "offset \(offset)")
        }
        let text = "© 2026 café naïve — 東京 ✓ plain ASCII long enough to span several words"
        XCTAssertTrue(line(text).hasSuffix(text))
    }

    func testColourOnlyWhenAsked() {
        XCTAssertTrue(TextReporter(useColor: true).render(result([finding]), rules: []).contains("\u{1B}[1;33mwarning"))
    }

    func testPerFileCapFoldsTheRest() {
        var many: [Finding] = []
        for i in 1 ... 5 {
            var f = finding
            f.position = SourcePosition(line: i, column: 1)
            many.append(f)
        }
        let text = TextReporter(maxPerFile: 2).render(result(many), rules: [])
        XCTAssertTrue(text.contains("… and 3 more in this file (3 warning; use --format json for all)"))
        XCTAssertEqual(text.components(separatedBy: "[r]").count - 1, 2)
    }

    func testJSONIsValidAndEscaped() throws {
        let json = JSONReporter().render(result([finding]), rules: [])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.first?["message"] as? String, "say \"hi\"\n\u{1}")
        XCTAssertEqual(findings.first?["line"] as? Int, 3)
        XCTAssertEqual((findings.first?["resource"] as? [String: Any])?["namespace"] as? String, "ns")
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["warnings"] as? Int, 1)
    }

    func testJSONWriterQuoting() {
        XCTAssertEqual(JSONWriter.quote("a\"b\\c\u{7F}\u{2028}é"), "\"a\\\"b\\\\c\\u007f\\u2028é\"")
    }

    func testJSONWriterQuotingCopiesRunsBetweenEscapes() {
        XCTAssertEqual(JSONWriter.quote(""), "\"\"")
        XCTAssertEqual(JSONWriter.quote("plain text/é ✓"), "\"plain text/é ✓\"")
        XCTAssertEqual(JSONWriter.quote("\u{2029}x\u{2028}"), "\"\\u2029x\\u2028\"")
        // Other three-byte characters starting with 0xE2 are copied as they are.
        XCTAssertEqual(JSONWriter.quote("→\u{2027}\t\r\u{0}"), "\"→\u{2027}\\t\\r\\u0000\"")
    }

    /// The fingerprint's second hash reads ASCII text backwards in place; it must equal the
    /// hash of the text reversed by characters, which baselines written earlier hold.
    func testFingerprintMatchesTheCharacterReversedHashForAnyText() {
        func reference(_ f: Finding) -> String {
            var text = f.ruleID + "\u{1F}" + f.file + "\u{1F}"
            if let r = f.resource {
                text += r.apiVersion + "/" + r.kind + "/" + (r.namespace ?? "") + "/" + (r.name ?? "")
            }
            text += "\u{1F}" + (f.fieldPath ?? f.message) + "\u{1F}" + (f.container ?? "")
            func fnv(_ s: String) -> String {
                var hash: UInt64 = 0xcbf29ce484222325
                for byte in s.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
                let digits = String(hash, radix: 16)
                return String(repeating: "0", count: 16 - digits.count) + digits
            }
            return fnv(text) + fnv(String(text.reversed()))
        }
        for message in ["plain ascii", "line\r\nbreak", "café e\u{301} 🇫🇷", ""] {
            var f = finding
            f.fieldPath = nil
            f.message = message
            XCTAssertEqual(f.fingerprint, reference(f), message)
        }
    }

    func testPerFileCapKeepsTheMostSevere() {
        var many: [Finding] = []
        for i in 1 ... 5 {
            var f = finding
            f.severity = .info
            f.position = SourcePosition(line: i, column: 1)
            many.append(f)
        }
        var error = finding
        error.severity = .error
        error.position = SourcePosition(line: 9, column: 1)
        many.append(error)
        let text = TextReporter(maxPerFile: 2).render(result(many), rules: [])
        XCTAssertTrue(text.contains("a.yaml:9:1: error [r]"), text)
        XCTAssertTrue(text.contains("a.yaml:1:1: info [r]"), text)
        XCTAssertFalse(text.contains("a.yaml:2:1:"), text)
        XCTAssertTrue(text.contains("… and 4 more in this file (4 info; use --format json for all)"), text)
    }
}
