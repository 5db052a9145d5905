import XCTest
@testable import Engine
import RuleCatalogue

/// The order set rules start in on several threads: shared results are started first, rules
/// that share nothing fill the wait, rules building on a started result come after them.
final class SetRuleOrderTests: XCTestCase {
    func testOpenersThenIndependentThenDependentThenRest() {
        let shared: [Int: [String]] = [
            0: ["authz"],               // opens authz
            1: ["authz", "issues"],     // needs authz: starts issues only once authz is under way
            2: [],
            3: ["pods"],                // opens pods
            4: ["authz"],               // authz already started
            5: [],
            6: ["pods"],
            7: ["authz", "issues"],
        ]
        let order = Checker.startOrder(Array(0 ..< 8), sharedResults: { shared[$0]! })
        XCTAssertEqual(order, [0, 3, 2, 5, 1, 4, 6, 7])
        XCTAssertEqual(Set(order), Set(0 ..< 8), "every rule runs once")
    }

    func testRulesSharingNothingKeepTheirOrder() {
        XCTAssertEqual(Checker.startOrder([4, 1, 7], sharedResults: { _ in [] }), [4, 1, 7])
        XCTAssertEqual(Checker.startOrder([], sharedResults: { _ in ["x"] }), [])
    }

    func testTheBuiltInRulesDeclareTheResultsTheyShare() {
        let declared = Set(RuleCatalogue.builtin.compactMap { $0 as? any SetRule }.flatMap(\.sharedResults))
        XCTAssertTrue(declared.contains(ResourceSet.authorizationResult))
        XCTAssertTrue(declared.contains("PodIndex"))
        XCTAssertTrue(declared.contains("rbac.permissionIssues"))
    }
}
