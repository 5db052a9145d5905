import XCTest
@testable import Engine
import YAMLTree

/// `sortByLocation` must give exactly the order of `Finding.<` with ties kept in input
/// order, as the stable `sort()` it replaces did.
final class FindingOrderTests: XCTestCase {
    func testSortByLocationMatchesComparableOrder() {
        var generator = SystemRandomNumberGenerator()
        let files = ["b.yaml", "a.yaml", "dir/c.yaml", "a.yml", "B.yaml"]
        let rules = ["image-latest-tag", "missing-memory-limit", "a-rule"]
        for round in 0..<50 {
            var findings: [Finding] = []
            for i in 0..<(round * 7 + 2) {
                var f = Finding(ruleID: rules.randomElement(using: &generator)!, severity: .warning,
                                message: ["m1", "m2", "m1 "].randomElement(using: &generator)!,
                                file: files.randomElement(using: &generator)!,
                                position: SourcePosition(line: Int.random(in: 1...4, using: &generator),
                                                         column: Int.random(in: 1...3, using: &generator)),
                                fieldPath: [nil, "spec", "metadata"].randomElement(using: &generator)!)
                // Equal under `<` but told apart by container: ties must keep input order.
                f.container = "c\(i)"
                findings.append(f)
            }
            var expected = findings
            expected.sort()
            var actual = findings
            actual.sortByLocation()
            XCTAssertEqual(actual, expected, "round \(round)")
        }
    }

    func testSortByLocationOnEmptyAndSingle() {
        var none: [Finding] = []
        none.sortByLocation()
        XCTAssertEqual(none, [])
        let one = Finding(ruleID: "r", severity: .info, message: "m", file: "f", position: .start)
        var single = [one]
        single.sortByLocation()
        XCTAssertEqual(single, [one])
    }
}

/// The files' findings are moved into one list, not copied: same findings, same order, and
/// the per-file lists are left with placeholders that are never read again.
final class FindingJoinTests: XCTestCase {
    func testFindingsOfEveryFileAreJoinedInFileOrder() {
        func finding(_ file: String, _ line: Int) -> Finding {
            Finding(ruleID: "rule-\(line)", severity: .warning, message: "message \(file) \(line) " + String(repeating: "x", count: 40),
                    file: file, position: SourcePosition(line: line, column: 1), fieldPath: "spec.x[\(line)]")
        }
        let a = [finding("a.yaml", 1), finding("a.yaml", 2)]
        let c = [finding("c.yaml", 3)]
        var results = [Checker.FileResult(findings: a, resources: []), Checker.FileResult(findings: [], resources: []),
                       Checker.FileResult(findings: c, resources: [])]
        XCTAssertEqual(Checker.joinFindings(&results), a + c)
        var none: [Checker.FileResult] = [Checker.FileResult(findings: [], resources: [])]
        XCTAssertEqual(Checker.joinFindings(&none), [])
    }
}
