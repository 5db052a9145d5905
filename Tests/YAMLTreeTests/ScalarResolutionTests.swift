import XCTest
@testable import YAMLTree

final class ScalarResolutionTests: XCTestCase {
    private func node(_ value: String) throws -> YAMLNode {
        try XCTUnwrap(YAMLParser.parse(Array("v: \(value)\n".utf8), file: "t").documents.first?.root["v"])
    }

    func testYAML11Booleans() throws {
        for word in ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N"] {
            let n = try node(word)
            XCTAssertEqual(n.resolvedType, .bool, word)
            XCTAssertTrue(n.isYAML11OnlyBoolean, word)
        }
        for word in ["true", "True", "false", "FALSE"] {
            XCTAssertEqual(try node(word).resolvedType, .bool, word)
            XCTAssertFalse(try node(word).isYAML11OnlyBoolean, word)
        }
        XCTAssertEqual(try node("yes").boolValue, true)
        XCTAssertEqual(try node("Off").boolValue, false)
        XCTAssertEqual(try node("on").boolValue, true)
        XCTAssertEqual(try node("n").boolValue, false)
    }

    func testQuotedWordsAreStrings() throws {
        XCTAssertEqual(try node("\"yes\"").resolvedType, .string)
        XCTAssertEqual(try node("'no'").resolvedType, .string)
        XCTAssertFalse(try node("'no'").isYAML11OnlyBoolean)
        XCTAssertEqual(try node("yesterday").resolvedType, .string)
        XCTAssertEqual(try node("nope").resolvedType, .string)
    }

    func testNulls() throws {
        for word in ["~", "null", "Null", "NULL", ""] {
            XCTAssertEqual(try node(word).resolvedType, .null, word)
        }
    }

    func testIntegers() throws {
        XCTAssertEqual(try node("42").intValue, 42)
        XCTAssertEqual(try node("-7").intValue, -7)
        XCTAssertEqual(try node("0x1F").intValue, 31)
        XCTAssertEqual(try node("010").intValue, 8)
        XCTAssertEqual(try node("0b101").intValue, 5)
        XCTAssertEqual(try node("1_000").intValue, 1000)
        XCTAssertEqual(try node("9223372036854775807").intValue, Int64.max)
        XCTAssertNil(try node("9223372036854775808").intValue)
        XCTAssertEqual(try node("-9223372036854775808").intValue, Int64.min)
        XCTAssertEqual(try node("0xZZ").resolvedType, .string)
        // Signs, underscores and the YAML 1.1 prefixes, as Kubernetes' decoder reads them.
        XCTAssertEqual(try node("+12").intValue, 12)
        XCTAssertEqual(try node("0").intValue, 0)
        XCTAssertEqual(try node("-0x10").intValue, -16)
        XCTAssertEqual(try node("0o17").intValue, 15)
        XCTAssertEqual(try node("0_17").intValue, 15)
        XCTAssertEqual(try node("0xff_ff").intValue, 65535)
        XCTAssertNil(try node("0x_").intValue)
        XCTAssertNil(try node("99999999999999999999999").intValue)
    }

    func testFloats() throws {
        XCTAssertEqual(try node("1.5").resolvedType, .float)
        XCTAssertEqual(try node("1e3").doubleValue, 1000)
        XCTAssertEqual(try node(".inf").doubleValue, .infinity)
        XCTAssertTrue(try node(".NaN").doubleValue?.isNaN ?? false)
        XCTAssertEqual(try node("1.2.3").resolvedType, .string)
        XCTAssertEqual(try node("500Mi").resolvedType, .string)
        XCTAssertEqual(try node("1e").resolvedType, .string)
        XCTAssertEqual(try node(".").resolvedType, .string)
    }
}
