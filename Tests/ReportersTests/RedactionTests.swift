import Engine
import Foundation
import Reporters
import Rules
import XCTest

/// No output format may print a secret: findings show the key, the kind, the length and at
/// most the first four characters.
final class RedactionTests: XCTestCase {
    static let secrets = [
        "ghp_Zx8Qm2Lk5Rt7Vb1Nc4Hs6Jd9Fg3Wp0Ye2Ua7", "AKIAQWERTYUIOPASDFGH",
        "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "Tr0ub4dor&3-horse-battery",
        "https://hooks.slack.com/services/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",
    ]

    func testNoFullSecretInAnyFormat() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("fixtures/secrets/leaked-credentials.yaml").path
        let result = Checker(rules: BuiltinRules.all, options: CheckOptions())
            .check([SourceInput(name: "leaked.yaml", path: path)])
        XCTAssertGreaterThanOrEqual(result.findings.filter { $0.message.contains("…") }.count, 5)
        let outputs = [
            TextReporter(showSuppressed: true).render(result, rules: []),
            JSONReporter().render(result, rules: []),
        ]
        for output in outputs {
            for secret in Self.secrets {
                XCTAssertFalse(output.contains(secret), "secret printed in full")
                // Nor any longer prefix than the four characters redaction allows.
                XCTAssertFalse(output.contains(String(secret.prefix(6))), "more than 4 characters of a secret printed")
            }
        }
    }
}
