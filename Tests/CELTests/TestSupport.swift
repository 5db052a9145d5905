@testable import CEL
import XCTest

/// Compiles and evaluates `expression`, failing the test on compile errors.
func evaluate(_ expression: String, _ variables: [String: CELValue] = [:],
              options: CELOptions = .init(), file: StaticString = #filePath, line: UInt = #line) -> Result<CELValue, CELError> {
    do {
        return try CELProgram.compile(expression, options: options).evaluate(variables)
    } catch {
        XCTFail("compile error: \(error)", file: file, line: line)
        return .failure(.invalidArgument("compile error"))
    }
}

func assertValue(_ expression: String, _ expected: CELValue, _ variables: [String: CELValue] = [:],
                 file: StaticString = #filePath, line: UInt = #line) {
    switch evaluate(expression, variables, file: file, line: line) {
    case .success(let v):
        XCTAssertTrue(conformanceEqual(v, expected), "\(expression): got \(debugText(v)), expected \(debugText(expected))",
                      file: file, line: line)
    case .failure(let e):
        XCTFail("\(expression): unexpected error \(e)", file: file, line: line)
    }
}

func assertTrue(_ expression: String, _ variables: [String: CELValue] = [:], file: StaticString = #filePath, line: UInt = #line) {
    assertValue(expression, .bool(true), variables, file: file, line: line)
}

func assertError(_ expression: String, containing text: String = "", _ variables: [String: CELValue] = [:],
                 options: CELOptions = .init(), file: StaticString = #filePath, line: UInt = #line) {
    switch evaluate(expression, variables, options: options, file: file, line: line) {
    case .success(let v): XCTFail("\(expression): expected error, got \(debugText(v))", file: file, line: line)
    case .failure(let e):
        XCTAssertTrue(text.isEmpty || e.message.contains(text), "\(expression): error '\(e.message)' lacks '\(text)'",
                      file: file, line: line)
    }
}
