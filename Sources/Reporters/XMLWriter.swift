/// A small XML 1.0 writer: elements with attributes in the order given, two-space indentation,
/// and escaping that keeps any string well-formed (characters XML 1.0 forbids, such as most
/// C0 controls, become U+FFFD).
public struct XMLWriter {
    public private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    public init() {}

    private var indent: String { String(repeating: "  ", count: open.count) }

    private static func tag(_ name: String, _ attributes: [(String, String)]) -> String {
        var out = "<" + name
        for (key, value) in attributes { out += " \(key)=\"\(escapeAttribute(value))\"" }
        return out
    }

    /// `<name a="…">` on its own line; children follow until `end()`.
    public mutating func begin(_ name: String, _ attributes: [(String, String)] = []) {
        text += indent + Self.tag(name, attributes) + ">\n"
        open.append(name)
    }

    public mutating func end() {
        let name = open.removeLast()
        text += indent + "</\(name)>\n"
    }

    /// `<name a="…"/>`.
    public mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        text += indent + Self.tag(name, attributes) + "/>\n"
    }

    /// `<name a="…">text</name>`, the text escaped and kept as it is (no indentation added).
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
        text += indent + Self.tag(name, attributes) + ">" + Self.escapeText(content) + "</\(name)>\n"
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
        escape(s, attribute: false)
    }

    /// An attribute value in double quotes: as text, plus quotes, and tab and line breaks as
    /// character references so attribute-value normalisation keeps them.
    public static func escapeAttribute(_ s: String) -> String {
        escape(s, attribute: true)
    }

    private static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default:
                out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
