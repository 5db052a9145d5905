/// A small JSON writer with a fixed key order, so the same findings always give the same
/// bytes (Foundation's encoders do not promise key order or number formatting).
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit: String
    private var pretty: Bool { !indentUnit.isEmpty }

    public init(pretty: Bool = true) {
        indentUnit = pretty ? "  " : ""
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if pretty, needsComma.count > 1 { text += "\n" + String(repeating: indentUnit, count: needsComma.count - 1) }
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    public mutating func endArray() { close("]") }

    private mutating func open(_ key: String?, _ bracket: String) {
        separator()
        if let key { text += Self.quote(key) + (pretty ? ": " : ":") }
        text += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { text += "\n" + String(repeating: indentUnit, count: needsComma.count - 1) }
        text += bracket
    }

    public mutating func value(_ key: String? = nil, _ string: String?) {
        raw(key, string.map(Self.quote) ?? "null")
    }

    public mutating func value(_ key: String? = nil, _ int: Int) { raw(key, String(int)) }
    public mutating func value(_ key: String? = nil, _ bool: Bool) { raw(key, bool ? "true" : "false") }

    /// A value that is already JSON text.
    public mutating func raw(_ key: String?, _ json: String) {
        separator()
        if let key { text += Self.quote(key) + (pretty ? ": " : ":") }
        text += json
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
