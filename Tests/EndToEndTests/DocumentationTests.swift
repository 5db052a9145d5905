import Foundation
import XCTest

/// The README's rule table must list every rule the binary knows, so docs cannot drift.
final class DocumentationTests: XCTestCase {
    func testREADMEListsEveryRule() throws {
        let readme = try String(contentsOf: CLIHarness.root.appendingPathComponent("README.md"), encoding: .utf8)
        let run = try palisade(["rules", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let ids = (object?["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertGreaterThan(ids.count, 100)
        for id in ids {
            XCTAssertTrue(readme.contains("| `\(id)` |"), "README.md's rule table lacks \(id)")
        }
    }
}
