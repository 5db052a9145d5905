@testable import CEL
import XCTest

/// `x.?a.?b.orValue(d)` and `x.?a.?b.hasValue()` compile to one node (`optionalChain`); it
/// must answer, fail and charge exactly as the select and call nodes it stands for.
final class OptionalChainTests: XCTestCase {
    let object: CELValue = {
        var spec = CELMap()
        _ = spec.insert(key: .string("replicas"), value: .int(3))
        _ = spec.insert(key: .string("name"), value: .string("web"))
        var object = CELMap()
        _ = object.insert(key: .string("spec"), value: .map(spec))
        _ = object.insert(key: .string("n"), value: .int(1))
        return .map(object)
    }()

    func testTheChainIsOneNode() throws {
        let program = try CELProgram.compile("o.?spec.?replicas.orValue(1)")
        guard case .optionalChain(.variable("o", _), let fields, .orValue(.constant(.int(1)))) = program.root else {
            return XCTFail("not fused: \(program.root)")
        }
        XCTAssertEqual(fields, ["spec", "replicas"])
        XCTAssertEqual(program.referencedVariables, ["o"])
        XCTAssertEqual(try CELProgram.compile("o.?a.orValue(d)").referencedVariables, ["o", "d"])
    }

    func testValuesAndDefaults() {
        assertValue("o.?spec.?replicas.orValue(1)", .int(3), ["o": object])
        assertValue("o.?spec.?missing.orValue(1)", .int(1), ["o": object])
        assertValue("o.?missing.?replicas.orValue(1)", .int(1), ["o": object])
        assertValue("o.?spec.orValue({}).name", .string("web"), ["o": object])
        assertValue("o.?spec.?name.hasValue()", .bool(true), ["o": object])
        assertValue("o.?spec.?other.hasValue()", .bool(false), ["o": object])
        // An optional base is unwrapped; none reads as absent.
        assertValue("optional.of(o).?spec.?replicas.orValue(0)", .int(3), ["o": object])
        assertValue("optional.none().?spec.?replicas.orValue(0)", .int(0))
        assertValue("optional.none().?spec.hasValue()", .bool(false))
    }

    func testErrorsAreThoseOfTheUnfusedExpression() {
        // A present field that is not a map cannot be selected from…
        assertError("o.?n.?x.orValue(0)", containing: "does not support field selection", ["o": object])
        // …but an absent field before it ends the chain first.
        assertValue("o.?missing.?n.?x.orValue(0)", .int(0), ["o": object])
        // Call arguments are evaluated even when the value is present.
        assertError("o.?spec.?replicas.orValue(1 / 0)", containing: "division by zero", ["o": object])
        // An error in the base is the result.
        assertError("(1 / 0 == 1 ? o : o).?spec.orValue(0)", containing: "division by zero", ["o": object])
        assertError("o.?spec.orValue(0)", containing: "undeclared", [:])
    }

    /// A call, a select per field, the base and the argument: one unit each.
    func testCostIsThatOfTheNodesItReplaces() {
        func outcome(_ expression: String, limit: UInt64) -> Bool {
            var options = CELOptions()
            options.costLimit = limit
            if case .success = evaluate(expression, ["o": object], options: options) { return true }
            return false
        }
        XCTAssertTrue(outcome("o.?spec.?replicas", limit: 3))
        XCTAssertFalse(outcome("o.?spec.?replicas", limit: 2))
        XCTAssertTrue(outcome("o.?spec.?replicas.orValue(1)", limit: 5))
        XCTAssertFalse(outcome("o.?spec.?replicas.orValue(1)", limit: 4))
        XCTAssertTrue(outcome("o.?spec.?replicas.hasValue()", limit: 4))
        XCTAssertFalse(outcome("o.?spec.?replicas.hasValue()", limit: 3))
    }
}
