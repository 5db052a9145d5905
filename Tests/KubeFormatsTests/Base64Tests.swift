import XCTest
@testable import KubeFormats

final class Base64Tests: XCTestCase {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    func testRoundTrip() throws {
        for s in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "pass\u{00}word\u{FF}"] {
            let enc = Base64.encode(bytes(s))
            XCTAssertNil(Base64.validate(enc), enc)
            XCTAssertEqual(try Base64.decode(enc).get(), bytes(s))
        }
        XCTAssertEqual(Base64.encode(bytes("foobar")), "Zm9vYmFy")
        XCTAssertEqual(Base64.encode(bytes("fo")), "Zm8=")
        XCTAssertEqual(try Base64.decode("/+8=").get(), [0xFF, 0xEF])
    }

    func testRejects() {
        func check(_ s: String, _ code: String, _ offset: Int?, file: StaticString = #filePath, line: UInt = #line) {
            let i = Base64.validate(s)
            XCTAssertEqual(i?.code, code, i?.message ?? "no issue", file: file, line: line)
            XCTAssertEqual(i?.offset, offset, i?.message ?? "", file: file, line: line)
        }
        check("Zm9v YmFy", "base64.bad-character", 4)
        check("Zm9v\nYmFy", "base64.bad-character", 4)
        check("Zm9", "base64.missing-padding", 3)
        check("Zm", "base64.missing-padding", 2)
        check("Zm9vY", "base64.truncated", 4)
        check("Z===", "base64.bad-padding", 1)
        check("Zm=v", "base64.bad-padding", 3)
        check("Zm=", "base64.missing-padding", 3)
        check("Zm8=Zm8=", "base64.trailing-data", 4)
        check("Zm8==", "base64.trailing-data", 4)
        check("=", "base64.bad-padding", 0)
        check("ab-_", "base64.bad-character", 2)
        XCTAssertTrue(Base64.validate("ab-_")!.message.contains("base64url"))
        check("éZm8=", "base64.bad-character", 0)
        check("Zmé8=", "base64.bad-character", 2)
    }

    func testLineBreaksOption() throws {
        XCTAssertNil(Base64.validate("Zm9v\nYmFy", allowLineBreaks: true))
        XCTAssertNil(Base64.validate("Zm\r\n8=", allowLineBreaks: true))
        XCTAssertNil(Base64.validate("Zm8=\n", allowLineBreaks: true))
        XCTAssertEqual(try Base64.decode("Zm9v\nYmFy", allowLineBreaks: true).get(), bytes("foobar"))
        XCTAssertEqual(Base64.validate("Zm9v YmFy", allowLineBreaks: true)?.code, "base64.bad-character")
    }

    func testURLSafe() throws {
        XCTAssertEqual(try Base64.decodeURLSafe("eyJhbGciOiJIUzI1NiJ9").get(), bytes("{\"alg\":\"HS256\"}"))
        XCTAssertEqual(try Base64.decodeURLSafe("_-8").get(), [0xFF, 0xEF])
        XCTAssertEqual(try Base64.decodeURLSafe("_-8=").get(), [0xFF, 0xEF])
        XCTAssertNotNil(Base64.validate("_-8="))
    }
}
