/// Renders RBAC objects as YAML documents: block mappings, flow lists of double-quoted strings.
public enum YAMLWriter {
    static func comment(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + commentText($0) + "\n" }.joined()
    }

    /// Comment text holds values from the ABAC file (user and group names may contain any JSON-escaped
    /// character): what YAML does not allow in a comment (control characters, NUL) or reads as a line
    /// break (CR, NEL, LS, PS) is written as a `\u` escape, so the output stays one valid YAML stream.
    private static func commentText(_ line: Substring) -> String {
        var out = ""
        for c in line.unicodeScalars {
            if isPrintable(c) { out.unicodeScalars.append(c) } else { out += escape(c) }
        }
        return out
    }

    /// YAML's printable set (tab, ASCII, and the rest of Unicode but C1 controls and non-characters),
    /// minus the characters that YAML reads as line breaks (NEL, LS, PS) and the byte-order mark.
    private static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x09 || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF && v != 0x2028 && v != 0x2029)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF) || v >= 0x10000
    }

    /// `\uXXXX` (every non-printable scalar is in the BMP).
    private static func escape(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Plain when unambiguous, else double-quoted with JSON-style escapes.
    static func scalar(_ value: String) -> String {
        let plainSafe = !value.isEmpty && value.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "." || c == "_" || c == "/"
        }
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"].contains(value.lowercased())
        let numeric = value.first.map { $0.isNumber || $0 == "." || $0 == "-" } ?? false
        return plainSafe && !reserved && !numeric ? value : quoted(value)
    }

    /// A YAML double-quoted scalar whose text cannot break the document: quotes, backslashes,
    /// control characters and Unicode line breaks are escaped. Also used by the policy
    /// module when it writes manifests back out.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if !isPrintable(c) {
                    out += escape(c)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ", ") + "]"
    }

    static func role(_ role: RBACRole) -> String {
        var text = "apiVersion: \(RBACGroup.name)/v1\nkind: \(role.kind)\nmetadata:\n  name: \(scalar(role.name))\n"
        if role.scope == .namespaced { text += "  namespace: \(scalar(role.namespace))\n" }
        text += "rules:\n"
        for rule in role.rules {
            var first = true
            func line(_ key: String, _ values: [String]) {
                text += (first ? "- " : "  ") + "\(key): \(list(values))\n"
                first = false
            }
            if !rule.apiGroups.isEmpty { line("apiGroups", rule.apiGroups) }
            if !rule.resources.isEmpty { line("resources", rule.resources) }
            if !rule.nonResourceURLs.isEmpty { line("nonResourceURLs", rule.nonResourceURLs) }
            line("verbs", rule.verbs)
        }
        return text
    }

    static func binding(_ binding: RBACBinding) -> String {
        var text = "apiVersion: \(RBACGroup.name)/v1\nkind: \(binding.kind)\nmetadata:\n  name: \(scalar(binding.name))\n"
        if binding.scope == .namespaced { text += "  namespace: \(scalar(binding.namespace))\n" }
        text += "roleRef:\n  apiGroup: \(RBACGroup.name)\n  kind: \(binding.roleRef.kind)\n  name: \(scalar(binding.roleRef.name))\n"
        text += "subjects:\n"
        for subject in binding.subjects {
            text += "- kind: \(subject.kind)\n"
            if let group = subject.apiGroup, !group.isEmpty { text += "  apiGroup: \(group)\n" }
            text += "  name: \(scalar(subject.name))\n"
            if !subject.namespace.isEmpty { text += "  namespace: \(scalar(subject.namespace))\n" }
        }
        return text
    }
}
