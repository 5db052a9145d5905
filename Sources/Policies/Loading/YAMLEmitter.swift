import Authz
import YAMLTree

/// Writes a node back as block YAML, for policy examples shown by `palisade explain` and
/// checked by the example tests. Plain scalars keep their text (so `3` stays an int and
/// `"3"` a string); everything else is double-quoted.
enum YAMLEmitter {
    static func document(_ node: YAMLNode) -> String {
        var out = ""
        if node.isMapping && node.count > 0 {
            mapping(node, indent: 0, inline: false, into: &out, depth: 0)
        } else {
            out = scalarOrEmpty(node) + "\n"
        }
        return out
    }

    private static func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    /// `inline`: the first key continues a `- ` line of the enclosing sequence.
    private static func mapping(_ node: YAMLNode, indent: Int, inline: Bool, into out: inout String, depth: Int) {
        var first = true
        for (k, v) in node.pairs {
            if !(first && inline) { out += pad(indent) }
            first = false
            out += key(k) + ":"
            value(v, indent: indent, into: &out, depth: depth + 1)
        }
    }

    private static func sequence(_ node: YAMLNode, indent: Int, into out: inout String, depth: Int) {
        for item in node.items {
            out += pad(indent) + "-"
            if depth < 256, item.isMapping && item.count > 0 {
                out += " "
                mapping(item, indent: indent + 2, inline: true, into: &out, depth: depth + 1)
            } else if depth < 256, item.isSequence && item.count > 0 {
                out += "\n"
                sequence(item, indent: indent + 2, into: &out, depth: depth + 1)
            } else {
                out += " " + scalarOrEmpty(item) + "\n"
            }
        }
    }

    private static func value(_ v: YAMLNode, indent: Int, into out: inout String, depth: Int) {
        if depth < 256, v.isMapping && v.count > 0 {
            out += "\n"
            mapping(v, indent: indent + 2, inline: false, into: &out, depth: depth)
        } else if depth < 256, v.isSequence && v.count > 0 {
            out += "\n"
            sequence(v, indent: indent + 2, into: &out, depth: depth)
        } else {
            out += " " + scalarOrEmpty(v) + "\n"
        }
    }

    private static func scalarOrEmpty(_ node: YAMLNode) -> String {
        if node.isMapping { return "{}" }
        if node.isSequence { return "[]" }
        return scalar(node)
    }

    static func key(_ node: YAMLNode) -> String {
        let text = node.scalar ?? ""
        return isPlainSafe(text) ? text : YAMLWriter.quoted(text)
    }

    static func scalar(_ node: YAMLNode) -> String {
        let text = node.scalar ?? ""
        if node.style == .plain, node.resolvedType != .string || isPlainSafe(text) { return text }
        return YAMLWriter.quoted(text)
    }

    /// By bytes: with Foundation in the module, `String.contains(String)` bridges to NSString,
    /// and every built-in policy example is emitted when the catalogue loads.
    private static func isPlainSafe(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, !Array("-?:,[]{}#&*!|>'\"%@` ".utf8).contains(first) else { return false }
        if bytes.last == UInt8(ascii: " ") { return false }
        for i in bytes.indices {
            let b = bytes[i]
            // Printable ASCII only; ": " and " #" would end a plain scalar early.
            guard b >= 0x20, b < 0x7F else { return false }
            if i + 1 < bytes.count {
                if b == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: " ") { return false }
                if b == UInt8(ascii: " "), bytes[i + 1] == UInt8(ascii: "#") { return false }
            }
        }
        return true
    }
}
