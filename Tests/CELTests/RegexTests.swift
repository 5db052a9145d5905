import XCTest
@testable import CEL

final class RegexTests: XCTestCase {
    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try RE2Regex.compile(pattern).get()
        var steps = 0
        return regex.firstMatch(in: Array(text.unicodeScalars), from: 0, steps: &steps) != nil
    }

    private func find(_ pattern: String, _ text: String) throws -> String? {
        let regex = try RE2Regex.compile(pattern).get()
        var steps = 0
        let chars = Array(text.unicodeScalars)
        return regex.firstMatch(in: chars, from: 0, steps: &steps).map { scalarsToString(chars[$0]) }
    }

    func testBasicMatching() throws {
        XCTAssertTrue(try matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "my-app-1"))
        XCTAssertFalse(try matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "My-App"))
        XCTAssertTrue(try matches("(?i)^my-app$", "My-App"))
        XCTAssertTrue(try matches("a|b|c", "xxc"))
        XCTAssertTrue(try matches("^\\d{3}-\\d{4}$", "555-1234"))
        XCTAssertFalse(try matches("^\\d{3}-\\d{4}$", "555-12345"))
        XCTAssertTrue(try matches("^[[:alpha:]]+$", "abcXYZ"))
        XCTAssertTrue(try matches("^\\p{Greek}+$", "αβγ"))
        XCTAssertTrue(try matches("^\\pL+$", "héllo"))
        XCTAssertTrue(try matches("\\bfoo\\b", "a foo b"))
        XCTAssertFalse(try matches("\\bfoo\\b", "afoob"))
        XCTAssertTrue(try matches("^\\Qa.b\\E$", "a.b"))
        XCTAssertFalse(try matches("^\\Qa.b\\E$", "axb"))
        XCTAssertTrue(try matches("(?s)a.b", "a\nb"))
        XCTAssertFalse(try matches("a.b", "a\nb"))
        XCTAssertTrue(try matches("(?m)^b$", "a\nb\nc"))
        XCTAssertTrue(try matches("x{2,3}", "axxb"))
        XCTAssertTrue(try matches("(?P<name>ab)+", "abab"))
    }

    func testLeftmostFirstSemantics() throws {
        XCTAssertEqual(try find("a+", "baaac"), "aaa")
        XCTAssertEqual(try find("a+?", "baaac"), "a")
        XCTAssertEqual(try find("ab|abc", "abc"), "ab")
        XCTAssertEqual(try find("[0-9]+", "abc 123 456"), "123")
        XCTAssertEqual(try find("x*", "abc"), "")
    }

    func testRejectsWhatRE2Rejects() {
        for bad in ["(a)\\1", "(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "a**", "a++", "(", ")", "[a",
                    "a{1001}", "\\k<x>", "*a", "\\p{NoSuchClass}", "x{3,2}", "\\8", "(?>a)"] {
            if case .success = RE2Regex.compile(bad) { XCTFail("accepted \(bad)") }
        }
    }

    func testPathologicalPatternStaysLinear() throws {
        let regex = try RE2Regex.compile("(a*)*b").get()
        let text = Array(String(repeating: "a", count: 20_000).unicodeScalars)
        var steps = 0
        XCTAssertNil(regex.firstMatch(in: text, from: 0, steps: &steps))
        // Linear: a small constant number of steps per character, not exponential.
        XCTAssertLessThan(steps, text.count * 40)
        let nested = try RE2Regex.compile("(x+x+)+y").get()
        let xs = Array(String(repeating: "x", count: 20_000).unicodeScalars)
        var steps2 = 0
        XCTAssertNil(nested.firstMatch(in: xs, from: 0, steps: &steps2))
        XCTAssertLessThan(steps2, xs.count * 60)
    }

    func testCELRegexFunctions() throws {
        func eval(_ e: String) throws -> CELValue { try CELProgram.compile(e).evaluate().get() }
        XCTAssertEqual(try eval("'hello world'.matches('^h.*d$')").asBool, true)
        XCTAssertEqual(try eval("matches('abc', 'b')").asBool, true)
        XCTAssertEqual(try eval("'abc 123 def 456'.find('[0-9]+')").asString, "123")
        XCTAssertEqual(try eval("'abc'.find('[0-9]+')").asString, "")
        let all = try eval("'abc 123 def 456 789'.findAll('[0-9]+')")
        XCTAssertEqual(all.asList?.compactMap(\.asString), ["123", "456", "789"])
        let two = try eval("'abc 123 def 456 789'.findAll('[0-9]+', 2)")
        XCTAssertEqual(two.asList?.count, 2)
        // Constant bad patterns fail at compile time; dynamic ones at evaluation.
        XCTAssertThrowsError(try CELProgram.compile("'a'.matches('(?=a)')"))
        let dynamic = try CELProgram.compile("'a'.matches(p)").evaluate(["p": .string("(")])
        if case .success = dynamic { XCTFail("expected an error") }
    }
}
