import KubeFormats

/// A small XML 1.0 writer: elements with attributes in the order given, two-space indentation,
/// and escaping that keeps any string well-formed (characters XML 1.0 forbids, such as most
/// C0 controls, become U+FFFD).
public struct XMLWriter {
    /// UTF-8 bytes appended in one buffer: a report built by `String` concatenation (an
    /// indentation string and a tag string per line) took longer than the check.
    private var bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
    private var open: [String] = []

    public init() {}

    /// The document written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The document's bytes, handed over (the writer is done).
    public consuming func finishedBytes() -> [UInt8] { bytes }

    private mutating func indent() {
        Indentation.append(depth: open.count, to: &bytes)
    }

    private mutating func tag(_ name: String, _ attributes: [(String, String)]) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: key.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            Self.appendEscaped(value, attribute: true, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// `<name a="…">` on its own line; children follow until `end()`.
    public mutating func begin(_ name: String, _ attributes: [(String, String)] = []) {
        tag(name, attributes)
        bytes.append(contentsOf: ">\n".utf8)
        open.append(name)
    }

    public mutating func end() {
        let name = open.removeLast()
        indent()
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: ">\n".utf8)
    }

    /// `<name a="…"/>`.
    public mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        tag(name, attributes)
        bytes.append(contentsOf: "/>\n".utf8)
    }

    /// `<name a="…">text</name>`, the text escaped and kept as it is (no indentation added).
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
        tag(name, attributes)
        bytes.append(UInt8(ascii: ">"))
        Self.appendEscaped(content, attribute: false, to: &bytes)
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: ">\n".utf8)
    }

    /// Whether XML 1.0 allows the character at all (production `Char`).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20 ... 0xD7FF, 0xE000 ... 0xFFFD, 0x10000 ... 0x10FFFF: true
        default: false
        }
    }

    /// Character data: `&`, `<`, `>` escaped; a carriage return as `&#13;` so parsers do not
    /// fold it into a line feed; forbidden characters replaced by U+FFFD.
    public static func escapeText(_ s: String) -> String {
        String(appendingUTF8: { appendEscaped(s, attribute: false, to: &$0) })
    }

    /// An attribute value in double quotes: as text, plus quotes, and tab and line breaks as
    /// character references so attribute-value normalisation keeps them.
    public static func escapeAttribute(_ s: String) -> String {
        String(appendingUTF8: { appendEscaped(s, attribute: true, to: &$0) })
    }

    /// Appends `s` escaped to `out`, by bytes, copying runs between replacements straight
    /// into the document. Swift strings are valid UTF-8, so the only characters XML forbids
    /// are C0 controls other than tab, line feed and carriage return, and U+FFFE and U+FFFF.
    private static func appendEscaped(_ s: String, attribute: Bool, to out: inout [UInt8]) {
        s.withUTF8Bytes { b in
            var run = 0
            var i = 0
            while i < b.count {
                let c = b[i]
                var width = 1
                let replacement: String
                switch c {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\r"): replacement = "&#13;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case UInt8(ascii: "'") where attribute: replacement = "&apos;"
                case UInt8(ascii: "\n") where attribute: replacement = "&#10;"
                case UInt8(ascii: "\t") where attribute: replacement = "&#9;"
                case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                    i += 1
                    continue
                case 0 ..< 0x20: replacement = "\u{FFFD}"
                case 0xEF where i + 2 < b.count && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF):
                    replacement = "\u{FFFD}"
                    width = 3
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run ..< i]))
                out.append(contentsOf: replacement.utf8)
                i += width
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run ..< b.count]))
        }
    }
}
