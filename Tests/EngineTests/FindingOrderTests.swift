import XCTest
import Engine
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
