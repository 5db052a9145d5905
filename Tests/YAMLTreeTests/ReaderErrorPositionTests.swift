import XCTest
import YAMLTree

/// Text that is not valid UTF-8/UTF-16 is reported at the first byte of the invalid sequence,
/// in editor columns (characters, from 1), naming the byte (or UTF-16 code unit) found there.
final class ReaderErrorPositionTests: XCTestCase {
    /// Parses `bytes` and checks the first diagnostic: an encoding error at `line`:`column` whose
    /// message ends with `message`.
    private func assertReaderError(_ bytes: [UInt8], at line: Int, _ column: Int, _ message: String,
                                   file: StaticString = #filePath, fileLine: UInt = #line) {
        guard let d = YAMLParser.parse(bytes, file: "bad.yaml").diagnostics.first else {
            return XCTFail("no diagnostic", file: file, line: fileLine)
        }
        XCTAssertEqual(d.kind, .encoding, d.message, file: file, line: fileLine)
        XCTAssertEqual(d.position, SourcePosition(line: line, column: column), d.message, file: file, line: fileLine)
        XCTAssertTrue(d.message.hasSuffix(message), d.message, file: file, line: fileLine)
    }

    private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testTruncatedSequenceInAKeyPointsAtItsLeadingByte() {
        // "  k" then 0xC3 (a two-byte lead) followed by ':' instead of a continuation byte.
        assertReaderError(utf8("  k") + [0xC3] + utf8(": v\n"), at: 1, 4,
                          "not valid UTF-8/UTF-16 text: invalid trailing UTF-8 octet (byte 0xc3)")
    }

    func testLatin1ByteInAQuotedValuePointsAtThatByte() {
        // "café" written in Latin-1: 0xE9 opens a three-byte sequence that '"' breaks.
        assertReaderError(utf8("name: \"caf") + [0xE9] + utf8("\"\n"), at: 1, 11, ": invalid trailing UTF-8 octet (byte 0xe9)")
    }

    func testFourByteSequenceBrokenAfterTwoContinuationBytes() {
        assertReaderError(utf8("a: ok\nx: ") + [0xF0, 0x9F, 0x98] + utf8("A\n"), at: 2, 4, ": invalid trailing UTF-8 octet (byte 0xf0)")
    }

    func testColumnsCountCharactersBeforeTheBadSequence() {
        // "é" and "€" are one column each; CRLF is one line break.
        assertReaderError(utf8("a: b\r\né€: ") + [0xC3, 0x28] + utf8("\n"), at: 2, 5, "(byte 0xc3)")
    }

    func testByteOrderMarkIsNotAColumn() {
        assertReaderError([0xEF, 0xBB, 0xBF] + utf8("a: ") + [0xC3, 0x28] + utf8("\n"), at: 1, 4, "(byte 0xc3)")
    }

    func testInvalidLeadingByteIsWhereItWas() {
        assertReaderError(utf8("k: ab") + [0xFF, 0xFE, 0x80] + utf8("\n"), at: 1, 6,
                          "not valid UTF-8/UTF-16 text: invalid leading UTF-8 octet (byte 0xff)")
    }

    func testSequenceCutOffByTheEndOfTheFileNamesItsLeadingByte() {
        assertReaderError(utf8("k: v\nw: ") + [0xE2, 0x82], at: 2, 4, ": incomplete UTF-8 octet sequence (byte 0xe2)")
    }

    func testDisallowedCharactersNameTheCharacterAndItsFirstByte() {
        assertReaderError(utf8("a: ") + [0xED, 0xA0, 0x80] + utf8("\n"), at: 1, 4, ": invalid Unicode character U+D800 (byte 0xed)")
        assertReaderError(utf8("a: ") + [0xC2, 0x80] + utf8("\n"), at: 1, 4, ": control characters are not allowed U+0080 (byte 0xc2)")
    }

    func testUTF16PositionsAreInCharacters() {
        func le(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        // A high surrogate followed by 'x' instead of a low one: reported at the high surrogate.
        assertReaderError([0xFF, 0xFE] + le("a: b\nc😀: ") + [0x3D, 0xD8] + le("x\n"), at: 2, 5,
                          ": expected low surrogate area (code unit 0xd83d)")
        assertReaderError([0xFF, 0xFE] + le("a: ") + [0x00, 0xDC] + le("\n"), at: 1, 4, ": unexpected low surrogate area (code unit 0xdc00)")
    }

    func testPositionOfByteOffsetSkipsTheByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab\nc".utf8)
        XCTAssertEqual(position(ofByteOffset: 3, in: bytes), SourcePosition(line: 1, column: 1))
        XCTAssertEqual(position(ofByteOffset: 4, in: bytes), SourcePosition(line: 1, column: 2))
        XCTAssertEqual(position(ofByteOffset: 6, in: bytes), SourcePosition(line: 2, column: 1))
    }
}
