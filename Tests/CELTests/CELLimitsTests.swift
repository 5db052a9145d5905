@testable import CEL
import XCTest

/// The bounds that keep user-written expressions from exhausting the stack, time or memory:
/// expression length and nesting depth at compile time, the cost budget at evaluation time,
/// and RE2-only regexes. Every bound ends in an error, never a crash or a hang.
final class CELLimitsTests: XCTestCase {
    /// Generous for debug builds on a shared machine; the point is "stops", not "is fast".
    let quickly: Duration = .seconds(5)

    private func elapsed(_ body: () throws -> Void) rethrows -> Duration {
        let start = ContinuousClock.now
        try body()
        return ContinuousClock.now - start
    }

    private func compileError(_ source: String, options: CELOptions = .init()) -> CELCompileError? {
        do {
            _ = try CELProgram.compile(source, options: options)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Compile time

    func testExpressionLengthIsCheckedBeforeParsing() {
        var options = CELOptions()
        options.maxExpressionLength = 20
        options.maxExpressionLength = 21 // "1 + 2 + 3 + 4 + 5 + 6" is 21 scalars
        XCTAssertNil(compileError("1 + 2 + 3 + 4 + 5 + 6", options: options))
        options.maxExpressionLength = 20
        let tooLong = compileError("1 + 2 + 3 + 4 + 5 + 6", options: options)
        XCTAssertEqual(tooLong?.message, "expression is 21 characters long, the limit is 20")
        // Length counts Unicode scalars, not bytes.
        options.maxExpressionLength = 5
        XCTAssertNil(compileError("'ééé'", options: options))

        // The default bound holds for an expression that would otherwise be expensive to lex and parse.
        let huge = String(repeating: "1+", count: 500_000) + "1"
        var error: CELCompileError?
        let time = elapsed { error = compileError(huge) }
        XCTAssertEqual(error?.message, "expression is 1000001 characters long, the limit is 100000")
        XCTAssertLessThan(time, quickly)
    }

    /// Every construct that nests (and so recurses in the parser, compiler or evaluator) is
    /// bounded by `maxNestingDepth`: shallow nesting compiles and evaluates, 20,000 levels (far
    /// past any thread stack if each level recursed) are a compile error rather than a stack overflow.
    func testNestingDepthIsBoundedForEveryConstruct() throws {
        let constructs: [(name: String, build: (Int) -> String)] = [
            ("parentheses", { String(repeating: "(", count: $0) + "1" + String(repeating: ")", count: $0) }),
            ("lists", { String(repeating: "[", count: $0) + "1" + String(repeating: "]", count: $0) }),
            ("maps", { String(repeating: "{1: ", count: $0) + "1" + String(repeating: "}", count: $0) }),
            ("calls", { String(repeating: "string(", count: $0) + "1" + String(repeating: ")", count: $0) }),
            ("receiver calls", { "'a'" + String(repeating: ".lowerAscii()", count: $0) }),
            ("logical not", { String(repeating: "!", count: $0) + "true" }),
            ("negation", { String(repeating: "-", count: $0) + "x" }),
            ("field selection", { "m" + String(repeating: ".f", count: $0) }),
            ("indexing", { "l" + String(repeating: "[0]", count: $0) }),
            ("addition chain", { Array(repeating: "1", count: $0 + 1).joined(separator: " + ") }),
            ("and chain", { Array(repeating: "true", count: $0 + 1).joined(separator: " && ") }),
            ("or chain", { Array(repeating: "false", count: $0 + 1).joined(separator: " || ") }),
            ("conditionals", { String(repeating: "true ? 1 : ", count: $0) + "2" }),
            ("comprehensions", { String(repeating: "[1].all(x, ", count: $0) + "true" + String(repeating: ")", count: $0) }),
            ("cel.bind", { String(repeating: "cel.bind(v, 1, ", count: $0) + "v" + String(repeating: ")", count: $0) }),
        ]
        var long = CELOptions()
        long.maxExpressionLength = 10_000_000 // so that the depth bound, not the length bound, is what fires
        let variables: [String: CELValue] = ["x": .int(1), "m": .map(CELMap()), "l": .list([])]
        for (name, build) in constructs {
            let shallow = try CELProgram.compile(build(5), options: long)
            _ = shallow.evaluate(variables) // errors such as "no such key" are fine; returning is the point
            var error: CELCompileError?
            let time = elapsed { error = compileError(build(20_000), options: long) }
            XCTAssertEqual(error?.message, "expression nesting exceeds the limit of 100", name)
            XCTAssertLessThan(time, quickly, name)
        }
    }

    func testNestingLimitIsConfigurable() {
        var options = CELOptions()
        options.maxNestingDepth = 10
        XCTAssertNil(compileError("((((1))))", options: options))
        XCTAssertNotNil(compileError(String(repeating: "(", count: 20) + "1" + String(repeating: ")", count: 20), options: options))
        XCTAssertNotNil(compileError(Array(repeating: "1", count: 20).joined(separator: " + "), options: options))
        options.maxNestingDepth = 150
        XCTAssertNil(compileError(String(repeating: "(", count: 140) + "1" + String(repeating: ")", count: 140), options: options))
    }

    func testRegexLiteralsAreCompiledAndCheckedAtCompileTime() {
        // Backreferences would make matching exponential; RE2 (and so CEL) rejects them.
        XCTAssertNotNil(compileError(#"s.matches('(a)\\1')"#))
        XCTAssertNotNil(compileError(#"s.matches('(?=a)')"#))
        // Repetition counts beyond RE2's 1000 are rejected rather than expanded.
        XCTAssertNotNil(compileError("s.matches('a{1001}')"))
        XCTAssertNotNil(compileError("s.matches('((a{1000}){1000}){1000}')"))
    }

    // MARK: - Evaluation cost

    let big = CELValue.list((0 ..< 10_000).map { .int(Int64($0)) })

    private func assertStopsAtCostLimit(_ source: String, _ variables: [String: CELValue], options: CELOptions = .init(),
                                        file: StaticString = #filePath, line: UInt = #line) throws {
        let program = try CELProgram.compile(source, options: options)
        var result: Result<CELValue, CELError>?
        let time = elapsed { result = program.evaluate(variables) }
        XCTAssertLessThan(time, quickly, source, file: file, line: line)
        guard case .failure(.costLimitExceeded(let limit))? = result else {
            return XCTFail("\(source): expected the cost limit, got \(String(describing: result))", file: file, line: line)
        }
        XCTAssertEqual(limit, options.costLimit, file: file, line: line)
    }

    func testCostBudgetStopsNestedMacrosOverLargeLists() throws {
        let vars = ["xs": big]
        try assertStopsAtCostLimit("xs.map(a, xs.map(b, a * b)).size() > 0", vars)
        try assertStopsAtCostLimit("xs.filter(a, xs.filter(b, a == b).size() == 1).size() > 0", vars)
        try assertStopsAtCostLimit("xs.exists(a, xs.exists(b, xs.exists(c, a + b + c < 0)))", vars)
        try assertStopsAtCostLimit("xs.map(a, xs.filter(b, b > a)).exists(l, l.size() < 0)", vars)
        try assertStopsAtCostLimit("xs.exists_one(a, xs.all(b, b >= 0))", vars)
        try assertStopsAtCostLimit("xs.map(a, xs).map(l, l.map(b, b)).size()", vars)
        // Growth by concatenation is charged by size (an element per 16 units, like a byte of string
        // data), not by the number of operations: the same four-level expression fits a budget when
        // the list is small and stops when it is not.
        var budget = CELOptions()
        budget.costLimit = 100_000
        let growth = "cel.bind(a, xs + xs, cel.bind(b, a + a + a + a, cel.bind(c, b + b + b + b, c + c + c + c))).size()"
        XCTAssertEqual(try CELProgram.compile(growth, options: budget).evaluate(["xs": .list([.int(1)])]).get().asInt, 128)
        try assertStopsAtCostLimit(growth, vars, options: budget)
    }

    func testCostBudgetIsConfigurableAndCanBeDisabled() throws {
        let vars = ["xs": big]
        // A single pass over 10,000 elements is well within the default budget...
        XCTAssertEqual(try CELProgram.compile("xs.exists(x, x == 9999)").evaluate(vars).get().asBool, true)
        // ...but not within a small one.
        var small = CELOptions()
        small.costLimit = 1_000
        try assertStopsAtCostLimit("xs.exists(x, x == 9999)", vars, options: small)
        // nil disables the budget (trusted expressions only).
        var unlimited = CELOptions()
        unlimited.costLimit = nil
        let small2 = CELValue.list((0 ..< 300).map { .int(Int64($0)) })
        XCTAssertEqual(try CELProgram.compile("xs.map(a, xs.map(b, a * b)).size()", options: unlimited)
            .evaluate(["xs": small2]).get().asInt, 300)
    }

    func testCatastrophicLookingRegexesStayLinearAndAreCharged() throws {
        let text = CELValue.string(String(repeating: "a", count: 50_000) + "!")
        for pattern in ["(a+)+$", "(a|aa)*b", "(a*)*b", "^(a|a?)+$", "(.*a){20}"] {
            let program = try CELProgram.compile("s.matches('\(pattern)')")
            var result: Result<CELValue, CELError>?
            let time = elapsed { result = program.evaluate(["s": text]) }
            XCTAssertLessThan(time, quickly, pattern)
            switch result {
            case .success(let v): XCTAssertEqual(v.asBool, false, pattern)
            case .failure(.costLimitExceeded): break // also acceptable: the budget stopped it
            default: XCTFail("\(pattern): \(String(describing: result))")
            }
        }
        // Many matches over long strings add up and hit the budget instead of running on.
        let strings = CELValue.list(Array(repeating: text, count: 100))
        try assertStopsAtCostLimit("ss.all(s, !s.matches('(a|aa)*b'))", ["ss": strings])
        // A regex built at run time is checked too: a backreference is an error, not a slow match.
        let dynamic = try CELProgram.compile("s.matches(p)").evaluate(["s": .string("aa"), "p": .string("(a)\\1")])
        guard case .failure = dynamic else { return XCTFail("backreference accepted at run time: \(dynamic)") }
    }
}
