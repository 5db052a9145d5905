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
/// libyaml reports only as an offset (reader errors such as invalid UTF-8).
public func position(ofByteOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
    var line = 1
    var column = 1
    var i = 0
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
