import KubeFormats

/// A small JSON writer with a fixed key order, so the same findings always give the same
/// bytes (Foundation's encoders do not promise key order or number formatting).
///
/// It appends UTF-8 bytes to one buffer: a report of tens of thousands of findings built
/// from `String` pieces (an indentation string, a quoted copy, a number text per value)
/// took longer than the check that found them.
public struct JSONWriter {
    private var bytes: [UInt8] = []
    /// Per open container: whether it has an item yet (a comma goes before the next).
    private var needsComma: [Bool] = [false]
    private let pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    /// The document written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The document's bytes and a final newline, handed over (the writer is done).
    public consuming func finishedBytes() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private mutating func newline(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        Indentation.append(depth: depth, to: &bytes)
    }

    private mutating func separator() {
        let last = needsComma.count - 1
        if needsComma[last] { bytes.append(UInt8(ascii: ",")) }
        needsComma[last] = true
        if pretty, last > 0 { newline(depth: last) }
    }

    private mutating func key(_ key: String?) {
        guard let key else { return }
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray(_ key: String? = nil) { open(key, UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        separator()
        self.key(key)
        bytes.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { newline(depth: needsComma.count - 1) }
        bytes.append(bracket)
    }

    public mutating func value(_ key: String? = nil, _ string: String?) {
        separator()
        self.key(key)
        if let string { Self.appendQuoted(string, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    public mutating func value(_ key: String? = nil, _ int: Int) {
        separator()
        self.key(key)
        Self.appendDecimal(int, to: &bytes)
    }

    public mutating func value(_ key: String? = nil, _ bool: Bool) { raw(key, bool ? "true" : "false") }

    /// A value that is already JSON text.
    public mutating func raw(_ key: String?, _ json: String) {
        separator()
        self.key(key)
        bytes.append(contentsOf: json.utf8)
    }

    public static func quote(_ s: String) -> String {
        String(appendingUTF8: { appendQuoted(s, to: &$0) })
    }

    /// `s` as a JSON string. Control characters, DEL and the two line separators JavaScript
    /// treats as newlines (U+2028, U+2029) are escaped; other text is copied as UTF-8, in
    /// runs between escapes.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        s.withUTF8Bytes { bytes in
            var run = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                // Printable ASCII other than `"` and `\`, and UTF-8 bytes other than 0xE2.
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte < 0x7F || (byte > 0x7F && byte != 0xE2) {
                    i += 1
                    continue
                }
                var width = 1
                var escape: UInt8?
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape = byte
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                case 0 ..< 0x20, 0x7F: break
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    width = 3
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run ..< i]))
                if let escape {
                    out.append(UInt8(ascii: "\\"))
                    out.append(escape)
                } else {
                    appendUnicodeEscape(width == 3 ? (bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(byte), to: &out)
                }
                i += width
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run ..< bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }
}

/// Two spaces a level, appended from one buffer instead of two bytes at a time.
enum Indentation {
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 128)

    static func append(depth: Int, to out: inout [UInt8]) {
        var left = 2 * depth
        while left > 0 {
            let n = min(left, spaces.count)
            spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
            left -= n
        }
    }
}
