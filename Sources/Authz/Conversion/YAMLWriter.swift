/// Renders RBAC objects as YAML documents: block mappings, flow lists of double-quoted strings.
enum YAMLWriter {
    static func comment(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 + "\n" }.joined()
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

    static func quoted(_ value: String) -> String {
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
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
