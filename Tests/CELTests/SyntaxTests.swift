@testable import CEL
import XCTest

final class SyntaxTests: XCTestCase {
    func testLiteralForms() {
        assertValue("0x1F", .int(31))
        assertValue("-9223372036854775808", .int(.min))
        assertValue("18446744073709551615u", .uint(.max))
        assertValue("0xFFu", .uint(255))
        assertValue("1.5e3", .double(1500))
        assertValue(".5", .double(0.5))
        assertValue("'a\\x41\\u00e9\\U0001F600\\101'", .string("aAé😀A"))
        assertValue("\"\"\"multi\nline\"\"\"", .string("multi\nline"))
        assertValue("r'\\n'", .string("\\n"))
        assertValue("b'\\xff\\000'", .bytes([255, 0]))
        assertValue("b'é'", .bytes([0xC3, 0xA9]))
        assertValue("[1, 2,]", .list([.int(1), .int(2)]))
        assertValue("null", .null)
        assertValue("1 // comment\n + 2", .int(3))
    }

    func testLexicalErrorsCarryColumns() {
        let cases: [(String, Int)] = [
            ("1 + 'abc", 5), ("'\\q'", 2), ("9223372036854775808", 1), ("1 + #", 5), ("b'\\u0041'", 3),
            ("12abc", 3), ("a.if", 0),
        ]
        for (source, column) in cases where column > 0 {
            XCTAssertThrowsError(try CELParser.parse(source), source) { error in
                XCTAssertEqual((error as? CELCompileError)?.column, column, source)
            }
        }
        XCTAssertNoThrow(try CELParser.parse("a.if"))  // reserved words are fine as field names
    }

    func testReservedWordsRejectedAsIdentifiers() {
        for word in ["if", "package", "while", "var", "in"] {
            XCTAssertThrowsError(try CELParser.parse("\(word) + 1"), word)
        }
    }

    func testCaretRendering() throws {
        do {
            _ = try CELProgram.compile("a && (b ||)")
            XCTFail("expected error")
        } catch {
            XCTAssertEqual(error.column, 11)
            XCTAssertEqual(error.caretRendering, "a && (b ||)\n          ^")
            XCTAssertTrue(error.description.contains("<input>:1:11"))
        }
        do {
            _ = try CELProgram.compile("a &&\n  b ++ c")
        } catch {
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.caretRendering, "  b ++ c\n     ^")
        }
    }

    func testPrecedence() {
        assertValue("1 + 2 * 3", .int(7))
        assertValue("(1 + 2) * 3", .int(9))
        assertValue("10 - 4 - 3", .int(3))
        assertValue("-2 * 3", .int(-6))
        assertValue("!true || true", .bool(true))
        assertValue("true || false && false", .bool(true))
        assertValue("1 < 2 == true", .bool(true))
        assertValue("true ? 1 : false ? 2 : 3", .int(1))
        assertValue("false ? 1 : false ? 2 : 3", .int(3))
        assertValue("2 in [1, 2] && !(3 in [1, 2])", .bool(true))
        assertValue("[1, 2][1] + {'a': 3}.a", .int(5))
    }

    func testOptionalSyntaxParses() throws {
        for source in ["a.?b", "a[?0]", "{?'k': v}", "[?x, y]", "a.?b.c[?'d']"] {
            XCTAssertNoThrow(try CELParser.parse(source), source)
        }
    }

    func testDepthAndLengthLimits() {
        let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        XCTAssertThrowsError(try CELParser.parse(deep))
        let chain = Array(repeating: "1", count: 5000).joined(separator: " + ")
        XCTAssertThrowsError(try CELParser.parse(chain))
        let nestedLists = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try CELParser.parse(nestedLists))
        var options = CELOptions()
        options.maxExpressionLength = 10
        XCTAssertThrowsError(try CELParser.parse("1 + 2 + 3 + 4", options: options))
        XCTAssertNoThrow(try CELParser.parse(String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)))
        XCTAssertNoThrow(try CELParser.parse(Array(repeating: "1", count: 90).joined(separator: " + ")))
    }

    func testMacroArgumentErrors() {
        XCTAssertThrowsError(try CELParser.parse("[1].all(1, true)"))
        XCTAssertThrowsError(try CELParser.parse("has(a)"))
        XCTAssertThrowsError(try CELParser.parse("has(a['b'])"))
    }

    func testUndeclaredNamesWithDeclaredVariables() {
        XCTAssertNoThrow(try CELProgram.compile("object.spec.x > 1", declaredVariables: ["object"]))
        XCTAssertThrowsError(try CELProgram.compile("objet.spec.x > 1", declaredVariables: ["object"])) { error in
            XCTAssertTrue((error as? CELCompileError)?.message.contains("objet") ?? false)
        }
        XCTAssertThrowsError(try CELProgram.compile("nosuchfunction(1)"))
        XCTAssertThrowsError(try CELProgram.compile("'a'.matches('(')"))
    }
}
