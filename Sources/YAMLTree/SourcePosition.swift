/// A place in a source file, 1-based, as editors count: lines from 1, columns in characters
/// (Unicode scalars) from 1.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }

    public var description: String { "\(line):\(column)" }
}

/// Computes the 1-based position of a byte offset by counting line breaks, for errors that
/// libyaml reports only as an offset (reader errors such as invalid UTF-8). Columns count
/// characters as an editor shows them: a byte-order mark is not one, and UTF-16 text (known by
/// its byte-order mark, as libyaml knows it) is counted in its own code units, a surrogate
/// pair being one character.
public func position(ofByteOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
    if let bigEndian = utf16ByteOrder(bytes) {
        return utf16Position(ofByteOffset: offset, in: bytes, bigEndian: bigEndian)
    }
    var line = 1
    var column = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let end = min(offset, bytes.count)
    while i < end {
        let b = bytes[i]
        if b == 0x0A {
            line += 1
            column = 1
        } else if b == 0x0D {
            // CRLF is one break; a lone CR is a break too (YAML treats both as line breaks).
            if i + 1 < end, bytes[i + 1] == 0x0A { i += 1 }
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            // Count characters, not bytes: skip UTF-8 continuation bytes.
            column += 1
        }
        i += 1
    }
    return SourcePosition(line: line, column: column)
}

/// Big-endian (true) or little-endian (false) for text starting with a UTF-16 byte-order mark.
func utf16ByteOrder(_ bytes: [UInt8]) -> Bool? {
    guard bytes.count >= 2 else { return nil }
    if bytes[0] == 0xFE && bytes[1] == 0xFF { return true }
    if bytes[0] == 0xFF && bytes[1] == 0xFE { return false }
    return nil
}

/// The UTF-16 code unit at byte `offset`, nil past the end.
func utf16Unit(at offset: Int, in bytes: [UInt8], bigEndian: Bool) -> UInt16? {
    guard offset >= 0, offset + 1 < bytes.count else { return nil }
    let (high, low) = bigEndian ? (bytes[offset], bytes[offset + 1]) : (bytes[offset + 1], bytes[offset])
    return UInt16(high) << 8 | UInt16(low)
}

private func utf16Position(ofByteOffset offset: Int, in bytes: [UInt8], bigEndian: Bool) -> SourcePosition {
    var line = 1
    var column = 1
    var i = 2
    while i < offset, let unit = utf16Unit(at: i, in: bytes, bigEndian: bigEndian) {
        if unit == 0x0A {
            line += 1
            column = 1
        } else if unit == 0x0D {
            if i + 2 < offset, utf16Unit(at: i + 2, in: bytes, bigEndian: bigEndian) == 0x0A { i += 2 }
            line += 1
            column = 1
        } else if !(0xDC00 ... 0xDFFF).contains(unit) {
            // A low surrogate ends the character its high surrogate started.
            column += 1
        }
        i += 2
    }
    return SourcePosition(line: line, column: column)
}

/// The message and place of a libyaml reader error (text that is not valid UTF-8 or UTF-16).
///
/// libyaml gives the offset where it noticed the problem: for an invalid trailing UTF-8 octet
/// that is the trailing byte (the sequence's start plus its index in it), and for a missing
/// low surrogate the unit after the high one. The place reported is the first byte of the
/// invalid sequence, where an editor puts the cursor to fix it, and the message names what is
/// there (the byte, or the UTF-16 code unit); for a character that is not allowed, the
/// character too.
func readerError(problem: String, offset: Int, value: Int, in bytes: [UInt8]) -> (message: String, position: SourcePosition) {
    var start = min(max(offset, 0), bytes.count)
    var detail = problem
    if problem == "invalid Unicode character" || problem == "control characters are not allowed", value >= 0 {
        detail += " U+" + hex(value, digits: 4, uppercase: true)
    }
    if let bigEndian = utf16ByteOrder(bytes) {
        if problem == "expected low surrogate area", start >= 4 { start -= 2 }
        if let unit = utf16Unit(at: start, in: bytes, bigEndian: bigEndian) {
            detail += " (code unit 0x\(hex(Int(unit), digits: 4)))"
        } else if start < bytes.count {
            detail += " (byte 0x\(hex(Int(bytes[start]), digits: 2)))"
        }
    } else {
        if problem == "invalid trailing UTF-8 octet" {
            // Back over the continuation bytes already accepted to the sequence's leading byte.
            var lead = start - 1
            while lead > 0, start - lead < 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            if lead >= 0, bytes[lead] >= 0xC0 { start = lead }
        }
        if start < bytes.count { detail += " (byte 0x\(hex(Int(bytes[start]), digits: 2)))" }
    }
    return (detail, position(ofByteOffset: start, in: bytes))
}

private func hex(_ value: Int, digits: Int, uppercase: Bool = false) -> String {
    let text = String(value, radix: 16, uppercase: uppercase)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
