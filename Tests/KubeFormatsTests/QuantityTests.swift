import XCTest
import KubeFormats

final class QuantityTests: XCTestCase {
    private func q(_ s: String) throws -> Quantity { try Quantity.parse(s).get() }

    func testCanonicalForms() throws {
        let cases: [(String, String)] = [
            ("1.5Gi", "1536Mi"), ("0.5Gi", "512Mi"), ("100m", "100m"), ("1000m", "1"), ("1.5k", "1500"),
            ("1e3", "1e3"), ("12e6", "12e6"), ("0", "0"), ("-100m", "-100m"), ("1Ki", "1Ki"), ("1024", "1024"),
            ("2048Ki", "2Mi"), ("1.5", "1500m"), ("0.0000000001", "1n"), ("5G", "5G"), ("+3", "3"), ("1E", "1E"),
            ("500u", "500u"), ("0.1Ki", "102400m"),
        ]
        for (input, canonical) in cases {
            XCTAssertEqual(try q(input).description, canonical, input)
        }
    }

    func testRejectsInvalidSyntax() {
        for bad in ["", "Mi", "500mi", "1.5.0Gi", "200K", "1 Gi", "abc", "1e", "1e+", "--1", ".", "1iB", "1Gi "] {
            if case .success(let v) = Quantity.parse(bad) { XCTFail("accepted '\(bad)' as \(v)") }
        }
        if case .failure(let e) = Quantity.parse("500mi") {
            XCTAssertEqual(e.offset, 3)
            XCTAssertTrue(e.description.contains("suffix"))
        }
    }

    func testBytesAndTextParseAlike() {
        for text in ["500m", "1.5Gi", "1e3", "-2", "+3k", "", "500mi", "1.5.0Gi", "12E", "1e", "0.0000000001", "99999999999999999999999999999999999999999"] {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { Quantity.parse(utf8: $0) }
            switch (Quantity.parse(text), fromBytes) {
            case (.success(let a), .success(let b)):
                XCTAssertEqual(a, b, text)
                XCTAssertEqual(a.description, b.description, text)
            case (.failure(let a), .failure(let b)):
                XCTAssertEqual(a, b, text)
                XCTAssertTrue(a.message.hasPrefix("quantity '\(text)': "), a.message)
            default:
                XCTFail("\(text): parsed from text and from bytes disagree")
            }
        }
    }

    func testExactComparisonAndArithmetic() throws {
        XCTAssertEqual(try q("200M"), try q("0.2G"))
        XCTAssertEqual(try q("1Gi"), try q("1073741824"))
        XCTAssertLessThan(try q("999m"), try q("1"))
        XCTAssertLessThan(try q("-1"), try q("0"))
        XCTAssertEqual(try q("1.5").adding(try q("500m"))?.description, "2")
        XCTAssertEqual(try q("1Gi").subtracting(try q("512Mi"))?.description, "512Mi")
        XCTAssertEqual(try q("1").subtracting(try q("3"))?.description, "-2")
        XCTAssertTrue(try q("0m").isZero)
    }

    func testIntegerAndDoubleConversions() throws {
        XCTAssertEqual(try q("2k").asInteger(), 2000)
        XCTAssertNil(try q("1500m").asInteger())
        XCTAssertNil(try q("10E").asInteger())  // 1e19 does not fit in Int64
        XCTAssertEqual(try q("-8E").asInteger(), -8_000_000_000_000_000_000)
        XCTAssertEqual(try q("1500m").asApproximateDouble, 1.5, accuracy: 1e-12)
        XCTAssertEqual(Quantity(42).description, "42")
    }
}
